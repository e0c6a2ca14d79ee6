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

import hashlib
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.db import connection, models, transaction
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


def sentence(rng: random.Random, subject: str | None = None) -> str:
    """A sentence about a random subject, or mostly about ``subject`` when given (a document
    on victim assistance mentions other subjects now and then, not all of them)."""
    actor, verb = rng.choice(ACTORS), rng.choice(VERBS)
    if subject is None or rng.random() < 0.15:
        subject = rng.choice(SUBJECTS)
    return f"{actor} {verb} {subject} {rng.choice(QUALIFIERS)}."


def paragraph(rng: random.Random, sentences: tuple[int, int] = (3, 6), subject: str | None = None) -> str:
    return " ".join(sentence(rng, subject) for _ in range(rng.randint(*sentences)))


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


DOCUMENT_KINDS = [
    ("official", 30),
    ("working_paper", 30),
    ("information", 15),
    ("report", 10),
    ("statement", 10),
    ("other", 5),
]
DOCUMENT_TITLES = {
    "official": "Report on",
    "working_paper": "Working paper on",
    "information": "Information on",
    "report": "Progress report on",
    "statement": "Statement on",
    "other": "Note on",
}
# Bench symbols live in the MISC series from number 10,001 up, which no real document reaches.
BENCH_SYMBOL_BASE = 10_000
ROMAN = ["I", "II", "III", "IV", "V", "VI"]


def document_body(rng: random.Random, cited: list[str], subject: str) -> str:
    """Structured text as staff write it (headings, numbered paragraphs, lists, a footnote),
    mostly on ``subject``, citing a few other symbols."""
    parts = []
    number = 0
    for section in range(1, rng.randint(3, 6) + 1):
        parts.append(
            f"# {'IVX'[0] * section if section < 4 else section}. {rng.choice(SUBJECTS).capitalize()}"
        )
        for _ in range(rng.randint(2, 5)):
            number += 1
            text = paragraph(rng, (2, 5), subject)
            if cited and rng.random() < 0.2:
                text += f" See {rng.choice(cited)}."
            parts.append(f"{number}. {text}")
        if rng.random() < 0.4:
            parts.append("\n".join(f"- {sentence(rng, subject)}" for _ in range(rng.randint(2, 4))))
    parts[-1] += "[^1]"
    parts.append(f"[^1]: {sentence(rng, subject)}")
    return "\n\n".join(parts) + "\n"


def generate_documents(*, rng: random.Random, scale: float, note: Callable[[str], None]) -> dict[str, int]:
    """10,000 formal documents (x scale) with their structured text, citations, stored search
    vector and the metadata of their language versions (state, size, page count, checksum),
    attached to the generated meetings and agenda items. Symbols are in the MISC series from
    number 10,001 (CCM/MSP/2015/MISC.10001), which no real document uses; one in ten has no
    symbol yet (address by slug); some are revisions of an earlier one. Every slug starts with
    ``bench-``.

    Only the first published document's English version is rendered for real (through the
    portal's render service), so that the benchmark's "a PDF" page serves a real file; the
    others carry metadata without a file, as versions whose PDFs live elsewhere would."""
    Document = get_model("documents", "Document")
    Rendition = get_model("documents", "Rendition")
    Citation = get_model("documents", "Citation")
    Meeting = get_model("meetings", "Meeting")
    AgendaItem = get_model("meetings", "AgendaItem")
    Delegation = get_model("meetings", "Delegation")
    if None in (Document, Rendition, Citation):
        note(
            f"documents: skipped, documents.Document is not on this build ({scaled(DOCUMENTS, scale)} wanted)"
        )
        return {}
    from django.utils import timezone

    from documents.symbols import parse_symbol, symbols_in_text

    bench_documents = Document.objects.filter(slug__startswith=PREFIX)
    Citation.objects.filter(document__in=bench_documents)._raw_delete(Citation.objects.db)
    Rendition.objects.filter(document__in=bench_documents)._raw_delete(Rendition.objects.db)
    Through = Document.submitting_delegations.through
    Through.objects.filter(document__in=bench_documents)._raw_delete(Through.objects.db)
    bench_documents._raw_delete(Document.objects.db)

    meetings = list(Meeting.objects.filter(slug__startswith=PREFIX).order_by("slug"))
    if not meetings:
        note("documents: skipped, no generated meetings to attach them to")
        return {}
    items_by_meeting: dict[int, list[int]] = {}
    for meeting_id, item_id in (
        AgendaItem.objects.filter(meeting__in=meetings)
        .order_by("meeting_id", "order", "pk")
        .values_list("meeting_id", "pk")
    ):
        items_by_meeting.setdefault(meeting_id, []).append(item_id)
    states = list(Delegation.objects.filter(kind="state").order_by("slug").values_list("pk", flat=True))

    kinds = [k for k, _ in DOCUMENT_KINDS]
    weights = [w for _, w in DOCUMENT_KINDS]
    total = scaled(DOCUMENTS, scale)
    documents = []
    symbols: list[str] = []
    revised: set[str] = set()
    for n in range(1, total + 1):
        meeting = rng.choice(meetings)
        day = meeting.start_date or BASE_DATE
        kind = rng.choices(kinds, weights)[0]
        body = "CONF" if rng.random() < 0.2 else "MSP"
        has_symbol = rng.random() >= 0.1
        symbol = f"CCM/{body}/{day.year}/MISC.{BENCH_SYMBOL_BASE + n}" if has_symbol else None
        if has_symbol and symbols and rng.random() < 0.05:
            revises = rng.choice(symbols)
            if "/Rev." not in revises and revises not in revised:
                revised.add(revises)
                symbol = f"{revises}/Rev.1"
        if symbol:
            symbol = str(parse_symbol(symbol))  # canonical spelling, as staff's input is stored
        subject = rng.choice(SUBJECTS)
        title = f"{DOCUMENT_TITLES[kind]} {subject}"
        published = rng.random() < 0.95
        items = items_by_meeting.get(meeting.pk, [])
        documents.append(
            Document(
                symbol=symbol,
                slug=f"{PREFIX}{n:05d}-{slugify(title)}"[:120],
                title=title,
                kind=kind,
                meeting=meeting,
                agenda_item_id=rng.choice(items) if items and rng.random() < 0.7 else None,
                submitted_by=rng.choice(["delegations", "president", "coordinators", "isu", ""]),
                submitted_by_note="",
                date=day + timedelta(days=rng.randint(-60, 5)),
                distribution=rng.choices(["general", "limited"], [95, 5])[0],
                original_language=rng.choices(["en", "fr", "es"], [80, 10, 10])[0],
                original_only=rng.random() < 0.3,
                without_formal_editing=rng.random() < 0.2,
                advance_copy=rng.random() < 0.05,
                summary=paragraph(rng, (1, 3), subject),
                body=document_body(rng, symbols[-50:], subject),
                status="published" if published else "draft",
                published_at=(timezone.make_aware(datetime.combine(day, time(12, 0))) if published else None),
            )
        )
        if symbol:
            symbols.append(symbol)
    Document.objects.bulk_create(documents, batch_size=BATCH)
    created = {d.symbol: d for d in Document.objects.filter(slug__startswith=PREFIX).exclude(symbol=None)}
    documents = list(Document.objects.filter(slug__startswith=PREFIX).order_by("slug"))

    revisions = []
    for document in documents:
        if document.symbol and "/Rev." in document.symbol:
            parent = parse_symbol(document.symbol).parent
            target = created.get(str(parent))
            if target is not None:
                document.related_to, document.relation = target, "revision"
                revisions.append(document)
    Document.objects.bulk_update(revisions, ["related_to", "relation"], batch_size=BATCH)

    links = [
        Through(document_id=d.pk, delegation_id=pk)
        for d in documents
        if d.submitted_by == "delegations" and states
        for pk in rng.sample(states, rng.randint(1, 3))
    ]
    Through.objects.bulk_create(links, batch_size=BATCH)

    citations = []
    for document in documents:
        cited = [s for s in symbols_in_text(f"{document.summary}\n{document.body}") if s != document.symbol]
        citations += [Citation(document=document, symbol=s, position=i) for i, s in enumerate(cited)]
    Citation.objects.bulk_create(citations, batch_size=BATCH)

    if connection.vendor == "postgresql":
        from documents.services import search_vector

        Document.objects.filter(slug__startswith=PREFIX).update(search_vector=search_vector())

    renditions = []
    for document in documents:
        if document.status != "published":
            continue
        languages = [document.original_language]
        if not document.original_only:
            languages += [
                lang
                for lang in ("en", "fr", "es")
                if lang != document.original_language and rng.random() < 0.5
            ]
        for language in languages:
            pages = rng.randint(2, 40)
            checksum = hashlib.sha256(f"{document.slug}:{language}".encode()).hexdigest()
            renditions.append(
                Rendition(
                    document=document,
                    language=language,
                    source="rendered",
                    body="" if language == document.original_language else document.body,
                    file=f"documents/{PREFIX}{document.pk}/{language}/{document.file_stem}_{language}.pdf",
                    state="ready",
                    generation=1,
                    size=pages * rng.randint(18_000, 40_000),
                    page_count=pages,
                    checksum=checksum,
                    ready_at=document.published_at,
                )
            )
    Rendition.objects.bulk_create(renditions, batch_size=BATCH)
    real = render_one_pdf(Document, Rendition)
    if real:
        note(f"documents: {real} rendered for real (the benchmark's PDF page)")
    return {"documents": len(documents), "language versions": len(renditions), "citations": len(citations)}


def pdf_document(Document):
    """The document whose English version the benchmark's PDF page serves."""
    return (
        Document.objects.filter(slug__startswith=PREFIX, status="published", original_language="en")
        .exclude(symbol=None)
        .order_by("slug")
        .first()
    )


def render_one_pdf(Document, Rendition) -> str:
    """Render one English version through the portal's own service, as a worker would."""
    from documents.rendering import render_rendition

    document = pdf_document(Document)
    if document is None:
        return ""
    rendition = Rendition.objects.get(document=document, language="en")
    Rendition.objects.filter(pk=rendition.pk).update(state="queued", generation=2, file="")
    render_rendition(rendition_id=rendition.pk, generation=2)
    return str(document.get_absolute_url()) + "en.pdf"


# --- submissions (issue 6) ------------------------------------------------------------------


DRAFTS = 10  # each with one version open for comment
PARAGRAPHS_PER_VERSION = 40
COMMENT_KINDS = [("comment", 55), ("amendment", 30), ("deletion", 5), ("addition", 10)]
BENCH_EMAIL = "bench-focal-point@example.invalid"


def generate_submissions(*, rng: random.Random, scale: float, note: Callable[[str], None]) -> dict[str, int]:
    """2,000 submitted submissions (x scale) by delegations on the versions of 10 generated
    drafts (40 paragraphs each, a submission window), with 10,000 general and paragraph
    comments among them (some proposing amendments, deletions or additions), each submission
    with its submitted revision (receipt number and frozen copy, made by the submissions
    services' own functions) so that the compilation and the admin change lists meet real
    volumes. Drafts' slugs start with ``bench-`` and their codes with ``BENCH``."""
    if not apps.is_installed("submissions") or get_model("submissions", "Submission") is None:
        note(
            f"submissions: skipped, submissions.Submission is not on this build "
            f"({scaled(SUBMISSIONS, scale)} submissions and {scaled(COMMENTS, scale)} comments wanted)"
        )
        return {}
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from submissions import models as m
    from submissions.services import receipt_number, snapshot

    Delegation = get_model("meetings", "Delegation")
    delegations = list(Delegation.objects.order_by("slug"))
    if not delegations:
        note("submissions: skipped, no delegations: run `python manage.py load_ccm_data` first")
        return {}

    drafts = m.Draft.objects.filter(slug__startswith=PREFIX)
    versions = m.DraftVersion.objects.filter(draft__in=drafts)
    submissions = m.Submission.objects.filter(version__in=versions)
    db = m.Submission.objects.db
    for queryset in (
        m.SubmissionRevision.objects.filter(submission__in=submissions),
        m.Comment.objects.filter(submission__in=submissions),
        m.Attachment.objects.filter(submission__in=submissions),
    ):
        queryset._raw_delete(db)
    submissions._raw_delete(db)
    m.Compilation.objects.filter(version__in=versions)._raw_delete(db)
    m.WindowExtension.objects.filter(window__version__in=versions)._raw_delete(db)
    m.SubmissionWindow.objects.filter(version__in=versions)._raw_delete(db)
    m.VersionParagraph.objects.filter(version__in=versions)._raw_delete(db)
    m.Paragraph.objects.filter(draft__in=drafts)._raw_delete(db)
    versions._raw_delete(db)
    drafts._raw_delete(db)

    user, _ = get_user_model().objects.get_or_create(email=BENCH_EMAIL, defaults={"full_name": "Bench"})
    tz = timezone.get_default_timezone()
    draft_rows = []
    for n in range(1, DRAFTS + 1):
        subject = SUBJECTS[(n - 1) % len(SUBJECTS)]
        draft_rows.append(
            m.Draft(
                title=f"Draft decision on {subject} (bench {n})",
                slug=f"{PREFIX}draft-{n:02d}",
                code=f"BENCH{n:02d}",
                description=paragraph(rng, (1, 2)),
            )
        )
    m.Draft.objects.bulk_create(draft_rows)
    draft_rows = list(drafts.order_by("slug"))
    version_rows = [
        m.DraftVersion(
            draft=draft,
            number=1,
            label="Zero draft",
            circulated_on=BASE_DATE + timedelta(days=400 * i),
            created_at=datetime.combine(BASE_DATE + timedelta(days=400 * i), time(9), tzinfo=tz),
        )
        for i, draft in enumerate(draft_rows)
    ]
    m.DraftVersion.objects.bulk_create(version_rows)
    version_rows = list(versions.select_related("draft").order_by("draft__slug"))
    identities = [m.Paragraph(draft=v.draft) for v in version_rows for _ in range(PARAGRAPHS_PER_VERSION)]
    for identity in identities:  # deterministic keys (the default is a random UUID)
        identity.key = uuid.UUID(int=rng.getrandbits(128))
    m.Paragraph.objects.bulk_create(identities, batch_size=BATCH)
    paragraphs = []
    for i, version in enumerate(version_rows):
        for position in range(PARAGRAPHS_PER_VERSION):
            paragraphs.append(
                m.VersionParagraph(
                    version=version,
                    paragraph=identities[i * PARAGRAPHS_PER_VERSION + position],
                    position=position + 1,
                    number=str(position + 1),
                    part=f"Part {1 + position // 10}",
                    heading=SUBJECTS[position % len(SUBJECTS)].capitalize() if position % 10 == 0 else "",
                    text=paragraph(rng, (2, 4)),
                )
            )
    m.VersionParagraph.objects.bulk_create(paragraphs, batch_size=BATCH)
    paragraphs_by_version: dict[int, list] = {}
    for p in m.VersionParagraph.objects.filter(version__in=version_rows).order_by("version_id", "position"):
        paragraphs_by_version.setdefault(p.version_id, []).append(p)
    m.SubmissionWindow.objects.bulk_create(
        [
            m.SubmissionWindow(
                version=v,
                opens_at=v.created_at,
                original_deadline=v.created_at + timedelta(days=45),
            )
            for v in version_rows
        ]
    )

    wanted = scaled(SUBMISSIONS, scale)
    per_version = max(1, min(len(delegations), -(-wanted // len(version_rows))))
    submission_rows = []
    for version in version_rows:
        for delegation in rng.sample(delegations, per_version):
            if len(submission_rows) >= wanted:
                break
            at = version.created_at + timedelta(days=rng.randint(1, 44), minutes=rng.randint(0, 600))
            submission_rows.append(
                m.Submission(
                    version=version,
                    delegation=delegation,
                    state="submitted",
                    consent_to_publish=rng.random() < 0.6,
                    created_at=at - timedelta(days=1),
                    created_by=user,
                    updated_at=at,
                )
            )
    m.Submission.objects.bulk_create(submission_rows, batch_size=BATCH)
    submission_rows = list(submissions.select_related("delegation", "version__draft").order_by("pk"))

    kinds = [k for k, _ in COMMENT_KINDS]
    weights = [w for _, w in COMMENT_KINDS]
    comments = []
    for _ in range(scaled(COMMENTS, scale)):
        submission = rng.choice(submission_rows)
        general = rng.random() < 0.2
        target = None if general else rng.choice(paragraphs_by_version[submission.version_id])
        kind = "comment" if general else rng.choices(kinds, weights)[0]
        proposed = ""
        if kind == "amendment":
            words = target.text.split()
            words[rng.randrange(len(words))] = rng.choice(SUBJECTS)
            proposed = " ".join(words)
        elif kind == "addition":
            proposed = paragraph(rng, (1, 2))
        comments.append(
            m.Comment(
                submission=submission,
                paragraph=target,
                kind=kind,
                text=paragraph(rng, (1, 3)),
                proposed_text=proposed,
                created_at=submission.updated_at - timedelta(hours=1),
                updated_at=submission.updated_at - timedelta(hours=1),
            )
        )
    m.Comment.objects.bulk_create(comments, batch_size=BATCH)

    revisions = [
        m.SubmissionRevision(
            submission=submission,
            number=1,
            receipt_number=receipt_number(submission, 1),
            submitted_at=submission.updated_at,
            submitted_by=user,
            snapshot=snapshot(submission, by=user),  # the submissions app's own frozen copy
        )
        for submission in submission_rows
    ]
    m.SubmissionRevision.objects.bulk_create(revisions, batch_size=BATCH)
    return {"drafts": len(draft_rows), "submissions": len(submission_rows), "comments": len(comments)}


GENERATORS: list[tuple[str, Callable[..., dict[str, int]]]] = [
    ("meetings", generate_meetings),
    ("documents", generate_documents),
    ("submissions", generate_submissions),
]


VACUUMED = [
    "meetings_meeting",
    "meetings_agendaitem",
    "meetings_participation",
    "meetings_document",
    "meetings_document_submitting_delegations",
    "meetings_rendition",
    "meetings_citation",
    "submissions_submission",
    "submissions_comment",
    "submissions_submissionrevision",
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
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Fresh planner statistics and no dead rows of the previous run (outside the transaction).
        with connection.cursor() as cursor:
            for table in VACUUMED:
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")
    # bulk_create sends no signal: the stored public pages go with the old rows.
    from ccm_portal.lib.cache import bump_content_version

    bump_content_version()
    return report
