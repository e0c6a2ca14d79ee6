"""Submitting: the frozen revision with its receipt number, made editable again, withdrawn;
and the receipt, mailed with its PDF through the outbox."""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from ccm_portal.lib import outbox
from ccm_portal.lib.emails import send_templated_mail
from ccm_portal.lib.pdf import render_pdf

from ..models import FocalPoint, Submission, SubmissionRevision
from .editing import check_window
from .workflow import Refused, attribute

RECEIPT_TASK = "submissions.send_submission_receipt"


def snapshot(submission: Submission, *, by: User) -> dict:
    comments = list(
        submission.comments.current()
        .select_related("paragraph")
        .order_by("paragraph__position", "created_at", "pk")
    )
    comments.sort(key=lambda c: (c.paragraph is not None, c.paragraph.position if c.paragraph else 0))
    delegation = submission.delegation
    version = submission.version
    return {
        "draft": version.draft.title,
        "draft_code": version.draft.code,
        "version": version.label,
        "version_number": version.number,
        "delegation": delegation.name,
        "delegation_id": delegation.pk,
        "submitted_by": by.email,
        "consent_to_publish": submission.consent_to_publish,
        "comments": [
            {
                "id": c.pk,
                "paragraph_id": c.paragraph_id,
                "anchor": str(c.paragraph.paragraph.key) if c.paragraph else None,
                "number": c.paragraph.number if c.paragraph else "",
                "part": c.paragraph.part if c.paragraph else "",
                "heading": c.paragraph.heading if c.paragraph else "",
                "paragraph_text": c.paragraph.text if c.paragraph else "",
                "kind": c.kind,
                "text": c.text,
                "proposed_text": c.proposed_text,
            }
            for c in comments
        ],
        "attachments": [
            {"id": a.pk, "name": a.name, "type": a.file_type, "size": a.size, "sha256": a.sha256}
            for a in submission.attachments.current()
        ],
    }


def receipt_number(submission: Submission, revision_number: int) -> str:
    delegation = submission.delegation
    code = (delegation.iso3 or delegation.acronym or delegation.slug).upper().replace(" ", "")[:20]
    version = submission.version
    return f"{version.draft.code}-V{version.number}-{code}-R{revision_number}"


def receipt_outbox_key(revision_id: int) -> str:
    return f"submissions.receipt:{revision_id}"


def submit(submission: Submission, *, by: User, at: datetime | None = None) -> SubmissionRevision:
    """Submit the delegation's current text.

    Writes: a SubmissionRevision (frozen copy, receipt number and time) and the state
    "submitted"; the earlier revision, if any, is superseded and kept. A submission whose
    delegation withdrew consent is taken off the public page.
    Writes: an outbox message for the receipt, in the same transaction.
    Queues (after commit, or by the outbox sweep if the broker is down): the confirmation e-mail
    with the receipt PDF.
    Refuses after the deadline, when already submitted (two clicks: the second one loses) and
    when there is nothing to submit.
    """
    at = at or timezone.now()
    with transaction.atomic():
        locked = (
            Submission.objects.select_for_update()
            .select_related("version__draft", "delegation")
            .get(pk=submission.pk)
        )
        if locked.state == Submission.State.SUBMITTED:
            latest = locked.latest_revision()
            raise Refused(
                _("This submission was already submitted (receipt %(receipt)s).")
                % {"receipt": latest.receipt_number}
            )
        check_window(locked, at=at)
        if locked.state != Submission.State.DRAFT:
            raise Refused(_("Choose “Edit again” before submitting a withdrawn submission."))
        if not locked.comments.current().exists() and not locked.attachments.current().exists():
            raise Refused(_("There is nothing to submit yet: add a comment or attach a file first."))
        number = (locked.revisions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        revision = SubmissionRevision.objects.create(
            submission=locked,
            number=number,
            receipt_number=receipt_number(locked, number),
            submitted_at=at,
            submitted_by=by,
            snapshot=snapshot(locked, by=by),
        )
        locked.state = Submission.State.SUBMITTED
        locked.updated_at = at
        fields = ["state", "updated_at"]
        if locked.published_revision_id and not locked.consent_to_publish:
            locked.published_revision = None
            locked.published_at = None
            fields += ["published_revision", "published_at"]
        locked.save(update_fields=fields)
        # Through the outbox, in this transaction: the receipt goes out even if the broker is
        # down now (the periodic sweep hands it over once the broker is back).
        outbox.enqueue(
            key=receipt_outbox_key(revision.pk),
            task_name=RECEIPT_TASK,
            args=[revision.pk],
        )
    submission.refresh_from_db()
    return revision


@transaction.atomic
def reopen(submission: Submission, *, by: User, at: datetime | None = None) -> Submission:
    """Make a submitted or withdrawn submission editable again before the deadline; the
    submitted revision stands until a new one is submitted. Writes: Submission.state."""
    at = at or timezone.now()
    check_window(submission, at=at)
    locked = Submission.objects.select_for_update().get(pk=submission.pk)  # two clicks: one wins
    if locked.state not in (Submission.State.SUBMITTED, Submission.State.WITHDRAWN):
        submission.refresh_from_db()
        raise Refused(_("This submission can already be edited."))
    locked.state = Submission.State.DRAFT
    locked.updated_at = at
    attribute(locked, by=by, reason="Reopened")
    locked.save(update_fields=["state", "updated_at"])
    submission.refresh_from_db()
    return submission


@transaction.atomic
def withdraw(submission: Submission, *, by: User, at: datetime | None = None) -> Submission:
    """Withdraw the standing revision before the deadline. Writes: Submission.state
    "withdrawn", the revision's withdrawal time and who, and ends any publication."""
    at = at or timezone.now()
    check_window(submission, at=at)
    locked = Submission.objects.select_for_update().get(pk=submission.pk)  # two clicks: one wins
    standing = locked.standing_revision()
    if standing is None:
        raise Refused(_("There is no submitted text to withdraw."))
    if locked.state not in (Submission.State.SUBMITTED, Submission.State.DRAFT):
        raise Refused(_("This submission was already withdrawn."))
    locked.state = Submission.State.WITHDRAWN
    locked.updated_at = at
    locked.published_revision = None
    locked.published_at = None
    attribute(locked, by=by, reason="Withdrawn")
    locked.save(update_fields=["state", "updated_at", "published_revision", "published_at"])
    SubmissionRevision.objects.filter(pk=standing.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=at, withdrawn_by=by
    )
    submission.refresh_from_db()
    return submission


def receipt_pdf(revision: SubmissionRevision) -> bytes:
    """The receipt of one submitted revision, rendered from its frozen copy."""
    submission = revision.submission
    window = getattr(submission.version, "window", None)
    return render_pdf(
        "pdf/submissions/receipt.html",
        {
            "revision": revision,
            "submission": submission,
            "snapshot": revision.snapshot,
            "submitted_local": timezone.localtime(revision.submitted_at, window.tz if window else None),
            "time_zone": window.time_zone if window else settings.TIME_ZONE,
            "comments": revision.comments_for_display(),
        },
    )


def mail_receipt(*, revision_id: int) -> int:
    """Mail the receipt of a submitted revision (with its PDF) to the delegation's focal points
    and the person who submitted; returns the number of messages sent (0 when the revision has
    gone, was already mailed, or another worker is mailing it right now).

    Safe to run twice and concurrently: the revision's row stays locked while the mail is sent,
    and ``receipt_mailed_at`` is written in the same transaction, so a worker killed before the
    commit leaves the receipt to be sent again (by the outbox sweep) and a finished one is never
    repeated. Writes: SubmissionRevision.receipt_mailed_at, the outbox message's state.
    """
    key = receipt_outbox_key(revision_id)
    with transaction.atomic():
        revision = (
            SubmissionRevision.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("submission__version__draft", "submission__delegation", "submitted_by")
            .filter(pk=revision_id, receipt_mailed_at__isnull=True)
            .first()
        )
        if revision is None:
            if not SubmissionRevision.objects.filter(pk=revision_id, receipt_mailed_at__isnull=True).exists():
                outbox.mark_done(key)  # mailed before, or the revision has gone
            return 0
        submission = revision.submission
        # One message per language: each person receives the mail and its PDF in theirs.
        people = dict(
            FocalPoint.objects.active()
            .filter(delegation=submission.delegation)
            .values_list("user__email", "user__language")
        )
        if revision.submitted_by:
            people[revision.submitted_by.email] = revision.submitted_by.language
        sent = 0
        for language in sorted(set(people.values())):
            with translation.override(language):
                send_templated_mail(
                    template="emails/submission_receipt",
                    to=sorted(email for email, chosen in people.items() if chosen == language),
                    context={
                        "revision": revision,
                        "submission": submission,
                        "link": settings.SITE_URL.rstrip("/") + revision.get_absolute_url(),
                        "site_name": settings.SITE_NAME,
                    },
                    attachments=[
                        (f"receipt-{revision.receipt_number}.pdf", receipt_pdf(revision), "application/pdf")
                    ],
                    language=language,
                )
            sent += 1
        SubmissionRevision.objects.filter(pk=revision_id).update(receipt_mailed_at=timezone.now())
        outbox.mark_done(key)
    return sent
