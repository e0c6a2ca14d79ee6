"""Deterministic benchmark data, one generator per domain.

``generate(seed=..., scale=...)`` runs every generator in ``GENERATORS`` in order. Each one:

- gets its own ``random.Random`` seeded with the seed and its domain name, so adding a domain
  (or changing one) never changes the rows of the others;
- first removes the rows a previous run generated (they are recognised by the ``bench-``
  prefix of their slug or other natural key), then creates its rows with ``bulk_create``
  (no history rows: the benchmark data is not staff's work);
- never reads today's date: every date derives from ``BASE_DATE``;
- checks that the models it fills exist on this build (``apps.get_model``) and, when they do
  not, skips with a note rather than inventing them.

To add a domain once its models land: write ``generate_<domain>(*, rng, scale, note)``
returning ``{label: rows created}``, and add it to ``GENERATORS``.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from django.apps import apps
from django.db import models, transaction
from django.utils.text import slugify

PREFIX = "bench-"
BASE_DATE = date(2008, 1, 1)  # the generated meetings spread from here over about 22 years
BATCH = 2000

# Full-scale volumes (issue 8, item 1); --scale multiplies them.
MEETINGS = 500
DOCUMENTS = 10_000
SUBMISSIONS = 2_000
COMMENTS = 10_000


@dataclass
class Report:
    created: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def scaled(full: int, scale: float) -> int:
    return max(1, round(full * scale))


def get_model(app_label: str, model_name: str) -> type[models.Model] | None:
    """The model if this build has it, else None (never a stand-in)."""
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


# --- words ----------------------------------------------------------------------------------
# A small vocabulary of the Convention's work, combined at random into titles and prose.

SUBJECTS = [
    "universalization",
    "victim assistance",
    "clearance of contaminated land",
    "risk education",
    "stockpile destruction",
    "international cooperation and assistance",
    "transparency reports",
    "national implementation measures",
    "gender and diversity",
    "environmental protection",
    "financial sustainability",
    "extension requests under Article 4",
    "extension requests under Article 3",
    "the Lausanne Action Plan",
    "survey of suspected hazardous areas",
    "land release methods",
]
VERBS = [
    "reviewed",
    "discussed",
    "welcomed progress on",
    "called for more attention to",
    "exchanged views on",
    "heard reports on",
    "agreed to revisit",
    "noted gaps in",
    "asked the ISU to prepare notes on",
    "considered proposals about",
]
ACTORS = [
    "Delegations",
    "The coordinators",
    "The President",
    "Several States Parties",
    "Observer organisations",
    "The ISU",
    "The working group",
    "Civil society representatives",
]
QUALIFIERS = [
    "in the light of the latest reports",
    "ahead of the next formal meeting",
    "with a view to a shared approach",
    "taking account of national circumstances",
    "on the basis of the draft circulated in advance",
    "as resources allow",
    "before the deadline set by the Presidency",
    "in close cooperation with partners",
]
AGENDA_OPENING = [
    "Opening of the meeting",
    "Adoption of the agenda",
    "Organisation of work",
]
AGENDA_CLOSING = [
    "Any other business",
    "Date and venue of the next meeting",
    "Adoption of the final report",
    "Closing of the meeting",
]
SUBITEM_TOPICS = [
    "progress since the last meeting",
    "challenges reported by States",
    "cooperation and assistance needs",
    "proposals by the coordinators",
    "statements by observers",
]
CITIES = [
    ("Geneva", "Europe/Zurich"),
    ("Lausanne", "Europe/Zurich"),
    ("Vientiane", "Asia/Vientiane"),
    ("Beirut", "Asia/Beirut"),
    ("Oslo", "Europe/Oslo"),
    ("Lusaka", "Africa/Lusaka"),
    ("San José", "America/Costa_Rica"),
    ("Dubrovnik", "Europe/Zagreb"),
    ("Santiago", "America/Santiago"),
    ("Manila", "Asia/Manila"),
    ("Addis Ababa", "Africa/Addis_Ababa"),
    ("Mexico City", "America/Mexico_City"),
]
ROOMS = ["Room XVII", "Room XIX", "Room XX", "Room XXIII", "Conference room 2", "Main hall", "Salle 3"]
BUILDINGS = ["Palais des Nations", "Maison de la Paix", "International Conference Centre", "Town hall"]
GIVEN = ["Ana", "Ben", "Chloé", "Dmitri", "Eun-ji", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kofi", "Lina"]
FAMILY = ["Alvarez", "Bauer", "Chanda", "Dubois", "Eriksen", "Fonseca", "Gupta", "Haddad", "Ito", "Jansen"]

# Kinds of generated meetings with their weights: mostly informal meetings, some formal ones.
MEETING_KINDS = [
    ("coordination_committee", 30),
    ("regional_consultation", 20),
    ("intersessional", 12),
    ("side_event", 15),
    ("retreat", 5),
    ("preparatory", 6),
    ("msp", 6),
    ("other", 6),
]
KIND_TITLES = {
    "coordination_committee": "Coordination Committee meeting",
    "regional_consultation": "Regional consultation",
    "intersessional": "Intersessional meeting",
    "side_event": "Side event on",
    "retreat": "Coordinators' retreat",
    "preparatory": "Preparatory meeting",
    "msp": "Meeting of States Parties (simulated)",
    "other": "Technical workshop on",
}


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(SUBJECTS)} {rng.choice(QUALIFIERS)}."


def paragraph(rng: random.Random, sentences: tuple[int, int] = (3, 6)) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(*sentences)))


def person(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"


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


# --- documents (issue 5) --------------------------------------------------------------------


def generate_documents(*, rng: random.Random, scale: float, note: Callable[[str], None]) -> dict[str, int]:
    """10,000 formal documents (x scale) with their structured text and the metadata of their
    language renditions (state, size, page count, checksum), attached to the generated meetings
    and agenda items, with symbols such as CCM/MSP/2019/WP.12 under a ``bench`` slug or year
    range that cannot collide with real ones.

    Not written yet: the document models are built on another branch (issue 5). When they
    land, write this body (bulk_create, a ``bench-`` marker, delete-then-create like
    ``generate_meetings``) and remove the note below.
    """
    if get_model("meetings", "Document") is None:
        note(
            f"documents: skipped, meetings.Document is not on this build ({scaled(DOCUMENTS, scale)} wanted)"
        )
        return {}
    note(
        "documents: NOT GENERATED: meetings.Document exists but bench/generators.py "
        "generate_documents has no body yet; the document pages are measured on the reference data only"
    )
    return {}


# --- submissions (issue 6) ------------------------------------------------------------------


def generate_submissions(*, rng: random.Random, scale: float, note: Callable[[str], None]) -> dict[str, int]:
    """2,000 submissions (x scale) by delegations on generated drafts, with 10,000 paragraph
    and general comments among them (some proposing amendments), spread over submission
    windows, so that the compilation and the admin change lists meet real volumes.

    Not written yet: the submission models are built on another branch (issue 6).
    """
    if not apps.is_installed("submissions") or get_model("submissions", "Submission") is None:
        note(
            f"submissions: skipped, submissions.Submission is not on this build "
            f"({scaled(SUBMISSIONS, scale)} submissions and {scaled(COMMENTS, scale)} comments wanted)"
        )
        return {}
    note(
        "submissions: NOT GENERATED: submissions.Submission exists but bench/generators.py "
        "generate_submissions has no body yet"
    )
    return {}


GENERATORS: list[tuple[str, Callable[..., dict[str, int]]]] = [
    ("meetings", generate_meetings),
    ("documents", generate_documents),
    ("submissions", generate_submissions),
]


def generate(*, seed: int, scale: float = 1.0, log: Callable[[str], None] = print) -> Report:
    """Run every generator in one transaction; the same seed and scale give the same rows."""
    report = Report()

    def note(text: str) -> None:
        report.notes.append(text)
        log(text)

    with transaction.atomic():
        for domain, generator in GENERATORS:
            rng = random.Random(f"{seed}:{domain}")
            created = generator(rng=rng, scale=scale, note=note)
            for label, count in created.items():
                report.created[label] = count
                log(f"{label}: {count}")
    return report
