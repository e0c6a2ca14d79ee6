from dataclasses import dataclass, field

from meetings.models import Delegation

from .models.decisions import Mandate
from .models.presidencies import PresidencyBody
from .models.working_groups import CoordinatorMandate
from .on_date import ChainLink, presidency_chain


@dataclass
class OfficesHeld:
    """Every office a delegation has held in the Convention's machinery, as the records show."""

    delegation: Delegation
    presidencies: list[ChainLink] = field(default_factory=list)
    coordinator_mandates: list[CoordinatorMandate] = field(default_factory=list)
    bodies: list[PresidencyBody] = field(default_factory=list)
    observer_decisions: list[Mandate] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.presidencies or self.coordinator_mandates or self.bodies or self.observer_decisions)


def offices_held_by(delegation: Delegation) -> OfficesHeld:
    """Presidencies with their terms, coordinator mandates, seats on bodies the Presidency set up,
    and observer seats on the Coordination Committee (a fixed number of queries)."""
    held = OfficesHeld(delegation=delegation)
    if delegation.is_state:
        held.presidencies = [
            link
            for link in presidency_chain()
            if link.presidency and link.presidency.state_id == delegation.pk
        ]
        held.coordinator_mandates = list(
            CoordinatorMandate.objects.with_related().for_state(delegation).order_by("start_date", "pk")
        )
    held.bodies = list(
        PresidencyBody.objects.filter(members=delegation).select_related(
            "presidency__meeting", "presidency__state"
        )
    )
    held.observer_decisions = list(
        Mandate.objects.filter(kind=Mandate.Kind.COMPOSITION, observers=delegation).select_related("meeting")
    )
    return held
