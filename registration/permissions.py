"""Who may do what: plain predicates, no side effects. The delegation a person acts for comes
from the request (``request.acting_delegation()``, wired by the project's middleware)."""

from meetings.models import Delegation

from .models import DelegationRegistration


def is_isu(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def acting_delegation(request) -> Delegation | None:
    if not request.user.is_authenticated or not request.user.is_active:
        return None
    return request.acting_delegation()


def can_see_members(request, registration: DelegationRegistration) -> bool:
    """Personal data of a delegation: ISU staff and the delegation's own focal points only."""
    if is_isu(request.user):
        return True
    delegation = acting_delegation(request)
    return delegation is not None and delegation.pk == registration.delegation_id
