"""A delegation's work on its submission before it submits: started, comments written and
removed, files attached and removed, consent to publication. Every change is refused when the
window does not accept it (``SubmissionWindow.refusal``) or once the submission is submitted."""

from datetime import datetime

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from meetings.models import Delegation

from ..models import Attachment, Comment, DraftVersion, Submission, VersionParagraph
from ..uploads import CheckedFile
from .workflow import DeadlinePassed, Refused, attribute

MAX_ATTACHMENTS = 10


def window_refusal(
    version: DraftVersion, delegation: Delegation, *, at: datetime, starting: bool = False
) -> str | None:
    """Why ``version`` refuses this delegation's changes at ``at`` (see SubmissionWindow.refusal),
    or None if it accepts them."""
    window = getattr(version, "window", None)
    if window is None:
        return _("This version is not open for comment.")
    return window.refusal(delegation, at=at, starting=starting)


def check_window(submission: Submission, *, at: datetime) -> None:
    """Raise DeadlinePassed when the window does not accept the submission's changes at ``at``."""
    reason = window_refusal(submission.version, submission.delegation, at=at)
    if reason:
        raise DeadlinePassed(reason)


def _lock_for_edit(submission: Submission, *, at: datetime) -> Submission:
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    check_window(submission, at=at)
    if locked.state != Submission.State.DRAFT:
        raise Refused(
            _("This submission is %(state)s; choose “Edit again” to change it.")
            % {"state": locked.get_state_display().lower()}
        )
    return locked


def start_submission(
    *, version: DraftVersion, delegation: Delegation, by: User, at: datetime | None = None
) -> Submission:
    """The delegation's submission on ``version``, created if it has none.
    Writes: a Submission. Refuses when the window is closed or does not admit the delegation."""
    at = at or timezone.now()
    existing = Submission.objects.filter(version=version, delegation=delegation).first()
    if existing:
        return existing
    reason = window_refusal(version, delegation, at=at, starting=True)
    if reason:
        window = getattr(version, "window", None)
        closed = window is None or not window.is_open(at=at, delegation=delegation)
        raise (DeadlinePassed if closed else Refused)(reason)
    try:
        with transaction.atomic():
            return Submission.objects.create(
                version=version, delegation=delegation, created_by=by, created_at=at, updated_at=at
            )
    except IntegrityError:  # another focal point of the delegation started it meanwhile
        return Submission.objects.get(version=version, delegation=delegation)


@transaction.atomic
def save_comment(
    *,
    submission: Submission,
    by: User,
    paragraph: VersionParagraph | None,
    kind: str,
    text: str,
    proposed_text: str = "",
    comment: Comment | None = None,
    at: datetime | None = None,
) -> Comment:
    """Add a comment to the submission, or change ``comment``. Writes: the Comment and the
    submission's last-saved time. Refuses after the deadline or once submitted."""
    at = at or timezone.now()
    locked = _lock_for_edit(submission, at=at)
    if paragraph is not None and paragraph.version_id != locked.version_id:
        raise Refused(_("That paragraph is not part of this version."))
    if comment is None:
        comment = Comment(submission=locked, paragraph=paragraph, created_at=at)
    elif comment.submission_id != locked.pk or comment.removed_at:
        raise Refused(_("That comment is not part of this submission."))
    comment.kind = kind
    comment.text = text.strip()
    comment.proposed_text = (
        proposed_text.strip() if kind in (Comment.Kind.AMENDMENT, Comment.Kind.ADDITION) else ""
    )
    comment.updated_at = at
    comment.full_clean()
    comment.save()
    Submission.objects.filter(pk=locked.pk).update(updated_at=at)
    return comment


@transaction.atomic
def remove_comment(comment: Comment, *, by: User, at: datetime | None = None) -> Comment:
    """Take a comment out of the submission (kept, marked removed). Writes: Comment.removed_at,
    with its history."""
    at = at or timezone.now()
    _lock_for_edit(comment.submission, at=at)  # the submission's row lock serialises its changes
    row = Comment.objects.get(pk=comment.pk)
    if row.removed_at is None:
        row.removed_at = at
        row.updated_at = at
        attribute(row, by=by, reason="Removed")
        row.save(update_fields=["removed_at", "updated_at"])
    comment.refresh_from_db()
    return comment


@transaction.atomic
def set_consent(submission: Submission, *, consent: bool, by: User, at: datetime | None = None) -> Submission:
    """Record whether the delegation agrees to publication. Writes: Submission.consent_to_publish."""
    at = at or timezone.now()
    locked = _lock_for_edit(submission, at=at)
    locked.consent_to_publish = consent
    locked.updated_at = at
    locked.save(update_fields=["consent_to_publish", "updated_at"])
    return locked


@transaction.atomic
def add_attachment(
    *, submission: Submission, checked: CheckedFile, by: User, at: datetime | None = None
) -> Attachment:
    """Attach a checked file. Writes: the Attachment and its file in the media storage."""
    at = at or timezone.now()
    locked = _lock_for_edit(submission, at=at)
    if locked.attachments.current().count() >= MAX_ATTACHMENTS:
        raise Refused(_("A submission can have at most %(n)s attachments.") % {"n": MAX_ATTACHMENTS})
    attachment = Attachment(
        submission=locked,
        name=checked.name,
        file_type=checked.file_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by,
        uploaded_at=at,
    )
    attachment.file.save(checked.name, ContentFile(checked.content), save=False)
    attachment.save()
    Submission.objects.filter(pk=locked.pk).update(updated_at=at)
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment, *, by: User, at: datetime | None = None) -> Attachment:
    """Take a file out of the submission; the file is kept for earlier revisions."""
    at = at or timezone.now()
    _lock_for_edit(attachment.submission, at=at)
    Attachment.objects.filter(pk=attachment.pk, removed_at__isnull=True).update(removed_at=at)
    attachment.refresh_from_db()
    return attachment
