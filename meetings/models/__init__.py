from .deadlines import DeadlineExtension, DeadlineWindow
from .delegations import Delegation, DelegationQuerySet, RegionalGroup, StatusPeriod
from .meetings import AgendaItem, Meeting, MeetingQuerySet, Participation

__all__ = [
    "DeadlineExtension",
    "DeadlineWindow",
    "AgendaItem",
    "Delegation",
    "DelegationQuerySet",
    "Meeting",
    "MeetingQuerySet",
    "Participation",
    "RegionalGroup",
    "StatusPeriod",
]
