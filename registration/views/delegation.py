"""The delegation's registration pages for a meeting: register with the note verbale, add and
change members, replace the letter, withdraw.

Everything is loaded through ``_get_registration_for_owner``: a person acting for no delegation
gets a 404, and each focal point reaches only its own delegation's registration, so another
delegation's registration is never shown. Anonymous visitors are sent to sign in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from .. import services
from ..forms import LetterForm, ParticipantForm, WithdrawForm
from ..models import DelegationRegistration, Participant, RegistrationPeriod
from ..permissions import acting_delegation, can_see_members, is_isu


def _posted(request):
    """The form's data on a POST (even an empty one, which must show the form's errors)."""
    return request.POST if request.method == "POST" else None


def _files(request):
    return request.FILES if request.method == "POST" else None


def _get_period(slug: str) -> RegistrationPeriod:
    return get_object_or_404(RegistrationPeriod.objects.with_extensions(), meeting__slug=slug)


def _get_registration_for_owner(request, period: RegistrationPeriod) -> DelegationRegistration | None:
    delegation = acting_delegation(request)
    if delegation is None:
        raise Http404
    return (
        DelegationRegistration.objects.filter(meeting=period.meeting, delegation=delegation)
        .select_related("delegation", "meeting")
        .first()
    )


def _owned_or_404(request, period: RegistrationPeriod) -> DelegationRegistration:
    registration = _get_registration_for_owner(request, period)
    if registration is None:
        raise Http404
    return registration


@login_required
def registration_detail(request, slug: str):
    """The delegation's registration, or the form to register (note verbale and head of
    delegation) when it has none."""
    period = _get_period(slug)
    if is_isu(request.user) and acting_delegation(request) is None:
        return redirect("registration:isu-list", slug=slug)
    registration = _get_registration_for_owner(request, period)
    delegation = acting_delegation(request)
    if registration is not None:
        return render(
            request,
            "registration/registration_detail.html",
            {
                "period": period,
                "meeting": period.meeting,
                "registration": registration,
                "members": list(registration.participants.in_order()),
                "refusal": period.refusal(delegation, at=timezone.now()),
                "withdraw_form": WithdrawForm(),
            },
        )
    letter_form = LetterForm(
        _posted(request),
        _files(request),
        delegation=delegation,
        credentials_required=period.credentials_required,
    )
    head_form = ParticipantForm(_posted(request), prefix="head", initial={"role": Participant.Role.HEAD})
    refusal = period.refusal(delegation, at=timezone.now())
    if request.method == "POST":
        letter_ok = letter_form.is_valid()
        head_ok = head_form.is_valid()
        if refusal is not None:
            messages.error(request, refusal)
        elif letter_ok and head_ok:
            try:
                services.register(
                    period,
                    delegation=delegation,
                    letter=letter_form.cleaned_data["letter"],
                    credentials=letter_form.cleaned_data.get("credentials") or "none",
                    head=head_form.cleaned_data,
                    by=request.user,
                )
            except services.Refused as refusal_error:
                messages.error(request, str(refusal_error))
            else:
                messages.success(
                    request, _("Your delegation is registered. The ISU will review the registration.")
                )
                return redirect("registration:registration-detail", slug=slug)
    return render(
        request,
        "registration/register.html",
        {
            "period": period,
            "meeting": period.meeting,
            "delegation": delegation,
            "letter_form": letter_form,
            "head_form": head_form,
            "refusal": refusal,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def participant_form(request, slug: str, pk: int | None = None):
    """Add a member (``pk`` None) or change one of the delegation's own members."""
    period = _get_period(slug)
    registration = _owned_or_404(request, period)
    participant = None
    if pk is not None:
        participant = get_object_or_404(Participant, pk=pk, registration=registration)
    form = ParticipantForm(_posted(request), instance=participant)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_participant(
                registration, period, data=form.cleaned_data, participant=participant, by=request.user
            )
        except services.Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request, _("The member was saved. The registration is pending the ISU's approval.")
            )
            return redirect("registration:registration-detail", slug=slug)
    return render(
        request,
        "registration/participant_form.html",
        {
            "period": period,
            "meeting": period.meeting,
            "registration": registration,
            "form": form,
            "participant": participant,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def participant_remove(request, slug: str, pk: int):
    period = _get_period(slug)
    registration = _owned_or_404(request, period)
    participant = get_object_or_404(Participant, pk=pk, registration=registration)
    try:
        services.remove_participant(participant, period, by=request.user)
    except services.Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The member was removed."))
    return redirect("registration:registration-detail", slug=slug)


@login_required
def letter_form(request, slug: str):
    """Replace the note verbale and record the state of the credentials."""
    period = _get_period(slug)
    registration = _owned_or_404(request, period)
    form = LetterForm(
        _posted(request),
        _files(request),
        delegation=registration.delegation,
        credentials_required=period.credentials_required,
        letter_on_file=bool(registration.letter),
        initial={"credentials": registration.credentials},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_letter(
                registration,
                period,
                letter=form.cleaned_data["letter"],
                credentials=form.cleaned_data.get("credentials") or registration.credentials,
                by=request.user,
            )
        except services.Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Saved. The registration is pending the ISU's approval."))
            return redirect("registration:registration-detail", slug=slug)
    return render(
        request,
        "registration/letter_form.html",
        {"period": period, "meeting": period.meeting, "registration": registration, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def letter_download(request, slug: str, pk: int):
    """The registration's letter, for the delegation's own focal points and the ISU."""
    period = _get_period(slug)
    registration = get_object_or_404(
        DelegationRegistration.objects.select_related("delegation"), pk=pk, meeting=period.meeting
    )
    if not can_see_members(request, registration) or not registration.letter:
        raise Http404
    return FileResponse(
        registration.letter.open("rb"),
        as_attachment=True,
        filename=registration.letter_name,
        content_type="application/pdf",
    )


@login_required
@require_POST
def registration_withdraw(request, slug: str):
    period = _get_period(slug)
    registration = _owned_or_404(request, period)
    form = WithdrawForm(request.POST)
    form.is_valid()
    services.withdraw(registration, reason=form.cleaned_data.get("reason", ""), by=request.user)
    messages.success(request, _("The registration was withdrawn."))
    return redirect("registration:registration-detail", slug=slug)
