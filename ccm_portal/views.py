from django.conf import settings
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ccm_portal.lib.cache import public_page
from ccm_portal.lib.i18n import page_in
from documents.models import Document
from machinery.on_date import presidency_chain, presidency_situation
from meetings.models import Meeting


@public_page
def home(request):
    """Upcoming and recent meetings, the latest documents and the Presidency of today."""
    today = timezone.localdate()
    upcoming = list(
        Meeting.objects.upcoming(today).select_related("country").order_by("start_date", "start_time")[:5]
    )
    recent = list(Meeting.objects.past(today).select_related("country").order_by("-start_date")[:3])
    for meeting in upcoming + recent:
        meeting.status_shown = meeting.status_label_on(today)
    latest = list(Document.objects.published().for_listing().order_by("-published_at", "-date", "-pk")[:5])
    return render(
        request,
        "home.html",
        {
            "today": today,
            "upcoming": upcoming,
            "recent": recent,
            "latest_documents": latest,
            "presidency": presidency_situation(today, presidency_chain()),
        },
    )


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
