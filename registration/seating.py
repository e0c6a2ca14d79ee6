"""The seating plan, derived from the draw of lots, the room's layout and the registrations.

Order: States Parties in English alphabetical order starting from the State drawn by lot and
wrapping around at the end of the alphabet; then signatories, then States not party, in the same
order (from the drawn name, wrapping); then organisations in blocks by category (United Nations,
other international organisations, the ICRC, the Cluster Munition Coalition, the GICHD, other
organisations), each block alphabetical. Each delegation has the meeting's front-row seats in a
front row and its back-row seats in the row behind; rows of the room come in pairs."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from meetings.models import Delegation, Meeting
from meetings.treaty import TreatyStatus

from .models import DelegationRegistration, SeatingLayout

ORGANISATION_ORDER = [c.value for c in Delegation.Category]
STATE_GROUPS = [
    (TreatyStatus.STATE_PARTY,),
    (TreatyStatus.SIGNATORY,),
    (TreatyStatus.NOT_PARTY, TreatyStatus.WITHDRAWN, TreatyStatus.UNKNOWN, None),
]


def english_name(delegation: Delegation) -> str:
    return delegation.name_en or delegation.name


@dataclass
class Place:
    """One delegation's place: its seats in a front row and in the row behind."""

    delegation: Delegation
    group: str
    front_row: int
    back_row: int
    first_seat: int
    front_seats: list[int] = field(default_factory=list)
    back_seats: list[int] = field(default_factory=list)


def from_drawn(states: list[Delegation], drawn_name: str) -> list[Delegation]:
    """``states`` in English alphabetical order, starting at the drawn name (or the first name
    after it) and wrapping around."""
    ordered = sorted(states, key=lambda d: english_name(d).casefold())
    key = drawn_name.casefold()
    start = next((i for i, d in enumerate(ordered) if english_name(d).casefold() >= key), 0)
    return ordered[start:] + ordered[:start]


def seating_order(
    layout: SeatingLayout, delegations: list[Delegation], *, on: date
) -> list[tuple[str, Delegation]]:
    """(group, delegation) in seating order; groups are "party", "signatory", "observer",
    "organisation"."""
    drawn = english_name(layout.first_state)
    order: list[tuple[str, Delegation]] = []
    states = [d for d in delegations if d.is_state]
    for label, statuses in zip(("party", "signatory", "observer"), STATE_GROUPS, strict=True):
        group = [d for d in states if d.status_on(on) in statuses]
        order += [(label, d) for d in from_drawn(group, drawn)]
    organisations = sorted(
        (d for d in delegations if not d.is_state),
        key=lambda d: (
            ORGANISATION_ORDER.index(d.category)
            if d.category in ORGANISATION_ORDER
            else len(ORGANISATION_ORDER),
            english_name(d).casefold(),
        ),
    )
    order += [("organisation", d) for d in organisations]
    return order


def seated_delegations(meeting: Meeting) -> list[Delegation]:
    """The delegations with a registration that is pending or approved."""
    return [
        r.delegation
        for r in DelegationRegistration.objects.filter(
            meeting=meeting,
            state__in=[DelegationRegistration.State.PENDING, DelegationRegistration.State.APPROVED],
        ).select_related("delegation")
    ]


def seating_plan(layout: SeatingLayout, delegations: list[Delegation] | None = None) -> list[Place]:
    """Every delegation's place, in seating order (see the module's docstring)."""
    meeting = layout.meeting
    delegations = seated_delegations(meeting) if delegations is None else delegations
    on = meeting.start_date or timezone.localdate()
    width = max(layout.front_seats, layout.back_seats, 1)
    per_row = max(layout.seats_per_row // width, 1)
    places = []
    for index, (group, delegation) in enumerate(seating_order(layout, delegations, on=on)):
        pair, slot = divmod(index, per_row)
        first = slot * width + 1
        places.append(
            Place(
                delegation=delegation,
                group=group,
                front_row=pair * 2 + 1,
                back_row=pair * 2 + 2,
                first_seat=first,
                front_seats=list(range(first, first + layout.front_seats)),
                back_seats=list(range(first, first + layout.back_seats)),
            )
        )
    return places


SEAT_WIDTH = 40
ROW_HEIGHT = 56


def seating_drawing(layout: SeatingLayout, places: list[Place]) -> dict:
    """The plan as blocks of an SVG drawing (the page and the PDF draw the same)."""
    rows = max((p.back_row for p in places), default=0)
    return {
        "width": layout.seats_per_row * SEAT_WIDTH + 40,
        "height": rows * ROW_HEIGHT + 40,
        "blocks": [
            block
            for p in places
            for block in (
                _block(p, p.front_row, p.front_seats, "front"),
                _block(p, p.back_row, p.back_seats, "back"),
            )
            if block
        ],
    }


def _block(place: Place, row: int, seats: list[int], area: str) -> dict | None:
    if not seats:
        return None
    return {
        "x": 20 + (seats[0] - 1) * SEAT_WIDTH,
        "y": 20 + (row - 1) * ROW_HEIGHT,
        "w": len(seats) * SEAT_WIDTH - 4,
        "h": ROW_HEIGHT - 12,
        "label": english_name(place.delegation),
        "group": place.group,
        "area": area,
        "row": row,
        "seats": seats,
    }
