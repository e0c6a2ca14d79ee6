"""Who may do what: plain predicates, no side effects."""

from datetime import datetime

from meetings.models import Delegation

from .models import DraftVersion, FocalPoint, Submission


def is_isu(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def acting_delegation(user) -> Delegation | None:
    """The delegation the user acts for (an active focal point role), or None."""
    if not user.is_authenticated or not user.is_active:
        return None
    cached = getattr(user, "_acting_delegation", False)
    if cached is not False:
        return cached
    role = FocalPoint.objects.active().filter(user=user).select_related("delegation__region").first()
    user._acting_delegation = role.delegation if role else None
    return user._acting_delegation


def can_read_drafts(user) -> bool:
    return is_isu(user) or acting_delegation(user) is not None


def owns(user, submission: Submission) -> bool:
    delegation = acting_delegation(user)
    return delegation is not None and submission.delegation_id == delegation.pk


def can_view_submission(user, submission: Submission) -> bool:
    """The delegation's own focal points always; ISU staff once it has been submitted."""
    return owns(user, submission) or (is_isu(user) and submission.revisions.exists())


def can_start_submission(user, version: DraftVersion, *, at: datetime) -> bool:
    delegation = acting_delegation(user)
    window = getattr(version, "window", None)
    return delegation is not None and window is not None and window.admits(delegation, at=at)


def can_edit_submission(user, submission: Submission, *, at: datetime) -> bool:
    window = getattr(submission.version, "window", None)
    return (
        owns(user, submission)
        and submission.is_editable_state
        and window is not None
        and window.is_open(at=at, delegation=submission.delegation)
    )
