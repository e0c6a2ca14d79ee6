from .decisions import Mandate, ReportedFigure
from .offices import OfficesHeld, offices_held_by
from .on_date import MachineryOnDate, machinery_on, presidency_chain
from .presidencies import Candidacy, Presidency, PresidencyBody, SuccessionReport, presided_meetings
from .working_groups import AnalysisGroup, CoordinatorMandate, TermStatus, WorkingGroup

__all__ = [
    "AnalysisGroup",
    "Candidacy",
    "CoordinatorMandate",
    "MachineryOnDate",
    "OfficesHeld",
    "offices_held_by",
    "Mandate",
    "Presidency",
    "PresidencyBody",
    "ReportedFigure",
    "SuccessionReport",
    "TermStatus",
    "WorkingGroup",
    "machinery_on",
    "presidency_chain",
    "presided_meetings",
]
