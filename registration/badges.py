"""Badges and check-in: every approved member gets an unguessable token (``secrets``), printed
as a QR code on the badge; the ISU checks people in by the token, typed, read by a barcode
scanner (which types it) or read from a photo of the QR code; one arrival per member and day."""

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from meetings.models import Meeting

from .models import CheckIn, DelegationRegistration, Participant


class CheckInRefused(Exception):
    """The token is unknown for this meeting; the message is for the ISU."""


def badge_members(meeting: Meeting) -> list[Participant]:
    """The members of approved registrations, by delegation (English name) and role, each with
    a badge token (given here to those who have none). Writes: Participant.badge_token."""
    members = list(
        Participant.objects.filter(
            registration__meeting=meeting,
            registration__state=DelegationRegistration.State.APPROVED,
            erased=False,
        )
        .select_related("registration__delegation")
        .in_order()
        .order_by("registration__delegation__name_en", "role_order", "name", "pk")
    )
    for member in members:
        if not member.badge_token:
            member.badge_token = secrets.token_urlsafe(24)
            Participant.objects.filter(pk=member.pk).update(badge_token=member.badge_token)
    return members


@dataclass
class Arrival:
    participant: Participant
    check_in: CheckIn
    first: bool  # False: the member had already arrived that day (``check_in`` says when)


def check_in(meeting: Meeting, token: str, *, by: User | None, at: datetime | None = None) -> Arrival:
    """Record the arrival of the badge's holder today (the meeting's local day). A second
    scan the same day records nothing and returns the first arrival. Writes: one CheckIn.
    Refused when the token is not that of an approved member of this meeting."""
    token = token.strip()
    at = at or timezone.now()
    participant = (
        Participant.objects.select_related("registration__delegation")
        .filter(
            badge_token=token,
            registration__meeting=meeting,
            registration__state=DelegationRegistration.State.APPROVED,
        )
        .first()
        if token
        else None
    )
    if participant is None:
        raise CheckInRefused(_("No approved participant of this meeting has this badge."))
    day = timezone.localtime(at, meeting_zone(meeting)).date()
    existing = CheckIn.objects.filter(participant=participant, day=day).first()
    if existing is not None:
        return Arrival(participant, existing, first=False)
    try:
        with transaction.atomic():
            arrival = CheckIn.objects.create(participant=participant, day=day, at=at, by=by)
    except IntegrityError:  # scanned at two desks at once: the other desk recorded it
        return Arrival(participant, CheckIn.objects.get(participant=participant, day=day), first=False)
    return Arrival(participant, arrival, first=True)


def meeting_zone(meeting: Meeting) -> ZoneInfo:
    return ZoneInfo(meeting.time_zone)


def attendance(meeting: Meeting) -> list[dict]:
    """Per day: the participants and delegations that arrived. One query."""
    rows = (
        CheckIn.objects.filter(participant__registration__meeting=meeting)
        .values("day")
        .annotate(
            participants=Count("participant", distinct=True),
            delegations=Count("participant__registration", distinct=True),
        )
        .order_by("day")
    )
    return list(rows)


def recent_arrivals(meeting: Meeting, *, day: date, limit: int = 20) -> list[CheckIn]:
    return list(
        CheckIn.objects.filter(participant__registration__meeting=meeting, day=day)
        .select_related("participant__registration__delegation")
        .order_by("-at")[:limit]
    )


def decode_qr(image_file) -> str:
    """The text of the first QR code in an uploaded photo, or "" (zxing-cpp, with Pillow)."""
    import zxingcpp
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(image_file) as image:
            image.load()
            results = zxingcpp.read_barcodes(image.convert("RGB"))
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return ""
    return results[0].text.strip() if results else ""
