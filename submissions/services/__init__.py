"""Workflows of the submissions app, by concept; each names what it writes, mails or queues.

focal_points: appointing and revoking focal points, and the mail that tells them.
versions: a new version of a draft and its comparison with the previous one.
windows: extensions of a deadline.
editing: a delegation's work before it submits (comments, attachments, consent).
submitting: submit, edit again, withdraw; the receipt and its mail.
isu: the ISU's dispositions and publication.
evolution: each paragraph of a draft across its versions, word by word.
merging: decisions on amendments, and the next version built from those taken up, with lineage.
statistics: submissions standing on a date, by reporting category.
compilations: every standing comment on a version, as PDF, CSV and Word.
dispositions: the disposition table of a version, as PDF and Word, and its publication.
word: a version, and a compilation with its amendments as tracked changes, as Word documents.

Background work is queued through the outbox by the task's name: nothing here imports
``submissions.tasks``.
"""

from .compilations import (
    CompiledComment,
    CompiledSection,
    compilation_csv,
    compile_version,
    render_compilation,
    request_compilation,
)
from .dispositions import (
    publish_disposition_table,
    readable_sections,
    render_disposition_table,
    request_disposition_table,
    unpublish_disposition_table,
)
from .editing import (
    add_attachment,
    remove_attachment,
    remove_comment,
    save_comment,
    set_consent,
    start_submission,
)
from .evolution import ParagraphEvolution, evolution
from .focal_points import invite_focal_point, mail_role_change, revoke_focal_point
from .isu import publish, record_disposition, unpublish
from .merging import MergePlan, build_next_version, merge_plan, paragraph_history, record_decision
from .statistics import Statistics, statistics
from .submitting import mail_receipt, receipt_number, receipt_pdf, reopen, snapshot, submit, withdraw
from .versions import ParagraphChange, create_version, match_identities, version_changes
from .windows import extend_window
from .word import compilation_docx, version_changes_docx, version_docx
from .workflow import DeadlinePassed, Refused

__all__ = [
    "publish_disposition_table",
    "readable_sections",
    "render_disposition_table",
    "request_disposition_table",
    "unpublish_disposition_table",
    "CompiledComment",
    "CompiledSection",
    "DeadlinePassed",
    "MergePlan",
    "ParagraphEvolution",
    "ParagraphChange",
    "Refused",
    "Statistics",
    "add_attachment",
    "build_next_version",
    "compilation_csv",
    "compilation_docx",
    "compile_version",
    "create_version",
    "evolution",
    "extend_window",
    "invite_focal_point",
    "mail_receipt",
    "mail_role_change",
    "match_identities",
    "merge_plan",
    "paragraph_history",
    "publish",
    "receipt_number",
    "receipt_pdf",
    "record_decision",
    "record_disposition",
    "remove_attachment",
    "remove_comment",
    "render_compilation",
    "reopen",
    "request_compilation",
    "revoke_focal_point",
    "save_comment",
    "set_consent",
    "snapshot",
    "start_submission",
    "statistics",
    "submit",
    "unpublish",
    "version_changes",
    "version_changes_docx",
    "version_docx",
    "withdraw",
]
