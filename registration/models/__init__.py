"""The registration app's models, by concept: registration periods with their extensions,
delegations' registrations and their members, the seating layout, and the security log."""

from .periods import RegistrationExtension, RegistrationPeriod
from .registrations import DelegationRegistration, Participant, note_verbale_path
from .seating import SeatingLayout
from .security import SecurityEvent

__all__ = [
    "DelegationRegistration",
    "Participant",
    "RegistrationExtension",
    "RegistrationPeriod",
    "SeatingLayout",
    "SecurityEvent",
    "note_verbale_path",
]
