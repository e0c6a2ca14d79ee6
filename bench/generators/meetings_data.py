"""Meetings, their agendas and participations."""

import random
from collections.abc import Callable
from datetime import time, timedelta

from django.utils.text import slugify

from .common import BASE_DATE, BATCH, MEETINGS, PREFIX, get_model, scaled
from .words import (
    AGENDA_CLOSING,
    AGENDA_OPENING,
    BUILDINGS,
    CITIES,
    KIND_TITLES,
    MEETING_KINDS,
    ROOMS,
    SUBITEM_TOPICS,
    SUBJECTS,
    paragraph,
    person,
    sentence,
)

# --- meetings -------------------------------------------------------------------------------


def generate_meetings(*, rng: random.Random, scale: float, note: Callable[[str], None]) -> dict[str, int]:
    """500 meetings (x scale) with nested agendas (about 20 items each) and participations
    (15 to 120 delegations each), all prefixed ``bench-``."""
    Meeting = get_model("meetings", "Meeting")
    AgendaItem = get_model("meetings", "AgendaItem")
    Participation = get_model("meetings", "Participation")
    Delegation = get_model("meetings", "Delegation")
    RegionalGroup = get_model("meetings", "RegionalGroup")
    if None in (Meeting, AgendaItem, Participation, Delegation, RegionalGroup):
        note("meetings: skipped, the meetings models are not on this build")
        return {}

    states = list(Delegation.objects.filter(kind="state").order_by("slug"))
    delegations = list(Delegation.objects.order_by("slug"))
    regions = list(RegionalGroup.objects.order_by("slug"))
    if not states or not regions:
        note("meetings: skipped, no States: run `python manage.py load_ccm_data` first")
        return {}

    bench_meetings = Meeting.objects.filter(slug__startswith=PREFIX)
    Participation.objects.filter(meeting__in=bench_meetings)._raw_delete(Participation.objects.db)
    AgendaItem.objects.filter(meeting__in=bench_meetings)._raw_delete(AgendaItem.objects.db)
    bench_meetings._raw_delete(Meeting.objects.db)

    kinds = [k for k, _ in MEETING_KINDS]
    weights = [w for _, w in MEETING_KINDS]
    span_days = 22 * 365
    meetings = []
    for n in range(1, scaled(MEETINGS, scale) + 1):
        kind = rng.choices(kinds, weights)[0]
        start = BASE_DATE + timedelta(days=rng.randrange(span_days))
        length = rng.choice([0, 0, 1, 2, 3, 4])
        precision = rng.choices(["day", "month", "year"], [90, 8, 2])[0]
        if precision == "month":
            start = start.replace(day=1)
        elif precision == "year":
            start = start.replace(month=1, day=1)
        city, tz = rng.choice(CITIES)
        region = rng.choice(regions) if kind == "regional_consultation" else None
        subject = rng.choice(SUBJECTS)
        title = f"{KIND_TITLES[kind]} {subject}" if kind in {"side_event", "other"} else KIND_TITLES[kind]
        if region:
            title = f"{title} for {region.name}"
        title = f"{title} — session {n}"
        status = rng.choices(["held", "planned", "cancelled"], [70, 25, 5])[0]
        has_times = precision == "day" and rng.random() < 0.7
        meetings.append(
            Meeting(
                kind=kind,
                title=title,
                slug=f"{PREFIX}{n:04d}-{slugify(title)}"[:120],
                start_date=start,
                end_date=start + timedelta(days=length) if precision == "day" else None,
                date_precision=precision,
                start_time=time(rng.choice([9, 10, 14]), 0) if has_times else None,
                end_time=time(rng.choice([13, 17, 18]), 0) if has_times else None,
                time_zone=tz,
                room=rng.choice(ROOMS),
                building=rng.choice(BUILDINGS),
                city=city,
                country=rng.choice(states),
                is_formal=kind in {"msp", "preparatory"},
                convened_by=rng.choice(delegations),
                convened_as=rng.choice(["", "", "the Presidency", "the coordinators"]),
                regional_group=region,
                status=status,
                summary="\n\n".join(paragraph(rng) for _ in range(rng.randint(1, 4))),
                delegation_size=rng.choice(["", "unlimited"]),
                notes=sentence(rng) if rng.random() < 0.3 else "",
                sources="Generated benchmark data (bench/generators.py)",
            )
        )
    Meeting.objects.bulk_create(meetings, batch_size=BATCH)
    meetings = list(Meeting.objects.filter(slug__startswith=PREFIX).order_by("slug"))

    # Some meetings prepare a later one.
    for i, meeting in enumerate(meetings):
        if i + 1 < len(meetings) and rng.random() < 0.15:
            meeting.prepares = meetings[rng.randrange(i + 1, len(meetings))]
    Meeting.objects.bulk_update([m for m in meetings if m.prepares_id], ["prepares"], batch_size=BATCH)

    items = []
    children: list[tuple[int, list]] = []  # (index of the parent in items, its sub-items)
    for meeting in meetings:
        titles = (
            AGENDA_OPENING
            + [s[:1].upper() + s[1:] for s in rng.sample(SUBJECTS, rng.randint(6, 10))]
            + AGENDA_CLOSING
        )
        for number, title in enumerate(titles, start=1):
            items.append(
                AgendaItem(
                    meeting=meeting,
                    number=str(number),
                    title=title,
                    order=number * 10,
                    status=rng.choice(["provisional", "adopted"]),
                    outcome=sentence(rng) if rng.random() < 0.4 else "",
                )
            )
            if title not in AGENDA_OPENING + AGENDA_CLOSING and rng.random() < 0.5:
                subs = [
                    AgendaItem(
                        meeting=meeting,
                        number=f"{number} ({letter})",
                        title=f"{title}: {topic}",
                        order=number * 10 + k,
                        status="provisional",
                    )
                    for k, (letter, topic) in enumerate(
                        zip("abcd", rng.sample(SUBITEM_TOPICS, rng.randint(2, 4)), strict=False), start=1
                    )
                ]
                children.append((len(items) - 1, subs))
    AgendaItem.objects.bulk_create(items, batch_size=BATCH)
    sub_items = []
    for parent_index, subs in children:
        for sub in subs:
            sub.parent = items[parent_index]
            sub_items.append(sub)
    AgendaItem.objects.bulk_create(sub_items, batch_size=BATCH)

    participations = []
    for meeting in meetings:
        for delegation in rng.sample(
            delegations, rng.randint(min(15, len(delegations)), min(120, len(delegations)))
        ):
            participations.append(
                Participation(
                    meeting=meeting,
                    delegation=delegation,
                    head_of_delegation=person(rng) if rng.random() < 0.8 else "",
                    members="\n".join(person(rng) for _ in range(rng.randint(0, 4))),
                    front_row_seats=rng.choice([None, 1, 2]),
                    back_row_seats=rng.choice([None, 2, 4]),
                    field_visit=rng.choice([None, True, False]),
                )
            )
    Participation.objects.bulk_create(participations, batch_size=BATCH)
    return {
        "meetings": len(meetings),
        "agenda items": len(items) + len(sub_items),
        "participations": len(participations),
    }
