"""The disposition table of a version: every standing comment and amendment, by paragraph, with
the delegation, the ISU's disposition and its reason, as PDF and Word.

The table is frozen when it is prepared (``DispositionTable.sections``) and rendered in the
background (queued through the outbox) in two editions: the ISU's, with every text, and the
public one, in which the text of a delegation that did not agree to publication is replaced by
a line that says so (its name, the kind of comment and the disposition stay). The public sees
the table only once the ISU publishes it.
"""

import copy
import logging
from datetime import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from ccm_portal.lib import outbox
from ccm_portal.lib.content import in_language
from ccm_portal.lib.pdf import render_pdf
from meetings.models import Delegation

from ..models import Comment, DispositionTable, DraftVersion, ReportingCategory, Submission
from ..wordml import TrackedDocument
from .compilations import TRANSIENT_ERRORS, compile_version, request_generation
from .workflow import Refused

logger = logging.getLogger(__name__)

DISPOSITION_TABLE_TASK = "submissions.render_disposition_table"


def withheld_text() -> str:
    return _("Text not published at the delegation's request.")


def freeze_sections(version: DraftVersion, *, at: datetime) -> tuple[list[dict], int]:
    """Every standing comment on ``version`` with its disposition, as plain data: general
    comments first, then the paragraphs that received any, in the version's order (read-only)."""
    sections, _count = compile_version(version, at=at)
    frozen: list[dict] = []
    for section in sections:
        if not section.entries:
            continue
        paragraph = section.paragraph
        entries = []
        for entry in section.entries:
            comment: Comment | None = entry.comment
            entries.append(
                {
                    "delegation_id": entry.delegation.pk,
                    "delegation": entry.delegation.name,
                    "category": entry.category_code,
                    "receipt_number": entry.receipt_number,
                    "submitted_at": entry.submitted_at.isoformat(),
                    "kind": entry.data["kind"],
                    "on_number": "" if paragraph else (entry.data.get("number") or ""),
                    "text": entry.data.get("text", ""),
                    "proposed_text": entry.data.get("proposed_text", ""),
                    "disposition": comment.disposition if comment else "",
                    "note": comment.disposition_note if comment else "",
                    "adopted_text": comment.adopted_text if comment else "",
                    "consent": entry.consent,
                }
            )
        frozen.append(
            {
                "number": paragraph.number if paragraph else "",
                "part": paragraph.part if paragraph else "",
                "heading": paragraph.heading if paragraph else "",
                "entries": entries,
            }
        )
    return frozen, sum(len(s["entries"]) for s in frozen)


def readable_sections(
    sections: list[dict], *, public: bool, consenting: set[int] | None = None
) -> list[dict]:
    """The frozen ``sections`` ready to show, with labels in the current language. ``public``:
    the text of every delegation that did not agree to publication (when the table was prepared,
    or, given ``consenting``, no longer now) is taken out and ``withheld`` is set."""
    result = copy.deepcopy(sections)
    # Names and categories in the reader's language, not the one the table was prepared in.
    ids = {entry["delegation_id"] for section in result for entry in section["entries"]}
    names = {delegation.pk: in_language(delegation) for delegation in Delegation.objects.filter(pk__in=ids)}
    categories = dict(ReportingCategory.choices)
    for section in result:
        if section["number"]:
            section["title"] = _("Paragraph %(number)s") % {"number": section["number"]}
        else:
            section["title"] = _("General comments")
        for entry in section["entries"]:
            entry["kind_label"] = str(Comment.Kind(entry["kind"]).label)
            entry["delegation"] = names.get(entry["delegation_id"], entry["delegation"])
            entry["category"] = str(categories.get(entry["category"], entry["category"]))
            entry["disposition_label"] = (
                str(Comment.Disposition(entry["disposition"]).label)
                if entry["disposition"]
                else _("No disposition recorded")
            )
            agreed = entry["consent"] and (consenting is None or entry["delegation_id"] in consenting)
            entry["withheld"] = public and not agreed
            if entry["withheld"]:
                entry["text"] = entry["proposed_text"] = ""
    return result


def disposition_docx(version: DraftVersion, sections: list[dict], *, as_of: datetime, public: bool) -> bytes:
    """The readable ``sections`` (see ``readable_sections``) as a Word document: a heading per
    paragraph, then a table of the comments with their disposition and its reason."""
    title = _("Disposition table: %(version)s") % {"version": version}
    doc = TrackedDocument(title=title)
    doc.heading(version.draft.title, level=0)
    doc.plain(_("Disposition table: %(label)s") % {"label": version.label}, bold=True)
    doc.plain(
        _("Comments and amendments received, with what was done with each and why, as of %(date)s.")
        % {"date": date_format(timezone.localtime(as_of), "DATETIME_FORMAT")}
    )
    if public:
        doc.plain(_("The text of delegations that did not agree to publication is not published."))
    headers = [_("Delegation"), _("Comment or amendment"), _("Disposition"), _("Reason")]
    for section in sections:
        doc.heading(section["title"] + (f" · {section['heading']}" if section["heading"] else ""), level=1)
        table = doc.document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, header in zip(table.rows[0].cells, headers, strict=True):
            cell.text = header
        for entry in section["entries"]:
            cells = table.add_row().cells
            cells[0].text = f"{entry['delegation']} ({entry['category']})\n{entry['receipt_number']}"
            cells[1].text = "\n".join(_entry_lines(entry))
            cells[2].text = entry["disposition_label"]
            reason = [entry["note"]]
            if entry["adopted_text"]:
                reason.append(_("Text as taken up: %(text)s") % {"text": entry["adopted_text"]})
            cells[3].text = "\n".join(line for line in reason if line)
    return doc.save()


def _entry_lines(entry: dict) -> list[str]:
    lines = [entry["kind_label"]]
    if entry["on_number"]:
        lines.append(_("On paragraph %(number)s, no longer in this version") % {"number": entry["on_number"]})
    if entry["withheld"]:
        return [*lines, withheld_text()]
    if entry["text"]:
        lines.append(entry["text"])
    if entry["kind"] == Comment.Kind.DELETION:
        lines.append(_("Proposes deleting the paragraph."))
    elif entry["proposed_text"]:
        lines.append(_("Proposed text: %(text)s") % {"text": entry["proposed_text"]})
    return lines


def _render(table: DispositionTable, *, public: bool) -> tuple[bytes, bytes]:
    version = table.version
    sections = readable_sections(table.sections, public=public)
    for section in sections:
        for entry in section["entries"]:
            entry["lines"] = _entry_lines(entry)[1:]
    pdf = render_pdf(
        "pdf/submissions/dispositions.html",
        {
            "version": version,
            "draft": version.draft,
            "sections": sections,
            "as_of": table.as_of,
            "public": public,
            "comment_count": table.comment_count,
        },
    )
    return pdf, disposition_docx(version, sections, as_of=table.as_of, public=public)


def outbox_key(table_id: int, generation: int) -> str:
    return f"submissions.dispositions:{table_id}:{generation}"


def request_disposition_table(
    version: DraftVersion, *, by: User | None, at: datetime | None = None
) -> DispositionTable:
    """Ask for the disposition table of ``version`` to be (re)prepared with the dispositions
    recorded so far. Writes: the DispositionTable (state "queued", its next generation; a
    published table stays published and is replaced when ready) and an outbox message, in one
    transaction, unless a request of the last ten minutes is still pending. Queues (after
    commit, or by the outbox sweep): the rendering task."""
    return request_generation(
        DispositionTable, version, by=by, at=at, key=outbox_key, task_name=DISPOSITION_TABLE_TASK
    )


def render_disposition_table(
    *, table_id: int, generation: int | None = None, last_attempt: bool = False
) -> DispositionTable | None:
    """Freeze and render one queued generation of a disposition table: the ISU's PDF and Word
    files and the public ones. Returns the table (None if it has gone).

    Safe to run twice: only a queued generation is claimed (a conditional update), files are
    replaced, and the outcome is written only while that generation is current. A transient
    error puts the generation back in the queue and is raised for the task to retry (unless
    this is the ``last_attempt``); any other error is recorded on the row (state failed).
    Writes: the frozen sections, the four files, the table's state, the outbox message's state.
    """
    if generation is None:
        generation = DispositionTable.objects.filter(pk=table_id).values_list("generation", flat=True).first()
    key = outbox_key(table_id, generation)
    claimed = bool(
        DispositionTable.objects.filter(
            pk=table_id, generation=generation, state=DispositionTable.State.QUEUED
        ).update(state=DispositionTable.State.RENDERING)
    )
    table = DispositionTable.objects.select_related("version__draft").filter(pk=table_id).first()
    if not claimed:
        if table is None or table.generation != generation or not table.is_pending:
            outbox.mark_done(key)
        return table
    mine = DispositionTable.objects.filter(
        pk=table_id, generation=generation, state=DispositionTable.State.RENDERING
    )
    try:
        table.as_of = timezone.now()
        table.sections, table.comment_count = freeze_sections(table.version, at=table.as_of)
        staff_pdf, staff_docx = _render(table, public=False)
        public_pdf, public_docx = _render(table, public=True)
        base = f"dispositions-{table.version.draft.code.lower()}-v{table.version.number}"
        names = {}
        for field, suffix, content in (
            ("pdf", "isu.pdf", staff_pdf),
            ("docx", "isu.docx", staff_docx),
            ("public_pdf", "pdf", public_pdf),
            ("public_docx", "docx", public_docx),
        ):
            field_file = getattr(table, field)
            if field_file:
                field_file.delete(save=False)
            field_file.save(f"{base}.{suffix}", ContentFile(content), save=False)
            names[field] = field_file.name
        with transaction.atomic():
            mine.update(
                state=DispositionTable.State.READY,
                error="",
                as_of=table.as_of,
                finished_at=timezone.now(),
                sections=table.sections,
                comment_count=table.comment_count,
                **names,
            )
            outbox.mark_done(key)
    except TRANSIENT_ERRORS as error:
        if not last_attempt:
            logger.warning("Disposition table %s will be tried again: %s", table_id, error)
            mine.update(state=DispositionTable.State.QUEUED, error=_error_text(error))
            raise
        _fail(mine, key, error)
    except Exception as error:  # not transient: recorded for staff
        _fail(mine, key, error)
    table.refresh_from_db()
    return table


def _fail(mine, key: str, error: Exception) -> None:
    logger.error("Disposition table failed (%s)", key, exc_info=error)
    with transaction.atomic():
        mine.update(state=DispositionTable.State.FAILED, error=_error_text(error), finished_at=timezone.now())
        outbox.mark_done(key)


def _error_text(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def consenting_delegations(version: DraftVersion) -> set[int]:
    """The delegations whose submission on ``version`` agrees to publication now."""
    return set(
        Submission.objects.filter(version=version, consent_to_publish=True).values_list(
            "delegation_id", flat=True
        )
    )


def consent_withdrawn(table: DispositionTable, consenting: set[int]) -> bool:
    """Whether a delegation whose text the prepared table shows no longer agrees to publication
    (``consenting``: see ``consenting_delegations``): its files must be prepared again."""
    shown = {e["delegation_id"] for s in table.sections for e in s["entries"] if e["consent"]}
    return bool(shown - consenting)


@transaction.atomic
def publish_disposition_table(
    table: DispositionTable, *, by: User, at: datetime | None = None
) -> DispositionTable:
    """Publish a prepared disposition table. Refuses while it is not ready, and when a
    delegation whose text it shows has since withdrawn its consent (prepare it again first).
    Writes: DispositionTable.published_at/by."""
    locked = DispositionTable.objects.select_for_update().get(pk=table.pk)
    if locked.state != DispositionTable.State.READY:
        raise Refused(_("The disposition table is not ready: prepare it, then publish it."))
    if consent_withdrawn(locked, consenting_delegations(locked.version)):
        raise Refused(
            _("A delegation has withdrawn its consent since the table was prepared: prepare it again first.")
        )
    locked.published_at = at or timezone.now()
    locked.published_by = by
    locked.save(update_fields=["published_at", "published_by"])
    return locked


def unpublish_disposition_table(table: DispositionTable, *, by: User) -> DispositionTable:
    """Take the table off the public pages. Writes: DispositionTable.published_at/by (cleared)."""
    DispositionTable.objects.filter(pk=table.pk).update(published_at=None, published_by=None)
    table.refresh_from_db()
    return table
