from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from machinery.models import presidency_chain
from machinery.models.on_date import presidency_situation
from meetings.models import Document, Meeting


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


@never_cache
def healthz(request):
    """Liveness and database readiness, for the load balancer and docker-compose."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # the database is down: say so, do not crash
        return JsonResponse({"status": "error", "database": str(exc.__class__.__name__)}, status=503)
    return JsonResponse({"status": "ok"})


def robots(request):
    return HttpResponse(
        "User-agent: *\nDisallow: /admin/\nDisallow: /accounts/\nDisallow: /submissions/\n",
        content_type="text/plain",
    )
