"""Reporting's pages: the public overview on any date, a report's PDF, and the ISU's list of the
States the President's mandate concerns (staff only: a 404 for everyone else signed in)."""

import csv
import io
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ccm_portal.lib.cache import public_page

from . import demo
from .chart import rate_chart
from .forms import OnDateForm
from .models import ReportVersion
from .permissions import is_isu
from .status import mandate_list, reporting_on

PDF_MAX_AGE = 3600


def staff_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_isu(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _day_from(request):
    """The form and the day it gives (today when empty); the day is None when the date is bad."""
    today = timezone.localdate()
    form = OnDateForm(request.GET if "on" in request.GET else None)
    if form.is_bound and not form.is_valid():
        return form, today, None
    return form, today, (form.cleaned_data.get("on") if form.is_bound else None) or today


@public_page
def overview(request):
    """Reporting on a date (today, or ``?on=YYYY-MM-DD``): the rate by year, overdue reports,
    the Article 3 and 4 deadlines in force and the extension requests."""
    form, today, day = _day_from(request)
    context = {"form": form, "today": today, "day": day, "is_today": day == today}
    if day is None:
        return render(request, "reporting/overview.html", context, status=400)
    r = reporting_on(day)
    context.update(r=r, chart=rate_chart(r.rates), demonstration=settings.DEBUG and demo.exists())
    return render(request, "reporting/overview.html", context)


@require_safe
def report_pdf(request, pk: int, language: str):
    version = get_object_or_404(
        ReportVersion.objects.select_related("report__state"), report_id=pk, language=language
    )
    try:
        handle = version.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{version.filename}"'
    patch_cache_control(response, public=True, max_age=PDF_MAX_AGE)
    return response


@staff_required
@require_safe
def mandate(request):
    """The States the President's mandate concerns on a date (CCM/CONF/2021/6, paragraph 21)."""
    form, today, day = _day_from(request)
    context = {"form": form, "today": today, "day": day, "is_today": day == today}
    if day is None:
        return render(request, "reporting/mandate.html", context, status=400)
    context["rows"] = mandate_list(day)
    context["demonstration"] = settings.DEBUG and demo.exists()
    return render(request, "reporting/mandate.html", context)


REASONS = {
    "article-3": "Article 3",
    "article-4": "Article 4",
    "article-3-6": "Article 3(6)",
}


def _cell(value: str) -> str:
    """Text a spreadsheet will not run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@staff_required
@require_safe
def mandate_csv(request):
    form, today, day = _day_from(request)
    if day is None:
        context = {"form": form, "today": today, "day": None}
        return render(request, "reporting/mandate.html", context, status=400)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [_("State"), "ISO", _("Obligations"), _("Years without a report"), _("Last report received")]
    )
    for row in mandate_list(day):
        writer.writerow(
            [
                _cell(str(value))
                for value in (
                    row.state.name,
                    row.state.iso3,
                    "; ".join(REASONS[reason] for reason in row.reasons),
                    ", ".join(str(year) for year in row.years),
                    row.last_report.isoformat() if row.last_report else "",
                )
            ]
        )
    response = HttpResponse(out.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ccm-president-mandate-{day.isoformat()}.csv"'
    return response
