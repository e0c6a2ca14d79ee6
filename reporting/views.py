"""Reporting's pages: the public overview on any date, a report's PDF, and the ISU's list of the
States the President's mandate concerns (staff only: a 404 for everyone else signed in)."""

import csv
import io
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ccm_portal.lib.cache import public_page

from . import demo
from .chart import rate_chart
from .forms import ImportForm, OnDateForm
from .importing import COLUMNS, ImportFileError, Row, import_rows, parse
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


IMPORT_SALT = "reporting.import"
IMPORT_MAX_AGE = 3600  # seconds between the preview and the confirmation


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_import(request):
    """Import the history of Article 7 reports from a spreadsheet: upload, preview with the
    errors of each row, confirm; with a single bad row nothing is imported."""
    context = {"form": ImportForm(), "columns": COLUMNS}
    if request.method != "POST":
        return render(request, "reporting/import.html", context)
    if "payload" in request.POST:
        try:
            data = signing.loads(request.POST["payload"], salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE)
            rows = [Row(number, {c: str(values.get(c, "")) for c in COLUMNS}) for number, values in data]
        except (signing.BadSignature, TypeError, ValueError, AttributeError):
            context["file_error"] = _("The preview has expired or was altered: upload the file again.")
            return render(request, "reporting/import.html", context, status=400)
        try:
            count = import_rows(rows, by=request.user)
        except ValueError:
            context.update(rows=rows, has_errors=True)
            return render(request, "reporting/import.html", context, status=400)
        messages.success(request, _("%(count)s reports imported.") % {"count": count})
        return redirect("reporting:report-import")
    form = ImportForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        return render(request, "reporting/import.html", context, status=400)
    try:
        rows = parse(form.cleaned_data["file"])
    except ImportFileError as exc:
        context["file_error"] = str(exc)
        return render(request, "reporting/import.html", context, status=400)
    has_errors = any(row.errors for row in rows)
    context.update(rows=rows, has_errors=has_errors)
    if not has_errors:
        raw = [[row.number, {c: row.data[c] for c in COLUMNS}] for row in rows]
        context["payload"] = signing.dumps(raw, salt=IMPORT_SALT, compress=True)
    return render(request, "reporting/import.html", context, status=400 if has_errors else 200)
