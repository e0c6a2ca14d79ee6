"""The ISU's registration pages for a meeting: every delegation's registration with filters,
bulk approval and rejection, who has not registered, one registration with its members, the CSV
and XLSX exports, deadline extensions and the seating plan. Staff only: a 404 for everyone else signed in.
Views and exports of members' personal data are written to the security log."""

import csv
import io
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from .. import services
from ..forms import DecisionForm, RegistrationExtensionForm, RegistrationFilterForm, SeatingForm
from ..models import DelegationRegistration, Participant, RegistrationExtension, SeatingLayout, SecurityEvent
from ..permissions import is_isu
from ..seating import seating_drawing, seating_plan
from .delegation import _get_period, _posted


def staff_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_isu(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _list_context(request, period, decision_form=None):
    """The list page's context; ``decision_form`` is the bound form of a refused decision, whose
    ticked registrations stay ticked."""
    filters = RegistrationFilterForm(request.GET or None)
    registrations = filters.filter(
        DelegationRegistration.objects.for_meeting(period.meeting).with_counts().order_by("delegation__name")
    )
    return {
        "period": period,
        "meeting": period.meeting,
        "filters": filters,
        "registrations": list(registrations),
        "decision_form": decision_form or DecisionForm(meeting=period.meeting),
        "selected": set(decision_form.data.getlist("registrations")) if decision_form else set(),
        "missing": services.not_registered(period.meeting),
        "figures": services.figures(period.meeting),
    }


@staff_required
@require_safe
def isu_list(request, slug: str):
    period = _get_period(slug)
    return render(request, "registration/isu_list.html", _list_context(request, period))


@staff_required
@require_POST
def isu_decide(request, slug: str):
    period = _get_period(slug)
    form = DecisionForm(request.POST, meeting=period.meeting)
    if form.is_valid():
        try:
            changed = services.decide(
                form.cleaned_data["registrations"],
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except services.Refused as refusal:
            form.add_error("reason", str(refusal))
        else:
            messages.success(request, _("%(n)s registrations were changed.") % {"n": changed})
            return redirect("registration:isu-list", slug=slug)
    return render(request, "registration/isu_list.html", _list_context(request, period, form), status=400)


@staff_required
@require_safe
def isu_detail(request, slug: str, pk: int):
    period = _get_period(slug)
    registration = get_object_or_404(
        DelegationRegistration.objects.select_related("delegation", "decided_by"),
        pk=pk,
        meeting=period.meeting,
    )
    services.log_personal_data(
        user=request.user,
        action=SecurityEvent.Action.VIEWED,
        meeting=period.meeting,
        delegation=registration.delegation,
        detail="registration page",
    )
    return render(
        request,
        "registration/isu_detail.html",
        {
            "period": period,
            "meeting": period.meeting,
            "registration": registration,
            "members": list(registration.participants.in_order()),
        },
    )


EXPORT_HEADER = [
    "delegation",
    "registration state",
    "credentials",
    "role",
    "title",
    "name",
    "function",
    "e-mail",
    "gender",
    "field visit",
    "consent to publish",
]


def _export_rows(meeting):
    """Every member of every registration of the meeting, one row each, by delegation."""
    registrations = (
        DelegationRegistration.objects.for_meeting(meeting)
        .select_related("delegation")
        .prefetch_related(Prefetch("participants", queryset=Participant.objects.in_order()))
        .order_by("delegation__name")
    )
    for registration in registrations:
        for member in registration.participants.all():
            yield [
                _csv_safe(v)
                for v in (
                    registration.delegation.name,
                    registration.state,
                    registration.credentials,
                    member.role,
                    member.title,
                    member.name,
                    member.function,
                    member.email,
                    member.gender,
                    "yes" if member.field_visit else "no",
                    "yes" if member.consent_to_publish else "no",
                )
            ]


@staff_required
@require_safe
def isu_export(request, slug: str):
    """Every member of every registration, as CSV (logged in the security log)."""
    period = _get_period(slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="registration-{period.meeting.slug}.csv"'
    writer = csv.writer(response)
    writer.writerow(EXPORT_HEADER)
    rows = 0
    for row in _export_rows(period.meeting):
        writer.writerow(row)
        rows += 1
    services.log_personal_data(
        user=request.user,
        action=SecurityEvent.Action.EXPORTED,
        meeting=period.meeting,
        detail=f"CSV export, {rows} members",
    )
    return response


@staff_required
@require_safe
def isu_export_xlsx(request, slug: str):
    """The same rows as the CSV export, as an Excel workbook (logged in the security log)."""
    from openpyxl import Workbook

    period = _get_period(slug)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Registrations")[:31])
    sheet.append(EXPORT_HEADER)
    rows = 0
    for row in _export_rows(period.meeting):
        sheet.append(row)
        rows += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    services.log_personal_data(
        user=request.user,
        action=SecurityEvent.Action.EXPORTED,
        meeting=period.meeting,
        detail=f"XLSX export, {rows} members",
    )
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="registration-{period.meeting.slug}.xlsx"'
    return response


def _csv_safe(value) -> str:
    # A cell a spreadsheet would read as a formula is prefixed with an apostrophe.
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@staff_required
def isu_extend(request, slug: str):
    period = _get_period(slug)
    form = RegistrationExtensionForm(_posted(request), window=period)
    if request.method == "POST" and form.is_valid():
        try:
            services.extend_registration(
                period,
                delegation=form.cleaned_data["delegation"],
                new_deadline=form.cleaned_data["new_deadline"],
                decided_by=form.cleaned_data["decided_by"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except services.Refused as refusal:
            form.add_error("new_date", str(refusal))
        else:
            messages.success(request, _("The extension was recorded."))
            return redirect("registration:isu-extend", slug=slug)
    extensions = RegistrationExtension.objects.filter(window=period).select_related(
        "delegation", "recorded_by"
    )
    return render(
        request,
        "registration/isu_extend.html",
        {"period": period, "meeting": period.meeting, "form": form, "extensions": list(extensions)},
        status=400 if form.errors else 200,
    )


@staff_required
def isu_seating(request, slug: str):
    """The draw of lots and the layout (a form), and the plan as an SVG drawing with a table."""
    period = _get_period(slug)
    layout = (
        SeatingLayout.objects.filter(meeting=period.meeting).select_related("meeting", "first_state").first()
    )
    form = SeatingForm(_posted(request), instance=layout)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.meeting = period.meeting
        saved._history_user = request.user
        saved.save()
        messages.success(request, _("The seating was saved."))
        return redirect("registration:isu-seating", slug=slug)
    places = seating_plan(layout) if layout else []
    drawing = seating_drawing(layout, places) if layout else None
    return render(
        request,
        "registration/isu_seating.html",
        {
            "period": period,
            "meeting": period.meeting,
            "layout": layout,
            "form": form,
            "places": places,
            "drawing": drawing,
        },
        status=400 if form.errors else 200,
    )
