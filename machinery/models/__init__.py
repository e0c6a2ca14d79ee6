from .decisions import Mandate, ReportedFigure
from .presidencies import Candidacy, Presidency, PresidencyBody, SuccessionReport, presided_meetings
from .working_groups import AnalysisGroup, CoordinatorMandate, TermStatus, WorkingGroup

__all__ = [
    "AnalysisGroup",
    "Candidacy",
    "CoordinatorMandate",
    "Mandate",
    "Presidency",
    "PresidencyBody",
    "ReportedFigure",
    "SuccessionReport",
    "TermStatus",
    "WorkingGroup",
    "presided_meetings",
]
