"""Demo content of the embedded default (DEBUG only): a clearly marked demonstration meeting
(not a Convention meeting) with its registration open, so that the demo focal point of Mexico
can register and the demo ISU account approve and seat."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from meetings.models import Delegation, Meeting

from .models import RegistrationPeriod, SeatingLayout

DEMO_SLUG = "demonstration-meeting"


def create() -> None:
    if not settings.DEBUG:
        return
    today = timezone.localdate()
    meeting, _ = Meeting.objects.get_or_create(
        slug=DEMO_SLUG,
        defaults={
            "kind": Meeting.Kind.OTHER,
            "title": "Demonstration meeting (not a Convention meeting)",
            "is_formal": False,
            "start_date": today + timedelta(days=60),
            "end_date": today + timedelta(days=62),
            "city": "Geneva",
            "summary": "A meeting invented for the demonstration of the portal's registration.",
            "front_row_seats": 2,
            "back_row_seats": 2,
        },
    )
    now = timezone.now()
    period, created = RegistrationPeriod.objects.get_or_create(
        meeting=meeting,
        defaults={
            "opens_at": now - timedelta(days=1),
            "original_deadline": now + timedelta(days=45),
            "credentials_required": True,
            "notes": "Demonstration.",
        },
    )
    if not created and (period.deadline is None or period.deadline < now + timedelta(days=7)):
        period.extensions.create(
            new_deadline=now + timedelta(days=45),
            decided_by="Demonstration",
            reason="Kept open so that the demonstration works.",
        )
    peru = Delegation.objects.filter(iso3="PER").first()
    if peru is not None:
        SeatingLayout.objects.get_or_create(meeting=meeting, defaults={"first_state": peru})
