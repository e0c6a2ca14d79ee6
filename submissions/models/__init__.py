"""The submissions app's models, by concept: focal points, drafts (versions and stable
paragraphs), submission windows, submissions (comments, attachments, submitted revisions),
statistics, compilations and the lineage of paragraphs across versions. Every model keeps the app label ``submissions`` and its table."""

from .compilations import Compilation, compilation_path
from .dispositions import DispositionTable, disposition_table_path
from .drafts import Draft, DraftVersion, Paragraph, VersionParagraph
from .focal_points import FocalPoint
from .lineage import ParagraphLineage
from .statistics import ReportedStatistic, ReportingCategory, end_of_day, reporting_category
from .submissions import Attachment, Comment, Submission, SubmissionRevision, attachment_path
from .windows import SubmissionWindow, WindowExtension

__all__ = [
    "Attachment",
    "Comment",
    "Compilation",
    "DispositionTable",
    "Draft",
    "DraftVersion",
    "FocalPoint",
    "Paragraph",
    "ParagraphLineage",
    "ReportedStatistic",
    "ReportingCategory",
    "Submission",
    "SubmissionRevision",
    "SubmissionWindow",
    "VersionParagraph",
    "WindowExtension",
    "attachment_path",
    "compilation_path",
    "disposition_table_path",
    "end_of_day",
    "reporting_category",
]
