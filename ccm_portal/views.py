from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache


def home(request):
    return render(request, "home.html")


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
