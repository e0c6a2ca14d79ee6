"""The ISU's actions on a submitted submission: the disposition of a comment, publication of
the standing revision with the delegation's consent, and its removal from the public page."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from ..models import Comment, Submission
from .workflow import Refused, attribute


def record_disposition(comment: Comment, *, disposition: str, note: str, by: User) -> Comment:
    """Record what the drafters did with a comment. Writes: the Comment's disposition fields."""
    comment.disposition = disposition
    comment.disposition_note = note.strip()
    comment.disposition_by = by
    comment.disposition_at = timezone.now()
    comment._change_reason = "Disposition"
    comment.save(update_fields=["disposition", "disposition_note", "disposition_by", "disposition_at"])
    return comment


@transaction.atomic
def publish(submission: Submission, *, by: User, at: datetime | None = None) -> Submission:
    """Publish the standing revision on the public page under the draft.
    Writes: Submission.published_revision/at/by. Refuses without the delegation's consent."""
    at = at or timezone.now()
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    revision = locked.standing_revision()
    if revision is None:
        raise Refused(_("Only a submitted, not withdrawn, submission can be published."))
    if not revision.consent_to_publish:
        raise Refused(_("The delegation did not agree to publication of this submission."))
    locked.published_revision = revision
    locked.published_at = at
    locked.published_by = by
    locked.save(update_fields=["published_revision", "published_at", "published_by"])
    return locked


@transaction.atomic
def unpublish(submission: Submission, *, by: User) -> Submission:
    """Take a submission off the public page. Writes: Submission.published_revision/at, with its
    history (the staff member who unpublished)."""
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    locked.published_revision = None
    locked.published_at = None
    locked.published_by = by
    attribute(locked, by=by, reason="Unpublished")
    locked.save(update_fields=["published_revision", "published_at", "published_by"])
    submission.refresh_from_db()
    return submission
