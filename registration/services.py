"""Workflows of registration: a delegation registers its members with its note verbale, the ISU
decides, the deadline is extended, personal data are logged when viewed or exported and erased
after the retention period."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from ccm_portal.lib import outbox
from ccm_portal.lib.uploads import CheckedFile
from meetings.deadlines import ExtensionRefused, extend_deadline
from meetings.models import Delegation, Meeting
from meetings.treaty import TreatyStatus

from .models import (
    CheckIn,
    DelegationRegistration,
    Participant,
    RegistrationExtension,
    RegistrationPeriod,
    SecurityEvent,
)

PERSONAL_FIELDS = ("name", "title", "function", "email")
MEMBER_FIELDS = ("name", "title", "function", "role", "email", "gender", "field_visit", "consent_to_publish")


class Refused(Exception):
    """A workflow refused to act; the message is for the person who asked."""


def _check_open(period: RegistrationPeriod, delegation: Delegation, *, at: datetime) -> None:
    refusal = period.refusal(delegation, at=at)
    if refusal is not None:
        raise Refused(refusal)


def _changed(registration: DelegationRegistration, *, by: User | None, reason: str) -> None:
    """A change by the delegation: an approved (or rejected) registration goes back to pending."""
    if registration.state != DelegationRegistration.State.PENDING:
        registration.state = DelegationRegistration.State.PENDING
        registration.state_reason = ""
        registration.decided_at = None
        registration.decided_by = None
    if by is not None:
        registration._history_user = by
    registration._change_reason = reason
    registration.save()


def _store_letter(registration: DelegationRegistration, letter: CheckedFile) -> None:
    registration.letter_name = letter.name
    registration.letter_size = letter.size
    registration.letter_sha256 = letter.sha256
    registration.letter.save(letter.name, ContentFile(letter.content), save=False)


@transaction.atomic
def register(
    period: RegistrationPeriod,
    *,
    delegation: Delegation,
    letter: CheckedFile,
    credentials: str,
    head: dict,
    by: User | None,
    at: datetime | None = None,
) -> DelegationRegistration:
    """Register ``delegation`` for the period's meeting with its note verbale (or nomination
    letter) and its first member. Writes: a DelegationRegistration (pending) and a Participant.
    Refused after the deadline in force for the delegation, or when it is already registered."""
    at = at or timezone.now()
    _check_open(period, delegation, at=at)
    if DelegationRegistration.objects.filter(meeting=period.meeting, delegation=delegation).exists():
        raise Refused(_("Your delegation is already registered for this meeting."))
    registration = DelegationRegistration(
        meeting=period.meeting,
        delegation=delegation,
        credentials=credentials if period.credentials_required else DelegationRegistration.Credentials.NONE,
        registered_by=by,
        registered_at=at,
    )
    _store_letter(registration, letter)
    registration._history_user = by
    registration.save()
    member = Participant(registration=registration, **{k: head[k] for k in MEMBER_FIELDS if k in head})
    member._history_user = by
    member.save()
    return registration


@transaction.atomic
def update_letter(
    registration: DelegationRegistration,
    period: RegistrationPeriod,
    *,
    letter: CheckedFile | None,
    credentials: str,
    by: User | None,
    at: datetime | None = None,
) -> DelegationRegistration:
    """Replace the note verbale and/or record the state of the credentials. Writes: the
    registration, back to pending if it had been decided."""
    _check_open(period, registration.delegation, at=at or timezone.now())
    if letter is not None:
        _store_letter(registration, letter)
    if period.credentials_required:
        registration.credentials = credentials
    _changed(registration, by=by, reason="letter or credentials changed")
    return registration


@transaction.atomic
def save_participant(
    registration: DelegationRegistration,
    period: RegistrationPeriod,
    *,
    data: dict,
    participant: Participant | None = None,
    by: User | None,
    at: datetime | None = None,
) -> Participant:
    """Add a member (``participant`` None) or change one. Writes: the Participant, and the
    registration back to pending if it had been decided."""
    _check_open(period, registration.delegation, at=at or timezone.now())
    if registration.state == DelegationRegistration.State.WITHDRAWN:
        raise Refused(_("This registration was withdrawn; ask the ISU to reopen it."))
    member = participant or Participant(registration=registration)
    for field in MEMBER_FIELDS:
        if field in data:
            setattr(member, field, data[field])
    member._history_user = by
    member.save()
    _changed(registration, by=by, reason="member added" if participant is None else "member changed")
    return member


@transaction.atomic
def remove_participant(
    participant: Participant,
    period: RegistrationPeriod,
    *,
    by: User | None,
    at: datetime | None = None,
) -> None:
    """Remove a member. Writes: deletes the Participant (its history keeps it), and the
    registration back to pending. The last member cannot be removed: withdraw instead."""
    registration = participant.registration
    _check_open(period, registration.delegation, at=at or timezone.now())
    if Participant.objects.filter(registration=registration).count() <= 1:
        raise Refused(_("A registration keeps at least one member; withdraw the registration instead."))
    participant._history_user = by
    participant.delete()
    _changed(registration, by=by, reason="member removed")


@transaction.atomic
def withdraw(registration: DelegationRegistration, *, reason: str, by: User | None) -> DelegationRegistration:
    """The delegation withdraws its registration. Writes: the registration (withdrawn)."""
    registration.state = DelegationRegistration.State.WITHDRAWN
    registration.state_reason = reason
    registration._history_user = by
    registration._change_reason = "withdrawn"
    registration.save()
    return registration


def decide(
    registrations: Iterable[DelegationRegistration],
    *,
    approve: bool,
    reason: str,
    by: User,
) -> int:
    """Approve or reject registrations in bulk (the ISU). Writes: each pending or decided
    registration that is not withdrawn, with who decided, when and why; a rejection needs a
    reason. Returns how many were changed. Each row is updated only if it did not change state
    meanwhile (a conditional update), so two staff members clicking at once do not both win."""
    if not approve and not reason.strip():
        raise Refused(_("Give the reason for the rejection: the delegation sees it."))
    target = DelegationRegistration.State.APPROVED if approve else DelegationRegistration.State.REJECTED
    now = timezone.now()
    changed = 0
    for registration in registrations:
        if registration.state in (target, DelegationRegistration.State.WITHDRAWN):
            continue
        with transaction.atomic():
            won = DelegationRegistration.objects.filter(pk=registration.pk, state=registration.state).update(
                state=target, state_reason=reason, decided_at=now, decided_by=by
            )
            if won:
                fresh = DelegationRegistration.objects.get(pk=registration.pk)
                fresh._history_user = by
                fresh._change_reason = "approved" if approve else "rejected"
                fresh.save()
                changed += 1
    return changed


def extend_registration(
    period: RegistrationPeriod,
    *,
    delegation: Delegation | None,
    new_deadline: datetime,
    decided_by: str,
    reason: str,
    by: User | None,
) -> RegistrationExtension:
    """Extend the registration deadline for everyone or one delegation (the design shared with
    submission windows). Writes: a RegistrationExtension."""
    try:
        return extend_deadline(
            period,
            new_deadline=new_deadline,
            decided_by=decided_by,
            reason=reason,
            by=by,
            delegation=delegation,
        )
    except ExtensionRefused as refusal:
        raise Refused(str(refusal)) from refusal


def log_personal_data(
    *,
    user: User | None,
    action: str,
    meeting: Meeting | None,
    delegation: Delegation | None = None,
    detail: str = "",
) -> SecurityEvent:
    """Writes: one SecurityEvent (who viewed, exported or erased personal data)."""
    return SecurityEvent.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        meeting=meeting,
        delegation=delegation,
        detail=detail[:300],
    )


@transaction.atomic
def erase_personal_data(period: RegistrationPeriod, *, today: date | None = None) -> int:
    """Erase the personal fields of every member registered for the period's meeting once its
    retention period has passed, and the registrations' letters; the counts (members, roles,
    genders) remain. Safe to run twice. Writes: the Participants, the registrations' letters,
    the period's ``personal_data_erased_at`` and a SecurityEvent. Returns how many members were
    erased (0 before the end of the retention period or when done already)."""
    today = today or timezone.localdate()
    erase_after = period.erase_after
    if erase_after is None or today <= erase_after:
        return 0
    period = RegistrationPeriod.objects.select_for_update().get(pk=period.pk)
    if period.personal_data_erased_at is not None:
        return 0
    members = Participant.objects.filter(registration__meeting_id=period.meeting_id, erased=False)
    erased = members.update(
        name="", title="", function="", email="", consent_to_publish=False, badge_token=None, erased=True
    )
    for registration in DelegationRegistration.objects.filter(meeting_id=period.meeting_id):
        if registration.letter:
            registration.letter.delete(save=False)
        DelegationRegistration.objects.filter(pk=registration.pk).update(letter="", letter_name="")
    period.personal_data_erased_at = timezone.now()
    period._change_reason = "personal data erased after the retention period"
    period.save()
    log_personal_data(
        user=None,
        action=SecurityEvent.Action.ERASED,
        meeting=period.meeting,
        detail=f"{erased} members, retention period of {period.retention_days} days",
    )
    return erased


def not_registered(meeting: Meeting, *, on: date | None = None) -> list[Delegation]:
    """States Parties and signatories (by their status on ``on``, the meeting's first day by
    default) that have no registration for the meeting, in English alphabetical order."""
    on = on or meeting.start_date or timezone.localdate()
    registered = DelegationRegistration.objects.filter(meeting=meeting).values("delegation_id")
    candidates = (
        Delegation.objects.states().exclude(pk__in=registered).select_related("region").order_by("name_en")
    )
    return [d for d in candidates if d.status_on(on) in (TreatyStatus.STATE_PARTY, TreatyStatus.SIGNATORY)]


ERASURE_TASK = "registration.erase_personal_data"


def erasure_key(period_id: int) -> str:
    return f"registration.erase:{period_id}"


@transaction.atomic
def queue_erasures(*, today: date | None = None) -> int:
    """Queue the erasure of every registration period whose retention period has passed and
    whose personal data remain (run daily by Celery beat). Writes: one OutboxMessage per period
    (none twice: the key is the period's). Queues (after commit): ``registration.erase_personal_data``.
    Returns how many periods are due."""
    today = today or timezone.localdate()
    due = [
        period
        for period in RegistrationPeriod.objects.filter(personal_data_erased_at__isnull=True).select_related(
            "meeting"
        )
        if period.erase_after is not None and today > period.erase_after
    ]
    for period in due:
        outbox.enqueue(key=erasure_key(period.pk), task_name=ERASURE_TASK, args=[period.pk])
    return len(due)


def run_erasure(*, period_id: int) -> int:
    """The work of the erasure task: erase the period's personal data (once) and mark its
    outbox message done. Tolerates a period that has gone. Returns the members erased."""
    period = RegistrationPeriod.objects.select_related("meeting").filter(pk=period_id).first()
    erased = erase_personal_data(period) if period is not None else 0
    outbox.mark_done(erasure_key(period_id))
    return erased


PRESENT = {"delegations_present": 0, "present": 0}


def figures(meeting: Meeting, *, on: date | None = None) -> dict:
    """What the secretariat reports on a meeting's registration: per category (States Parties,
    signatories, States not party, organisations) the delegations and participants registered
    (pending or approved), approved and present (checked in on any day); and the gender balance
    of all members and of heads of delegation, as the persons stated it. Three queries."""
    on = on or meeting.start_date or timezone.localdate()
    live = [DelegationRegistration.State.PENDING, DelegationRegistration.State.APPROVED]
    registrations = list(
        DelegationRegistration.objects.filter(meeting=meeting, state__in=live).select_related("delegation")
    )
    categories = {
        "party": {
            "label": _("States Parties"),
            "delegations": 0,
            "approved": 0,
            "participants": 0,
            **PRESENT,
        },
        "signatory": {
            "label": _("Signatories"),
            "delegations": 0,
            "approved": 0,
            "participants": 0,
            **PRESENT,
        },
        "observer": {
            "label": _("States not party"),
            "delegations": 0,
            "approved": 0,
            "participants": 0,
            **PRESENT,
        },
        "organisation": {
            "label": _("Organisations"),
            "delegations": 0,
            "approved": 0,
            "participants": 0,
            **PRESENT,
        },
    }
    category_of = {}
    for registration in registrations:
        delegation = registration.delegation
        status = delegation.status_on(on) if delegation.is_state else None
        key = (
            "organisation"
            if not delegation.is_state
            else "party"
            if status == TreatyStatus.STATE_PARTY
            else "signatory"
            if status == TreatyStatus.SIGNATORY
            else "observer"
        )
        category_of[registration.pk] = key
        categories[key]["delegations"] += 1
        categories[key]["approved"] += registration.state == DelegationRegistration.State.APPROVED
    genders = {"all": {}, "heads": {}}
    for registration_id, role, gender in Participant.objects.filter(
        registration_id__in=category_of
    ).values_list("registration_id", "role", "gender"):
        categories[category_of[registration_id]]["participants"] += 1
        gender = gender or "unstated"
        genders["all"][gender] = genders["all"].get(gender, 0) + 1
        if role == Participant.Role.HEAD:
            genders["heads"][gender] = genders["heads"].get(gender, 0) + 1
    present = CheckIn.objects.filter(participant__registration_id__in=category_of).values_list(
        "participant_id", "participant__registration_id"
    )
    people, delegations = set(), set()
    for participant_id, registration_id in present:
        key = category_of[registration_id]
        if participant_id not in people:
            people.add(participant_id)
            categories[key]["present"] += 1
        if registration_id not in delegations:
            delegations.add(registration_id)
            categories[key]["delegations_present"] += 1
    return {"categories": list(categories.values()), "genders": genders}


def prune_security_log(*, now: datetime | None = None) -> int:
    """Delete security log entries older than SECURITY_LOG_RETENTION_DAYS (run daily by the
    erasure task). Writes: deletes SecurityEvents. Returns how many were deleted."""
    days = settings.SECURITY_LOG_RETENTION_DAYS
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted, _per_model = SecurityEvent.objects.filter(at__lt=cutoff).delete()
    return deleted
