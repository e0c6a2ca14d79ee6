"""Submission windows: a deadline extended for everyone or for one delegation."""

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from meetings.models import Delegation

from ..models import SubmissionWindow, WindowExtension
from .workflow import Refused


@transaction.atomic
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
    SubmissionWindow.objects.select_for_update().filter(pk=window.pk).first()
    current = window.deadline_for(delegation)
    if current is not None and new_deadline <= current:
        raise Refused(
            _("The new deadline must be later than the one in force (%(deadline)s).")
            % {"deadline": window.deadline_display(delegation)}
        )
    extension = WindowExtension(
        window=window,
        delegation=delegation,
        new_deadline=new_deadline,
        decided_by=decided_by,
        reason=reason,
        recorded_by=by,
    )
    extension.save()
    return extension
