"""The ISU's printing and check-in pages for a meeting: the list of participants (issued as a
document of the meeting), the badges, the name plates, the seating plan as PDF, and the
check-in desk with the attendance per day. Staff only: a 404 for everyone else signed in.
The badges and the latest arrivals carry personal data: their download and view are written to
the security log."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .. import badges, participants_list, printing, services
from ..forms import CheckInForm, ParticipantsListForm
from ..models import SeatingLayout, SecurityEvent
from .delegation import _files, _get_period, _posted
from .isu import staff_required


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_required
def isu_participants_list(request, slug: str):
    """The list of participants: the document issued, and the form to issue it (again, as a
    revision) in the languages chosen."""
    period = _get_period(slug)
    meeting = period.meeting
    form = ParticipantsListForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        document = participants_list.issue(meeting, languages=form.cleaned_data["languages"], by=request.user)
        messages.success(
            request,
            _("The list of participants was issued as %(reference)s; its PDF files are being prepared.")
            % {"reference": document.reference},
        )
        return redirect("registration:isu-participants", slug=slug)
    groups = participants_list.grouped(meeting)
    return render(
        request,
        "registration/isu_participants.html",
        {
            "period": period,
            "meeting": meeting,
            "form": form,
            "document": participants_list.current_list(meeting),
            "groups": [(dict(participants_list.GROUPS)[key], regs) for key, regs in groups],
        },
        status=400 if form.errors else 200,
    )


@staff_required
@require_safe
def isu_badges(request, slug: str):
    period = _get_period(slug)
    content, count = printing.badges_pdf(period.meeting)
    services.log_personal_data(
        user=request.user,
        action=SecurityEvent.Action.EXPORTED,
        meeting=period.meeting,
        detail=f"badges, {count} members",
    )
    return _pdf(content, f"badges-{period.meeting.slug}.pdf")


@staff_required
@require_safe
def isu_name_plates(request, slug: str):
    period = _get_period(slug)
    content, _count = printing.name_plates_pdf(period.meeting)
    return _pdf(content, f"name-plates-{period.meeting.slug}.pdf")


@staff_required
@require_safe
def isu_seating_pdf(request, slug: str):
    period = _get_period(slug)
    layout = (
        SeatingLayout.objects.filter(meeting=period.meeting).select_related("meeting", "first_state").first()
    )
    if layout is None:
        raise Http404
    return _pdf(printing.seating_pdf(layout), f"seating-{period.meeting.slug}.pdf")


@staff_required
def isu_check_in(request, slug: str):
    """The check-in desk: a badge's code typed (or typed by a scanner) or a photo of its QR
    code; records the arrival once a day and says when a second scan's holder arrived."""
    period = _get_period(slug)
    meeting = period.meeting
    form = CheckInForm(_posted(request), _files(request))
    if request.method == "POST" and form.is_valid():
        token = (form.cleaned_data.get("token") or "").strip()
        if not token and form.cleaned_data.get("photo"):
            token = badges.decode_qr(form.cleaned_data["photo"])
            if not token:
                form.add_error("photo", _("No QR code could be read in this photo: type the code instead."))
        if token:
            try:
                arrival = badges.check_in(meeting, token, by=request.user)
            except badges.CheckInRefused as refusal:
                form.add_error("token", str(refusal))
            else:
                person = {
                    "name": arrival.participant.display_name or _("(erased)"),
                    "delegation": arrival.participant.registration.delegation,
                    "time": date_format(
                        timezone.localtime(arrival.check_in.at, badges.meeting_zone(meeting)),
                        "SHORT_DATETIME_FORMAT",
                    ),
                }
                if arrival.first:
                    messages.success(request, _("%(name)s (%(delegation)s) arrived at %(time)s.") % person)
                else:
                    messages.warning(
                        request, _("%(name)s (%(delegation)s) had already arrived, at %(time)s.") % person
                    )
                return redirect("registration:isu-check-in", slug=slug)
    today = timezone.localtime(timezone.now(), badges.meeting_zone(meeting)).date()
    arrivals = badges.recent_arrivals(meeting, day=today)
    if arrivals:
        services.log_personal_data(
            user=request.user,
            action=SecurityEvent.Action.VIEWED,
            meeting=meeting,
            detail=f"check-in desk, {len(arrivals)} arrivals shown",
        )
    return render(
        request,
        "registration/isu_check_in.html",
        {
            "period": period,
            "meeting": meeting,
            "form": form,
            "today": today,
            "attendance": badges.attendance(meeting),
            "arrivals": arrivals,
        },
        status=400 if form.errors else 200,
    )
