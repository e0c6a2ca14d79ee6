"""Compilations: every standing comment on a version, paragraph by paragraph and then by
delegation, rendered to PDF and CSV in the background (queued through the outbox)."""

import csv
import io
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from ccm_portal.lib import outbox
from ccm_portal.lib.pdf import render_pdf
from meetings.models import Delegation

from ..diffing import word_diff
from ..models import (
    Comment,
    Compilation,
    DraftVersion,
    ReportingCategory,
    Submission,
    SubmissionRevision,
    VersionParagraph,
    reporting_category,
)
from .word import compilation_docx

logger = logging.getLogger(__name__)


@dataclass
class CompiledComment:
    delegation: Delegation
    category: str
    receipt_number: str
    submitted_at: datetime
    data: dict
    comment: Comment | None
    # The delegation agreed to publication (when it submitted, and still now).
    consent: bool = False
    # The reporting category's code (``category`` is its label in the language of the render).
    category_code: str = ""

    @property
    def kind_label(self) -> str:
        return Comment.Kind(self.data["kind"]).label

    @property
    def diff(self):
        if self.data["kind"] == Comment.Kind.AMENDMENT:
            return word_diff(self.data.get("paragraph_text", ""), self.data.get("proposed_text", ""))
        return []

    @property
    def disposition_label(self) -> str:
        if self.comment and self.comment.disposition:
            return self.comment.get_disposition_display()
        return ""


@dataclass
class CompiledSection:
    paragraph: VersionParagraph | None
    entries: list[CompiledComment]


def compile_version(version: DraftVersion, *, at: datetime) -> tuple[list[CompiledSection], int]:
    """Every standing comment on ``version``: general comments first, then paragraph by
    paragraph in the version's order, each by delegation (read-only)."""
    submissions = (
        Submission.objects.filter(version=version)
        .select_related("delegation")
        .prefetch_related(Prefetch("revisions", queryset=SubmissionRevision.objects.order_by("number")))
    )
    standing = [(s, r) for s in submissions if (r := s.standing_revision()) is not None]
    ids = [c["id"] for _s, r in standing for c in r.comments]
    live = {c.pk: c for c in Comment.objects.filter(pk__in=ids)}
    paragraphs = list(version.paragraphs.all())
    sections = {None: CompiledSection(None, [])} | {p.pk: CompiledSection(p, []) for p in paragraphs}
    on = timezone.localdate(at)
    for submission, revision in sorted(standing, key=lambda pair: pair[0].delegation.name):
        category = ReportingCategory(reporting_category(submission.delegation, on))
        for data in revision.comments:
            section = sections.get(data.get("paragraph_id"))
            if section is None:  # a paragraph no longer in the version: keep the comment visible
                section = sections[None]
            section.entries.append(
                CompiledComment(
                    delegation=submission.delegation,
                    category=str(category.label),
                    category_code=category.value,
                    receipt_number=revision.receipt_number,
                    submitted_at=revision.submitted_at,
                    data=data,
                    comment=live.get(data["id"]),
                    consent=revision.consent_to_publish and submission.consent_to_publish,
                )
            )
    return list(sections.values()), len(standing)


CSV_HEADER = [
    "paragraph",
    "part",
    "heading",
    "delegation",
    "category",
    "kind",
    "comment",
    "proposed_text",
    "receipt_number",
    "submitted_at",
    "disposition",
    "disposition_note",
]


def _cell(value: str) -> str:
    """Text a spreadsheet will not run as a formula (delegations write these cells)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def compilation_csv(sections: list[CompiledSection]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for section in sections:
        for entry in section.entries:
            data = entry.data
            writer.writerow(
                [
                    _cell(str(value))
                    for value in [
                        data.get("number") or _("general"),
                        data.get("part", ""),
                        data.get("heading", ""),
                        entry.delegation.name,
                        entry.category,
                        entry.kind_label,
                        data.get("text", ""),
                        data.get("proposed_text", ""),
                        entry.receipt_number,
                        entry.submitted_at.isoformat(),
                        entry.disposition_label,
                        entry.comment.disposition_note if entry.comment else "",
                    ]
                ]
            )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


COMPILATION_TASK = "submissions.render_compilation"
# Errors that may go away by themselves (the database or the disk briefly unavailable): the
# task retries them with backoff. Any other error will not get better by trying again.
TRANSIENT_ERRORS = (DatabaseError, OSError)


def compilation_outbox_key(compilation_id: int, generation: int) -> str:
    return f"submissions.compilation:{compilation_id}:{generation}"


def request_compilation(version: DraftVersion, *, by: User | None, at: datetime | None = None) -> Compilation:
    """Ask for the compilation of ``version`` to be (re)rendered.

    Writes: the Compilation (state "queued", its next generation) and an outbox message for
    that generation, in one transaction, unless a request made in the last ten minutes is still
    queued or being prepared. Queues (after commit, or by the outbox sweep if the broker is
    down): the rendering task.
    """
    return request_generation(
        Compilation, version, by=by, at=at, key=compilation_outbox_key, task_name=COMPILATION_TASK
    )


def request_generation(
    model, version: DraftVersion, *, by: User | None, at: datetime | None, key, task_name: str
):
    """Queue the next generation of a file made from ``version`` (a Compilation or a
    DispositionTable: one row per version with ``state``, ``generation``, ``requested_at``): the
    row "queued" with its next generation and an outbox message, in one transaction, unless a
    request of the last ten minutes is still pending. ``key(pk, generation)``: the outbox key."""
    at = at or timezone.now()
    with transaction.atomic():
        row, created = model.objects.select_for_update().get_or_create(
            version=version, defaults={"requested_by": by, "requested_at": at}
        )
        if not created and row.is_pending and row.requested_at > at - timedelta(minutes=10):
            return row
        row.state = model.State.QUEUED
        row.generation += 1
        row.error = ""
        row.requested_at = at
        row.requested_by = by
        row.save()
        outbox.enqueue(key=key(row.pk, row.generation), task_name=task_name, args=[row.pk, row.generation])
    return row


def _claim(compilation_id: int, generation: int) -> bool:
    """Take the queued generation for rendering with a conditional update: of two workers given
    the same generation (a redelivered or repeated task) only one renders it."""
    return bool(
        Compilation.objects.filter(
            pk=compilation_id, generation=generation, state=Compilation.State.QUEUED
        ).update(state=Compilation.State.RENDERING)
    )


def _files(compilation: Compilation, *, at: datetime) -> tuple[bytes, bytes, bytes, int, int]:
    version = compilation.version
    sections, submission_count = compile_version(version, at=at)
    comment_count = sum(len(s.entries) for s in sections)
    pdf = render_pdf(
        "pdf/submissions/compilation.html",
        {
            "version": version,
            "draft": version.draft,
            "sections": sections,
            "as_of": at,
            "comment_count": comment_count,
            "submission_count": submission_count,
        },
    )
    docx = compilation_docx(version, sections, as_of=at)
    return pdf, compilation_csv(sections), docx, comment_count, submission_count


def render_compilation(
    *, compilation_id: int, generation: int | None = None, last_attempt: bool = False
) -> Compilation | None:
    """Render the PDF and CSV of a queued compilation (``generation``: the one the task was
    queued for; by default the current one). Returns the compilation (None if it has gone).

    Safe to run twice and concurrently: only a queued generation is rendered (claimed with a
    conditional update), its files are replaced, never added, and the outcome is written only
    while that generation is the current one. An error that may pass (TRANSIENT_ERRORS) puts
    the generation back in the queue, with the error, and is raised for the task to retry
    (unless this is the ``last_attempt``); any other error is recorded on the row (state
    failed and the error) for staff to see, and is not tried again.
    Writes: the files, the Compilation's state, the outbox message's state.
    """
    if generation is None:  # called directly, not by the task: the current generation
        generation = (
            Compilation.objects.filter(pk=compilation_id).values_list("generation", flat=True).first()
        )
    key = compilation_outbox_key(compilation_id, generation)
    claimed = _claim(compilation_id, generation)
    compilation = (
        Compilation.objects.select_related("version__draft__meeting").filter(pk=compilation_id).first()
    )
    if not claimed:
        # Gone, superseded by a later request, or finished: nothing is left to do for this
        # generation. Being rendered by another worker: that worker marks it done.
        if compilation is None or compilation.generation != generation or not compilation.is_pending:
            outbox.mark_done(key)
        return compilation
    mine = Compilation.objects.filter(
        pk=compilation_id, generation=generation, state=Compilation.State.RENDERING
    )
    at = timezone.now()
    try:
        pdf, csv_bytes, docx, comment_count, submission_count = _files(compilation, at=at)
        version = compilation.version
        base = f"compilation-{version.draft.code.lower()}-v{version.number}"
        names = {}
        for field_file, suffix, content in (
            (compilation.pdf, "pdf", pdf),
            (compilation.csv, "csv", csv_bytes),
            (compilation.docx, "docx", docx),
        ):
            if field_file:
                field_file.delete(save=False)
            field_file.save(f"{base}.{suffix}", ContentFile(content), save=False)
            names[suffix] = field_file.name
        with transaction.atomic():
            mine.update(
                state=Compilation.State.READY,
                error="",
                as_of=at,
                finished_at=timezone.now(),
                comment_count=comment_count,
                submission_count=submission_count,
                pdf=names["pdf"],
                csv=names["csv"],
                docx=names["docx"],
            )
            outbox.mark_done(key)
    except TRANSIENT_ERRORS as error:
        if last_attempt:
            _fail(mine, key, error)
            compilation.refresh_from_db()
            return compilation
        logger.warning(
            "Compilation %s (generation %s) will be tried again: %s", compilation_id, generation, error
        )
        try:  # back in the queue for the retry (the database itself may be what failed)
            mine.update(state=Compilation.State.QUEUED, error=_error_text(error))
        except DatabaseError:
            logger.warning("Compilation %s could not be put back in the queue", compilation_id)
        raise
    except Exception as error:  # not transient: trying again will not help; recorded for staff
        _fail(mine, key, error)
    compilation.refresh_from_db()
    return compilation


def _fail(mine, key: str, error: Exception) -> None:
    logger.error("Compilation failed (%s)", key, exc_info=error)
    with transaction.atomic():
        mine.update(state=Compilation.State.FAILED, error=_error_text(error), finished_at=timezone.now())
        outbox.mark_done(key)


def _error_text(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:2000]
