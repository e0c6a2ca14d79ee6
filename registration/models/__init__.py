"""The registration app's models, by concept: registration periods with their extensions,
delegations' registrations and their members, arrivals, the seating layout, and the security log."""

from .checkin import CheckIn
from .periods import RegistrationExtension, RegistrationPeriod
from .published import PublishedList
from .registrations import DelegationRegistration, Participant, note_verbale_path
from .seating import SeatingLayout
from .security import SecurityEvent

__all__ = [
    "CheckIn",
    "DelegationRegistration",
    "Participant",
    "PublishedList",
    "RegistrationExtension",
    "RegistrationPeriod",
    "SeatingLayout",
    "SecurityEvent",
    "note_verbale_path",
]
