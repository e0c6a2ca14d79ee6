"""Workflows of the document register: saving (search vector and citations), publishing,
rendering language versions, accepting uploads, and documents generated from records.

Renders are queued only after the transaction commits (``delay_on_commit``); the task
(meetings.tasks.render_rendition) takes ids only and calls ``render_rendition`` below.
"""

import hashlib
import io
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser as User
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ccm_portal.lib.cache import bump_content_version
from ccm_portal.lib.pdf import render_pdf

from . import document_text
from .models import Citation, Delegation, Document, Meeting, Rendition
from .symbols import parse_symbol, symbols_in_text
from .treaty import TreatyStatus

PRINT_TEMPLATE = "pdf/document.html"


# --- Saving: search vector and citations -------------------------------------------------


def refresh_index(document: Document) -> None:
    """Rewrite the document's citations from its text and summary, and (on PostgreSQL) its
    stored search vector. Writes: Citation rows, Document.search_vector."""
    symbols = [s for s in symbols_in_text(f"{document.summary}\n{document.body}") if s != document.symbol]
    Citation.objects.filter(document=document).exclude(symbol__in=symbols).delete()
    present = set(Citation.objects.filter(document=document).values_list("symbol", flat=True))
    Citation.objects.bulk_create(
        [Citation(document=document, symbol=s, position=i) for i, s in enumerate(symbols) if s not in present]
    )
    for i, symbol in enumerate(symbols):
        Citation.objects.filter(document=document, symbol=symbol).exclude(position=i).update(position=i)
    if connection.vendor == "postgresql":
        Document.objects.filter(pk=document.pk).update(search_vector=search_vector())


def search_vector():
    """The stored search vector of a document, as an expression over its own columns (usable
    in one UPDATE over many documents; PostgreSQL only): symbol and title weigh most."""
    from django.contrib.postgres.search import SearchVector
    from django.db.models import Value
    from django.db.models.functions import Coalesce

    return (
        SearchVector(Coalesce("symbol", Value("")), weight="A", config="simple")
        + SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )


def infer_relation(document: Document) -> None:
    """A symbol with a suffix (…/Rev.1) relates to the document one suffix shorter when the
    register holds it and staff have not said otherwise. Changes the instance only."""
    if document.relation or not document.symbol:
        return
    symbol = parse_symbol(document.symbol)
    if symbol.parent is None:
        return
    target = Document.objects.filter(symbol=str(symbol.parent)).first()
    if target is not None:
        document.related_to = target
        document.relation = {
            "Rev": Document.Relation.REVISION,
            "Corr": Document.Relation.CORRIGENDUM,
            "Add": Document.Relation.ADDENDUM,
            "Amend": Document.Relation.AMENDMENT,
        }[symbol.last_suffix]


def save_document(document: Document, *, by: User | None = None, queue: bool = True) -> Document:
    """Validate and save a document staff wrote. Writes: Document (with history by ``by``),
    its citations and search vector. Queues (unless ``queue`` is False): renders of its
    rendered language versions when it is published (their text may have changed)."""
    with transaction.atomic():
        infer_relation(document)
        document.full_clean()
        if by is not None:
            document._history_user = by
        document.save()
        refresh_index(document)
        if queue and document.is_public:
            queue_renders(document, force=True)
    return document


# --- Publishing ------------------------------------------------------------------------


def publish(document: Document, *, by: User | None, at=None) -> Document:
    """Publish a draft: it becomes public, its original-language version is rendered from its
    text (created if missing), and every rendered version not ready is queued. Publishing a
    published document changes nothing. Writes: Document, Rendition. Queues: renders."""
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        if document.status == Document.Status.PUBLISHED:
            return document
        document.status = Document.Status.PUBLISHED
        document.published_at = at or timezone.now()
        document.full_clean()
        if by is not None:
            document._history_user = by
        document.save()
        refresh_index(document)
        if document.body.strip():
            Rendition.objects.get_or_create(
                document=document,
                language=document.original_language,
                defaults={"source": Rendition.Source.RENDERED},
            )
        queue_renders(document)
    return document


def withdraw(document: Document, *, by: User | None) -> Document:
    """Withdraw a published document: its page stays, marked withdrawn. Writes: Document."""
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        document.status = Document.Status.WITHDRAWN
        if by is not None:
            document._history_user = by
        document.save()
    return document


# --- Rendering -------------------------------------------------------------------------


def request_render(rendition: Rendition) -> Rendition:
    """Mark the version queued under a new render request and queue the task after commit.
    Writes: Rendition (state, generation). Queues: meetings.render_rendition."""
    from .tasks import render_rendition as render_task

    Rendition.objects.filter(pk=rendition.pk).update(
        generation=F("generation") + 1, state=Rendition.State.QUEUED, error=""
    )
    rendition.refresh_from_db(fields=["generation", "state", "error"])
    bump_content_version()  # QuerySet.update() sends no signal: the public pages are refreshed here
    render_task.delay_on_commit(rendition.pk, rendition.generation)
    return rendition


def queue_renders(document: Document, *, force: bool = False) -> list[Rendition]:
    """Queue every rendered version of the document that is not ready (all of them with
    ``force``). Queues: meetings.render_rendition for each."""
    renditions = document.renditions.filter(source=Rendition.Source.RENDERED)
    if not force:
        renditions = renditions.exclude(state=Rendition.State.READY)
    return [request_render(r) for r in renditions]


def _symbol_url(symbol: str) -> str | None:
    """The public address of a cited document, for links inside PDFs."""
    document = Document.objects.published().filter(symbol=symbol).first()
    return settings.SITE_URL.rstrip("/") + document.get_absolute_url() if document else None


def _masthead_language(rendition: Rendition) -> str:
    """The interface language the masthead is written in: the version's own language when
    the portal is translated into it (en, fr, es), else the portal's default."""
    offered = {code for code, _name in settings.LANGUAGES}
    return rendition.language if rendition.language in offered else settings.LANGUAGE_CODE


def print_context(rendition: Rendition) -> dict:
    document = rendition.document
    with translation.override(_masthead_language(rendition)):
        return {
            "document": document,
            "rendition": rendition,
            "language": rendition.language,
            "direction": "rtl" if rendition.is_rtl else "ltr",
            "title": rendition.display_title,
            "date_display": date_format(document.date, "j F Y") if document.date else "",
            "language_line": document.language_line,
            "agenda_line": document.agenda_line,
            "editorial_notes": document.editorial_notes,
            "body_html": document_text.to_html(rendition.text, link=_symbol_url, mode="print"),
        }


def build_pdf(rendition: Rendition) -> bytes:
    """The PDF of a rendered version, from the document as it is now (no writes)."""
    with translation.override(_masthead_language(rendition)):
        return render_pdf(PRINT_TEMPLATE, print_context(rendition))


def pdf_facts(pdf: bytes) -> dict:
    """Size, page count and checksum of a PDF; raises ValueError if it is not one."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not pdf.startswith(b"%PDF-"):
        raise ValueError(_("The file is not a PDF (it does not start with %PDF-)."))
    try:
        reader = PdfReader(io.BytesIO(pdf))
        if reader.is_encrypted:
            raise ValueError(_("The PDF is encrypted; upload a PDF that opens without a password."))
        pages = len(reader.pages)
    except (PdfReadError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise ValueError(_("The PDF is damaged and cannot be read (%(error)s).") % {"error": exc}) from exc
    if pages < 1:
        raise ValueError(_("The PDF has no pages."))
    return {"size": len(pdf), "page_count": pages, "checksum": hashlib.sha256(pdf).hexdigest()}


def render_rendition(*, rendition_id: int, generation: int) -> str:
    """Render one language version for one render request and store the PDF. Returns
    "ready", or "skipped" when the version has gone, a newer request exists, or this request
    was already rendered (a second run stores nothing). Writes: the PDF file, Rendition."""
    claimed = (
        Rendition.objects.filter(pk=rendition_id, generation=generation, source=Rendition.Source.RENDERED)
        .exclude(state=Rendition.State.READY)
        .update(state=Rendition.State.RENDERING)
    )
    if not claimed:
        return "skipped"
    rendition = (
        Rendition.objects.select_related("document__meeting", "document__agenda_item")
        .filter(pk=rendition_id)
        .first()
    )
    if rendition is None:
        return "skipped"
    if not rendition.text.strip():
        raise ValueError(
            _("There is no text in this language (%(language)s): write it, or upload the PDF.")
            % {"language": rendition.get_language_display()}
        )
    pdf = build_pdf(rendition)
    facts = pdf_facts(pdf)
    return _store(rendition_id=rendition_id, generation=generation, pdf=pdf, facts=facts)


def _store(*, rendition_id: int, generation: int, pdf: bytes, facts: dict) -> str:
    with transaction.atomic():
        # The row lock makes a second run of the same request wait, then find it done.
        rendition = (
            Rendition.objects.select_for_update()
            .select_related("document")
            .filter(pk=rendition_id, generation=generation)
            .first()
        )
        if rendition is None or rendition.state == Rendition.State.READY:
            return "skipped"
        storage = rendition.file.storage
        name = (
            f"documents/{rendition.document_id}/{rendition.language}/"
            f"{rendition.document.file_stem}_{rendition.language}-{facts['checksum'][:16]}.pdf"
        )
        if not storage.exists(name):  # the same PDF is stored once
            name = storage.save(name, ContentFile(pdf))
        old = rendition.file.name
        Rendition.objects.filter(pk=rendition_id).update(
            file=name, state=Rendition.State.READY, error="", ready_at=timezone.now(), **facts
        )
        if old and old != name:
            transaction.on_commit(lambda: storage.delete(old))
        bump_content_version()
    return "ready"


def record_render_failure(*, rendition_id: int, generation: int, error: str) -> None:
    """Record that a render request failed, with the error. Writes: Rendition."""
    Rendition.objects.filter(pk=rendition_id, generation=generation).exclude(
        state=Rendition.State.READY
    ).update(state=Rendition.State.FAILED, error=error[:4000])
    bump_content_version()


def accept_upload(rendition: Rendition) -> Rendition:
    """Record an uploaded PDF as the ready version (the form has validated it). Writes: Rendition."""
    rendition.file.open("rb")
    try:
        content = rendition.file.read()
    finally:
        rendition.file.close()
    facts = pdf_facts(content)
    Rendition.objects.filter(pk=rendition.pk).update(
        source=Rendition.Source.UPLOADED,
        state=Rendition.State.READY,
        error="",
        ready_at=timezone.now(),
        generation=F("generation") + 1,  # any render still queued for it is now stale
        **facts,
    )
    bump_content_version()
    rendition.refresh_from_db()
    return rendition


# --- Documents generated from records --------------------------------------------------


def _agenda_text(meeting: Meeting) -> str:
    lines = []
    for item in meeting.agenda_items.filter(parent__isnull=True).prefetch_related("children"):
        number = item.number.strip().rstrip(".")
        lines.append(f"{number}. {item.title}" if number.isdigit() else f"{item.number} {item.title}".strip())
        for child in item.children.all():
            label = child.number.strip()
            sub = label.split("(")[-1].rstrip(")").strip() if "(" in label else ""
            lines.append(f"({sub}) {child.title}" if sub else f"- {label} {child.title}".strip())
        lines.append("")
    return "\n".join(lines).strip() + "\n"


def _participants_text(meeting: Meeting) -> str:
    day = meeting.start_date
    groups: dict[str, list[str]] = {}
    participations = meeting.participations.select_related("delegation").order_by("delegation__name")
    for participation in participations:
        delegation = participation.delegation
        if delegation.kind == Delegation.Kind.STATE:
            status = delegation.status_on(day) if day else None
            heading = {
                TreatyStatus.STATE_PARTY: _("States Parties"),
                TreatyStatus.SIGNATORY: _("Signatories"),
            }.get(status, _("States not party (observers)"))
        else:
            heading = _("Organisations (observers)")
        people = []
        if participation.head_of_delegation:
            people.append(_("%(name)s (head of delegation)") % {"name": participation.head_of_delegation})
        people.extend(participation.member_list)
        entry = f"**{delegation.display_name}**" + (": " + "; ".join(people) if people else "")
        groups.setdefault(heading, []).append(entry)
    order = [
        _("States Parties"),
        _("Signatories"),
        _("States not party (observers)"),
        _("Organisations (observers)"),
    ]
    parts = []
    for heading in order:
        if heading in groups:
            parts.append(f"# {heading}\n\n" + "\n".join(f"- {entry}" for entry in groups[heading]))
    return "\n\n".join(parts) + "\n" if parts else _("No participation is recorded yet.") + "\n"


def _generate(
    meeting: Meeting, *, kind: str, title: str, body: str, by: User | None, on: date | None
) -> Document:
    with transaction.atomic():
        document = Document.objects.filter(meeting=meeting, generated=kind).first()
        if document is None:
            suffix = "provisional-agenda" if kind == Document.Generated.PROVISIONAL_AGENDA else "participants"
            document = Document(meeting=meeting, generated=kind, slug=f"{meeting.slug}-{suffix}"[:120])
        document.title = title
        document.kind = Document.Kind.OFFICIAL
        document.body = body
        document.date = on or timezone.localdate()
        save_document(document, by=by)
        rendition, created = Rendition.objects.get_or_create(
            document=document,
            language=document.original_language,
            defaults={"source": Rendition.Source.RENDERED},
        )
        # save_document has already queued the existing versions of a public document.
        if rendition.source == Rendition.Source.RENDERED and (created or not document.is_public):
            request_render(rendition)
    return document


def generate_provisional_agenda(meeting: Meeting, *, by: User | None, on: date | None = None) -> Document:
    """Write (or rewrite) the meeting's provisional agenda from its agenda items, dated ``on``
    (default today), and render its English version. Writes: Document, Rendition. Queues: render."""
    return _generate(
        meeting,
        kind=Document.Generated.PROVISIONAL_AGENDA,
        title=_("Provisional agenda"),
        body=_agenda_text(meeting),
        by=by,
        on=on,
    )


def generate_list_of_participants(meeting: Meeting, *, by: User | None, on: date | None = None) -> Document:
    """Write (or rewrite) the meeting's list of participants from its participation records,
    States grouped by their status on the meeting's first day, and render it. Writes:
    Document, Rendition. Queues: render."""
    return _generate(
        meeting,
        kind=Document.Generated.PARTICIPANTS,
        title=_("List of participants"),
        body=_participants_text(meeting),
        by=by,
        on=on,
    )
