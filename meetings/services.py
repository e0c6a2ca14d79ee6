"""Workflows of the meetings app that touch several records."""

import re

from django.db import transaction
from django.utils.text import slugify

from .models import AgendaItem, Meeting

ORDINAL_WORDS = [
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Sixth",
    "Seventh",
    "Eighth",
    "Ninth",
    "Tenth",
    "Eleventh",
    "Twelfth",
    "Thirteenth",
    "Fourteenth",
    "Fifteenth",
    "Sixteenth",
    "Seventeenth",
    "Eighteenth",
    "Nineteenth",
    "Twentieth",
]

LOGISTICS_FIELDS = [
    "delegation_size",
    "delegation_size_limit",
    "front_row_seats",
    "back_row_seats",
    "overflow_area",
    "field_visit",
]
COPIED_FIELDS = [
    "kind",
    "room",
    "building",
    "city",
    "country",
    "time_zone",
    "start_time",
    "end_time",
    "is_formal",
    "convened_by",
    "convened_as",
    "regional_group",
    *LOGISTICS_FIELDS,
]


def next_code(code: str | None) -> str | None:
    """“13MSP” → “14MSP”; None when the code has no leading number or the next one is taken."""
    if not code:
        return None
    match = re.fullmatch(r"(\d+)(\D.*)", code)
    if not match:
        return None
    candidate = f"{int(match.group(1)) + 1}{match.group(2)}"
    return None if Meeting.objects.filter(code=candidate).exists() else candidate


def next_title(title: str) -> str:
    """“Thirteenth Meeting of States Parties” → “Fourteenth Meeting of States Parties”."""
    first, _sep, rest = title.partition(" ")
    if first in ORDINAL_WORDS[:-1]:
        return f"{ORDINAL_WORDS[ORDINAL_WORDS.index(first) + 1]} {rest}"
    return title


def _free_slug(base: str) -> str:
    base = slugify(base)[:100] or "meeting"
    slug, n = base, 2
    while Meeting.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def duplicate_meeting(meeting: Meeting, *, by=None) -> Meeting:
    """Start the next meeting of the same kind from ``meeting``: same kind, venue, convener,
    times and logistics, the same agenda (as a provisional agenda, without outcomes), the next
    code and ordinal title where there are any. Dates, status (planned), summary, participation
    and interventions are not copied.

    Writes one Meeting and its AgendaItems (with history records attributed to ``by``)."""
    code = next_code(meeting.code)
    title = next_title(meeting.title)
    if title == meeting.title and not code:
        title = f"{meeting.title} (copy)"
    copy = Meeting(
        **{name: getattr(meeting, name) for name in COPIED_FIELDS},
        code=code,
        title=title,
        slug=_free_slug(code or title),
        status=Meeting.Status.PLANNED,
        prepares=meeting.prepares
        if meeting.kind not in {Meeting.Kind.MSP, Meeting.Kind.REVIEW_CONFERENCE}
        else None,
    )
    copy._history_user = by
    copy._change_reason = f"Duplicated from {meeting}"
    copy.full_clean()
    copy.save()
    items = list(meeting.agenda_items.all())
    by_pk = {item.pk: item for item in items}

    def depth(item: AgendaItem) -> int:
        seen = 0
        while item.parent_id in by_pk and seen < len(items):
            item, seen = by_pk[item.parent_id], seen + 1
        return seen

    new_items: dict[int, AgendaItem] = {}
    # Parents first, so that each copied item can point at its copied parent.
    for item in sorted(items, key=lambda i: (depth(i), i.order, i.pk)):
        new = AgendaItem(
            meeting=copy,
            parent=new_items.get(item.parent_id),
            number=item.number,
            title=item.title,
            order=item.order,
            status=AgendaItem.Status.PROVISIONAL,
        )
        new._history_user = by
        new.save()
        new_items[item.pk] = new
    return copy
