"""The render work: a language version's PDF built from the document as it is now, stored
under its checksum, and the outcome recorded on the version.

Called by the task in documents.tasks (ids in, one call out); this module never imports it.
One render request (a version's ``generation``) is rendered once: the render claims the row
with a conditional update (state queued, this generation), so a task delivered twice, or
handed over again by the outbox sweep, finds it taken or done. A claim older than
``render_lease()`` belongs to a worker that died and may be taken over.
"""

import hashlib
import io
from datetime import datetime, timedelta

import kombu.exceptions
import redis.exceptions
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ccm_portal.lib import outbox
from ccm_portal.lib.cache import record_changed
from ccm_portal.lib.pdf import render_pdf

from . import text
from .models import Document, Rendition

PRINT_TEMPLATE = "pdf/document.html"
RENDER_TASK = "documents.render_pdf"

# Worth another try: the database, the file storage, the broker or the cache was briefly
# unavailable. Anything else (a template, markup or font problem) would fail again.
TRANSIENT_ERRORS = (
    DatabaseError,
    OSError,
    kombu.exceptions.OperationalError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
)


class Outcome:
    READY = "ready"  # this call stored the PDF
    SKIPPED = "skipped"  # the version has gone, a newer request exists, or this one is done
    BUSY = "busy"  # another run holds a fresh claim on this request: try again later
    FAILED = "failed"  # a permanent error, recorded on the version


def render_key(rendition_id: int, generation: int) -> str:
    """The outbox key of one render request."""
    return f"documents.render:{rendition_id}:{generation}"


def render_lease() -> timedelta:
    """How long a claim is trusted: longer than a task may run (CELERY_TASK_TIME_LIMIT), after
    which its worker has died (setting DOCUMENT_RENDER_LEASE_SECONDS)."""
    return timedelta(seconds=settings.DOCUMENT_RENDER_LEASE_SECONDS)


# --- The printed document ----------------------------------------------------------------


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
            "date_display": date_format(document.date, "DATE_FORMAT") if document.date else "",
            "language_line": document.language_line,
            "agenda_line": document.agenda_line,
            "editorial_notes": document.editorial_notes,
            "body_html": text.to_html(rendition.text, link=_symbol_url, mode="print"),
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


# --- One render request ------------------------------------------------------------------


def render_rendition(
    *, rendition_id: int, generation: int, last_attempt: bool = True, now: datetime | None = None
) -> str:
    """Render one language version for one render request and store the PDF; returns an
    ``Outcome``. A transient error (``TRANSIENT_ERRORS``) releases the claim and is raised for
    the caller to retry, unless this is the ``last_attempt``; any other error, and a transient
    one on the last attempt, is recorded on the version (state failed, with the error).
    Writes: the PDF file, Rendition, the outbox message's state once the request is settled."""
    now = now or timezone.now()
    claimable = Q(state=Rendition.State.QUEUED) | Q(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - render_lease()), state=Rendition.State.RENDERING
    )
    claimed = (
        Rendition.objects.filter(pk=rendition_id, generation=generation, source=Rendition.Source.RENDERED)
        .filter(claimable)
        .update(state=Rendition.State.RENDERING, claimed_at=now)
    )
    if not claimed:
        if Rendition.objects.filter(
            pk=rendition_id, generation=generation, state=Rendition.State.RENDERING
        ).exists():
            return Outcome.BUSY
        outbox.mark_done(render_key(rendition_id, generation))  # gone, stale or settled
        return Outcome.SKIPPED
    try:
        return _render_claimed(rendition_id=rendition_id, generation=generation)
    except TRANSIENT_ERRORS as error:
        if not last_attempt:
            _release(rendition_id=rendition_id, generation=generation)
            raise
        failure = error
    except Exception as error:  # a template, markup or font problem: retrying would not help
        failure = error
    record_render_failure(
        rendition_id=rendition_id, generation=generation, error=f"{type(failure).__name__}: {failure}"
    )
    return Outcome.FAILED


def _render_claimed(*, rendition_id: int, generation: int) -> str:
    rendition = (
        Rendition.objects.select_related("document__meeting", "document__agenda_item")
        .filter(pk=rendition_id)
        .first()
    )
    if rendition is None:
        outbox.mark_done(render_key(rendition_id, generation))
        return Outcome.SKIPPED
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
        # The row lock makes a run that took over a stale claim wait, then find it done.
        rendition = (
            Rendition.objects.select_for_update()
            .select_related("document")
            .filter(pk=rendition_id, generation=generation)
            .first()
        )
        outbox.mark_done(render_key(rendition_id, generation))
        if rendition is None or rendition.state == Rendition.State.READY:
            return Outcome.SKIPPED
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
        record_changed(rendition)  # QuerySet.update() sends no signal
    return Outcome.READY


def _release(*, rendition_id: int, generation: int) -> None:
    """Give a claim back after a transient error, so that the retry can take it at once (if
    the database itself is down this fails too, and the retry waits for the lease)."""
    try:
        Rendition.objects.filter(
            pk=rendition_id, generation=generation, state=Rendition.State.RENDERING
        ).update(state=Rendition.State.QUEUED, claimed_at=None)
    except DatabaseError:
        pass


def record_render_failure(*, rendition_id: int, generation: int, error: str) -> None:
    """Record that a render request failed, with the error; the request is settled (a new one
    is made by re-rendering). Writes: Rendition, the outbox message's state."""
    with transaction.atomic():
        Rendition.objects.filter(pk=rendition_id, generation=generation).exclude(
            state=Rendition.State.READY
        ).update(state=Rendition.State.FAILED, error=error[:4000])
        outbox.mark_done(render_key(rendition_id, generation))
        rendition = Rendition.objects.filter(pk=rendition_id).only("pk", "document_id", "language").first()
        if rendition is not None:
            record_changed(rendition)
