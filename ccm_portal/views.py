from django.conf import settings
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ccm_portal.lib.i18n import page_in


@require_safe
@never_cache
def choose_language(request, code: str):
    """Go to the page ``next`` (of this site only; anything else goes to the home page) in the
    language ``code``, and remember the choice in a cookie (the language of the e-mails sent
    to a person who then signs in). The footer links straight to each page's other languages;
    this address serves older links and forms that name a page and a language. A GET link
    rather than a form, so that public pages carry no CSRF token and can be cached."""
    if code not in dict(settings.LANGUAGES):
        raise Http404("Not an interface language")
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(page_in(target, code))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@require_safe
@never_cache
def healthz(request):
    """Liveness and database readiness, for the load balancer and docker-compose."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # the database is down: say so, do not crash
        return JsonResponse({"status": "error", "database": str(exc.__class__.__name__)}, status=503)
    return JsonResponse({"status": "ok"})


@require_safe
def robots(request):
    return HttpResponse(
        "User-agent: *\nDisallow: /admin/\nDisallow: /accounts/\nDisallow: /submissions/\n",
        content_type="text/plain",
    )
