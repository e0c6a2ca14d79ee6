"""Bare Django: no middleware, no database, no templates, one view returning a 2 KB page.

The yardstick of ``make bench``: served by gunicorn exactly as the portal is (same worker
class, same number of workers), so the ratio portal / bare measures what the portal adds.

    gunicorn bench.bare.app:application --workers 2 --bind 127.0.0.1:8603
"""

from django.conf import settings

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-bare-django-not-secret",  # noqa: S106
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        DATABASES={},
        USE_I18N=False,
    )

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

# 2,048 bytes of HTML.
_HEAD = b"<!doctype html><html lang=en><head><meta charset=utf-8><title>Bare Django</title></head><body><p>"
_TAIL = b"</p></body></html>\n"
BODY = _HEAD + b"x" * (2048 - len(_HEAD) - len(_TAIL)) + _TAIL
assert len(BODY) == 2048


def page(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("", page)]

application = get_wsgi_application()
