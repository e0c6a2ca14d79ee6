"""Documents (issue 5): their text, citations, search vectors and language versions."""

import hashlib
import random
from collections.abc import Callable
from datetime import datetime, time, timedelta

from django.db import connection
from django.utils.text import slugify

from .common import BASE_DATE, BATCH, DOCUMENTS, PREFIX, get_model, scaled
from .words import SUBJECTS, paragraph, sentence

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
