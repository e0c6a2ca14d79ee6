"""Workflows of the document register: saving (search vector and citations), publishing,
requesting renders of language versions, accepting uploads, and documents generated from
records.

A render request is written to the outbox in the caller's transaction
(``ccm_portal.lib.outbox``): the task (documents.tasks) is handed to Celery after commit, or by
the outbox sweep when the broker was down, and calls ``documents.rendering``.
"""

from datetime import date

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from ccm_portal.lib import outbox
from ccm_portal.lib.cache import record_changed
from meetings.models import Delegation, Meeting
from meetings.treaty import TreatyStatus

from .models import SEARCH_CONFIGURATIONS, Citation, Document, Rendition
from .rendering import RENDER_TASK, pdf_facts, render_key
from .symbols import next_free_number, parse_symbol, symbols_in_text

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
    in one UPDATE over many documents; PostgreSQL only): symbol and titles weigh most, then the
    summaries, then the text. Each language's title and summary are stemmed by that language's
    configuration, so a search in French finds the French title ("assistance aux victimes");
    the text is in English."""
    from django.contrib.postgres.search import SearchVector
    from django.db.models import Value
    from django.db.models.functions import Coalesce

    vector = SearchVector(Coalesce("symbol", Value("")), weight="A", config="simple")
    for code, config in SEARCH_CONFIGURATIONS.items():
        vector += SearchVector(f"title_{code}", weight="A", config=config)
    for code, config in SEARCH_CONFIGURATIONS.items():
        vector += SearchVector(f"summary_{code}", weight="B", config=config)
    return vector + SearchVector("body", weight="C", config="english")


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
    """Mark the version queued under a new render request and write the render task to the
    outbox, in one transaction. Writes: Rendition (state, generation), an OutboxMessage.
    Queues (after commit, or by the outbox sweep): documents.render_pdf."""
    with transaction.atomic():
        Rendition.objects.filter(pk=rendition.pk).update(
            generation=F("generation") + 1, state=Rendition.State.QUEUED, error="", claimed_at=None
        )
        rendition.refresh_from_db(fields=["generation", "state", "error", "claimed_at"])
        record_changed(rendition)  # QuerySet.update() sends no signal: the public pages are refreshed here
        outbox.enqueue(
            key=render_key(rendition.pk, rendition.generation),
            task_name=RENDER_TASK,
            args=[rendition.pk, rendition.generation],
        )
    return rendition


def queue_renders(document: Document, *, force: bool = False) -> list[Rendition]:
    """Queue every rendered version of the document that is not ready (all of them with
    ``force``). Queues: documents.render_pdf for each."""
    renditions = document.renditions.filter(source=Rendition.Source.RENDERED)
    if not force:
        renditions = renditions.exclude(state=Rendition.State.READY)
    return [request_render(r) for r in renditions]


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
    record_changed(rendition)
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


# --- Documents issued by other apps from their records -----------------------------------

SYMBOL_BODIES = {Meeting.Kind.MSP: "MSP", Meeting.Kind.REVIEW_CONFERENCE: "CONF"}


def _next_inf_symbol(meeting: Meeting) -> str | None:
    """The next free INF symbol of a Meeting of States Parties or Review Conference
    (``CCM/MSP/2026/INF.3``); None for other meetings, which issue no symbols."""
    body = SYMBOL_BODIES.get(meeting.kind)
    if body is None or meeting.start_date is None:
        return None
    prefix = f"CCM/{body}/{meeting.start_date.year}/INF."
    existing = Document.objects.filter(symbol__startswith=prefix).values_list("symbol", flat=True)
    return next_free_number(prefix, existing)


def _revision_number(document: Document) -> int:
    """1 for a first revision of ``document``, 2 when it is itself Rev.1, and so on."""
    number, current = 1, document
    while current.relation == Document.Relation.REVISION and current.related_to_id:
        number += 1
        current = current.related_to
    return number


def issue_list_of_participants(
    meeting: Meeting,
    *,
    versions: dict[str, tuple[str, str]],
    original_language: str,
    by: User | None,
    on: date | None = None,
) -> Document:
    """Issue the meeting's list of participants written by another app (registration): one
    published document with an INF symbol where the meeting has a series of symbols, with a
    rendered version in each language of ``versions`` (language -> (title, text)). When the
    meeting's list is already published, the new one is its revision (``…/INF.3/Rev.1``, or
    the address ``…-rev1`` without a symbol), and the earlier one stays in the register,
    superseded. Writes: Document (the generated list of the meeting is the newest), Renditions.
    Queues (after commit): a render of each version."""
    with transaction.atomic():
        current = (
            Document.objects.select_for_update()
            .filter(meeting=meeting, generated=Document.Generated.PARTICIPANTS)
            .first()
        )
        if current is not None and current.status == Document.Status.PUBLISHED:
            number = _revision_number(current)
            base = current.parsed_symbol.base if current.symbol else None
            current.generated = ""  # the newest version is the meeting's generated list
            current._history_user = by
            current._change_reason = "revised"
            current.save(update_fields=["generated", "updated_at"])
            document = Document(
                meeting=meeting,
                generated=Document.Generated.PARTICIPANTS,
                symbol=f"{base}/Rev.{number}" if base else None,
                slug=f"{meeting.slug}-participants-rev{number}"[:120],
                relation=Document.Relation.REVISION,
                related_to=current,
            )
        else:
            document = current or Document(
                meeting=meeting,
                generated=Document.Generated.PARTICIPANTS,
                symbol=_next_inf_symbol(meeting),
                slug=f"{meeting.slug}-participants"[:120],
            )
            number = 0
        title, body = versions[original_language]
        document.title = title if number == 0 or document.symbol else f"{title} (Rev.{number})"
        document.body = body
        document.kind = Document.Kind.INFORMATION
        document.submitted_by = Document.SubmittedBy.ISU
        document.original_language = original_language
        document.original_only = len(versions) == 1
        document.date = on or timezone.localdate()
        save_document(document, by=by, queue=False)
        document.renditions.exclude(language__in=list(versions)).delete()
        for language, (version_title, version_body) in versions.items():
            own = language != original_language
            Rendition.objects.update_or_create(
                document=document,
                language=language,
                defaults={
                    "source": Rendition.Source.RENDERED,
                    "title": version_title if own else "",
                    "body": version_body if own else "",
                    "state": Rendition.State.QUEUED,
                },
            )
        document = publish(document, by=by)  # queues every version (none is ready)
    return document
