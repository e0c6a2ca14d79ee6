"""Submission windows: a deadline extended for everyone or for one delegation (the workflow
shared with registration periods, meetings.deadlines.extend_deadline)."""

from datetime import datetime

from accounts.models import User
from meetings.deadlines import ExtensionRefused, extend_deadline
from meetings.models import Delegation

from ..models import SubmissionWindow, WindowExtension
from .workflow import Refused


def extend_window(
    window: SubmissionWindow,
    *,
    new_deadline: datetime,
    decided_by: str,
    reason: str,
    by: User | None,
    delegation: Delegation | None = None,
) -> WindowExtension:
    """Record an extension for everyone or one delegation. Writes: a WindowExtension.
    Refuses a new deadline that is not later than the one in force for that scope."""
    try:
        return extend_deadline(
            window,
            new_deadline=new_deadline,
            decided_by=decided_by,
            reason=reason,
            by=by,
            delegation=delegation,
        )
    except ExtensionRefused as refusal:
        raise Refused(str(refusal)) from refusal
