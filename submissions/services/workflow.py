"""What every workflow of the submissions app shares: the refusal it raises for the person who
asked, and the attribution of a change in the history."""

from accounts.models import User


def attribute(instance, *, by: User | None, reason: str) -> None:
    """Name who made the change and why in the history record the next save() writes."""
    if by is not None:
        instance._history_user = by
    instance._change_reason = reason


class Refused(Exception):
    """A workflow refused to act; the message is for the person who asked."""


class DeadlinePassed(Refused):
    pass
