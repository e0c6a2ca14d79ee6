from .delegations import Delegation, DelegationQuerySet, RegionalGroup, StatusPeriod
from .documents import Citation, Document, DocumentQuerySet, Language, Rendition  # noqa: F401
from .meetings import AgendaItem, Meeting, MeetingQuerySet, Participation

__all__ = [
    "AgendaItem",
    "Delegation",
    "DelegationQuerySet",
    "Meeting",
    "MeetingQuerySet",
    "Participation",
    "RegionalGroup",
    "StatusPeriod",
]
