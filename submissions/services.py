"""Workflows of the submissions app: each names what it writes, mails or queues."""

import csv
import io
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import invite_user
from ccm_portal.lib import outbox
from ccm_portal.lib.emails import send_templated_mail
from ccm_portal.lib.pdf import render_pdf
from meetings.models import Delegation

from .diffing import normalised, similarity, word_diff
from .models import (
    Attachment,
    Comment,
    Compilation,
    Draft,
    DraftVersion,
    FocalPoint,
    Paragraph,
    ReportedStatistic,
    ReportingCategory,
    Submission,
    SubmissionRevision,
    SubmissionWindow,
    VersionParagraph,
    WindowExtension,
    end_of_day,
    reporting_category,
)
from .parsing import ParsedParagraph
from .uploads import CheckedFile

logger = logging.getLogger(__name__)

MAX_ATTACHMENTS = 10


def _attribute(instance, *, by: User | None, reason: str) -> None:
    """Name who made the change and why in the history record the next save() writes."""
    if by is not None:
        instance._history_user = by
    instance._change_reason = reason


class Refused(Exception):
    """A workflow refused to act; the message is for the person who asked."""


class DeadlinePassed(Refused):
    pass


# --- focal points ---------------------------------------------------------------------------


@transaction.atomic
def invite_focal_point(
    *, email: str, delegation: Delegation, by: User | None, base_url: str, full_name: str = ""
) -> FocalPoint:
    """Make the person with ``email`` a focal point of ``delegation``.

    Writes: the User if new (accounts.services.invite_user) and the FocalPoint.
    Queues (after commit): the set-password invitation and a message naming the delegation.
    Refuses when the person already acts for another delegation.
    """
    user = invite_user(email=email, full_name=full_name, base_url=base_url)
    role = FocalPoint.objects.select_for_update().filter(user=user, revoked_at__isnull=True).first()
    if role is not None and role.delegation_id != delegation.pk:
        raise Refused(
            _("%(email)s already acts for %(delegation)s; revoke that role first.")
            % {"email": user.email, "delegation": role.delegation}
        )
    if role is None:
        role = FocalPoint(user=user, delegation=delegation, invited_by=by)
        role._change_reason = "Invited"
        role.save()
    from .tasks import send_focal_point_mail

    send_focal_point_mail.delay_on_commit(role.pk, "appointed", base_url)
    return role


def revoke_focal_point(focal_point: FocalPoint, *, by: User | None, at: datetime | None = None) -> FocalPoint:
    """End a focal point role. Writes: FocalPoint.revoked_at/by (only if still active), with its
    history. Queues (after commit): a message to the person."""
    at = at or timezone.now()
    with transaction.atomic():
        role = FocalPoint.objects.select_for_update().get(pk=focal_point.pk)  # two clicks: one wins
        if role.revoked_at is None:
            role.revoked_at = at
            role.revoked_by = by
            _attribute(role, by=by, reason="Revoked")
            role.save(update_fields=["revoked_at", "revoked_by"])
            from .tasks import send_focal_point_mail

            send_focal_point_mail.delay_on_commit(focal_point.pk, "revoked", settings.SITE_URL)
        focal_point.refresh_from_db()
    return focal_point


# --- versions -------------------------------------------------------------------------------


def match_identities(previous: list[VersionParagraph], parsed: list[ParsedParagraph]) -> list[int | None]:
    """For each new paragraph, the identity (Paragraph id) it carries from the previous version.

    First the same text, then the same number with a similar text, then the most similar text
    among those not yet matched; a paragraph with no close counterpart is new.
    """
    result: list[int | None] = [None] * len(parsed)
    unused = {p.pk: p for p in previous}
    by_text: dict[str, list[VersionParagraph]] = {}
    for p in previous:
        by_text.setdefault(normalised(p.text), []).append(p)
    for i, new in enumerate(parsed):
        for candidate in by_text.get(normalised(new.text), []):
            if candidate.pk in unused:
                result[i] = candidate.paragraph_id
                del unused[candidate.pk]
                break
    by_number = {p.number: p for p in previous}
    for i, new in enumerate(parsed):
        candidate = by_number.get(new.number)
        if result[i] is None and candidate and candidate.pk in unused:
            if similarity(candidate.text, new.text) >= 0.5:
                result[i] = candidate.paragraph_id
                del unused[candidate.pk]
    for i, new in enumerate(parsed):
        if result[i] is not None or not unused:
            continue
        best, score = None, 0.0
        for candidate in unused.values():
            value = similarity(candidate.text, new.text)
            if value > score:
                best, score = candidate, value
        if best is not None and score >= 0.6:
            result[i] = best.paragraph_id
            del unused[best.pk]
    return result


@transaction.atomic
def create_version(
    *,
    draft: Draft,
    label: str,
    paragraphs: list[ParsedParagraph],
    by: User | None,
    circulated_on: date | None = None,
    source_name: str = "",
) -> DraftVersion:
    """Add the next version of ``draft`` made of ``paragraphs``.

    Writes: the DraftVersion, its VersionParagraphs, and a Paragraph identity for each paragraph
    that is not carried from the previous version (carried ones keep theirs).
    """
    Draft.objects.select_for_update().filter(pk=draft.pk).first()  # one new version at a time
    last = draft.versions.order_by("-number").first()
    previous = list(last.paragraphs.all()) if last else []
    identities = match_identities(previous, paragraphs)
    version = DraftVersion.objects.create(
        draft=draft,
        number=(last.number + 1) if last else 1,
        label=label,
        circulated_on=circulated_on,
        source_name=source_name,
        created_by=by,
    )
    rows = []
    for position, (parsed, identity) in enumerate(zip(paragraphs, identities, strict=True), start=1):
        if identity is None:
            identity = Paragraph.objects.create(draft=draft).pk
        rows.append(
            VersionParagraph(
                version=version,
                paragraph_id=identity,
                position=position,
                number=parsed.number,
                part=parsed.part[:300],
                heading=parsed.heading[:300],
                text=parsed.text,
            )
        )
    VersionParagraph.objects.bulk_create(rows)
    return version


@dataclass
class ParagraphChange:
    paragraph: VersionParagraph | None  # None for a paragraph that was removed
    previous: VersionParagraph | None
    status: str  # "unchanged", "changed", "new", "removed"
    renumbered: bool = False
    diff: list = field(default_factory=list)
    earlier_comments: int = 0


def version_changes(version: DraftVersion) -> tuple[DraftVersion | None, list[ParagraphChange]]:
    """This version paragraph by paragraph against the previous one (read-only)."""
    previous = version.previous()
    current = list(version.paragraphs.all())
    before = {p.paragraph_id: p for p in previous.paragraphs.all()} if previous else {}
    counts: dict[int, int] = {}
    if previous:
        # Comments received on the previous version (submitted at least once), by paragraph identity.
        counts = {
            row["paragraph__paragraph_id"]: row["n"]
            for row in Comment.objects.current()
            .filter(paragraph__version=previous, submission__revisions__isnull=False)
            .values("paragraph__paragraph_id")
            .annotate(n=Count("pk", distinct=True))
        }
    changes: list[ParagraphChange] = []
    for p in current:
        old = before.pop(p.paragraph_id, None)
        if old is None:
            changes.append(ParagraphChange(p, None, "new"))
            continue
        same = normalised(old.text) == normalised(p.text)
        changes.append(
            ParagraphChange(
                p,
                old,
                "unchanged" if same else "changed",
                renumbered=old.number != p.number,
                diff=[] if same else word_diff(old.text, p.text),
                earlier_comments=counts.get(p.paragraph_id, 0),
            )
        )
    for old in before.values():
        changes.append(
            ParagraphChange(None, old, "removed", earlier_comments=counts.get(old.paragraph_id, 0))
        )
    return previous, changes


# --- windows --------------------------------------------------------------------------------


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


def refusal_for_window(
    window: SubmissionWindow | None, delegation: Delegation, *, at: datetime
) -> str | None:
    """Why the window refuses this delegation's changes at ``at``, or None if it accepts them."""
    if window is None:
        return _("This version is not open for comment.")
    deadline = window.deadline_for(delegation)
    if deadline is None:
        return _("The portal does not accept submissions on this version: no deadline is recorded.")
    if not window.has_opened(at):
        local = timezone.localtime(window.opens_at, window.tz)
        return _("Submissions on this version open on %(opens)s (%(tz)s).") % {
            "opens": date_format(local, "j F Y, H:i"),
            "tz": window.time_zone,
        }
    if at >= deadline:
        return _(
            "The deadline for submissions on this version passed on %(deadline)s. Nothing was changed: "
            "what you typed is still on this page and everything saved before is kept. Ask the ISU if "
            "your delegation needs an extension."
        ) % {"deadline": window.deadline_display(delegation)}
    return None


def _check_window(submission: Submission, *, at: datetime) -> None:
    reason = refusal_for_window(getattr(submission.version, "window", None), submission.delegation, at=at)
    if reason:
        raise DeadlinePassed(reason)


def _lock_for_edit(submission: Submission, *, at: datetime) -> Submission:
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    _check_window(submission, at=at)
    if locked.state != Submission.State.DRAFT:
        raise Refused(
            _("This submission is %(state)s; choose “Edit again” to change it.")
            % {"state": locked.get_state_display().lower()}
        )
    return locked


# --- submissions ----------------------------------------------------------------------------


def start_submission(
    *, version: DraftVersion, delegation: Delegation, by: User, at: datetime | None = None
) -> Submission:
    """The delegation's submission on ``version``, created if it has none.
    Writes: a Submission. Refuses when the window is closed or does not admit the delegation."""
    at = at or timezone.now()
    existing = Submission.objects.filter(version=version, delegation=delegation).first()
    if existing:
        return existing
    window = getattr(version, "window", None)
    reason = refusal_for_window(window, delegation, at=at)
    if reason:
        raise DeadlinePassed(reason)
    if not window.admits(delegation, on=timezone.localdate(at, window.tz)):
        raise Refused(
            _("Submissions on this version are open to %(who)s only.")
            % {"who": ", ".join(window.eligible_labels)}
        )
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
        _attribute(row, by=by, reason="Removed")
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


def _snapshot(submission: Submission, *, by: User) -> dict:
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
            latest = locked.revisions.order_by("-number").first()
            raise Refused(
                _("This submission was already submitted (receipt %(receipt)s).")
                % {"receipt": latest.receipt_number}
            )
        _check_window(locked, at=at)
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
            snapshot=_snapshot(locked, by=by),
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
            task_name="submissions.send_submission_receipt",
            args=[revision.pk],
        )
    submission.refresh_from_db()
    return revision


@transaction.atomic
def reopen(submission: Submission, *, by: User, at: datetime | None = None) -> Submission:
    """Make a submitted or withdrawn submission editable again before the deadline; the
    submitted revision stands until a new one is submitted. Writes: Submission.state."""
    at = at or timezone.now()
    _check_window(submission, at=at)
    locked = Submission.objects.select_for_update().get(pk=submission.pk)  # two clicks: one wins
    if locked.state not in (Submission.State.SUBMITTED, Submission.State.WITHDRAWN):
        submission.refresh_from_db()
        raise Refused(_("This submission can already be edited."))
    locked.state = Submission.State.DRAFT
    locked.updated_at = at
    _attribute(locked, by=by, reason="Reopened")
    locked.save(update_fields=["state", "updated_at"])
    submission.refresh_from_db()
    return submission


@transaction.atomic
def withdraw(submission: Submission, *, by: User, at: datetime | None = None) -> Submission:
    """Withdraw the standing revision before the deadline. Writes: Submission.state
    "withdrawn", the revision's withdrawal time and who, and ends any publication."""
    at = at or timezone.now()
    _check_window(submission, at=at)
    locked = Submission.objects.select_for_update().get(pk=submission.pk)  # two clicks: one wins
    latest = locked.revisions.order_by("-number").first()
    if latest is None or latest.withdrawn_at is not None:
        raise Refused(_("There is no submitted text to withdraw."))
    if locked.state not in (Submission.State.SUBMITTED, Submission.State.DRAFT):
        raise Refused(_("This submission was already withdrawn."))
    locked.state = Submission.State.WITHDRAWN
    locked.updated_at = at
    locked.published_revision = None
    locked.published_at = None
    _attribute(locked, by=by, reason="Withdrawn")
    locked.save(update_fields=["state", "updated_at", "published_revision", "published_at"])
    SubmissionRevision.objects.filter(pk=latest.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=at, withdrawn_by=by
    )
    submission.refresh_from_db()
    return submission


# --- the ISU side ---------------------------------------------------------------------------


def standing_revision(submission: Submission) -> SubmissionRevision | None:
    """The latest submitted revision unless it was withdrawn (uses prefetched revisions)."""
    revisions = sorted(submission.revisions.all(), key=lambda r: r.number)
    if not revisions or revisions[-1].withdrawn_at is not None:
        return None
    return revisions[-1]


def latest_revision(submission: Submission) -> SubmissionRevision | None:
    revisions = sorted(submission.revisions.all(), key=lambda r: r.number)
    return revisions[-1] if revisions else None


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
    revision = standing_revision(locked)
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
    _attribute(locked, by=by, reason="Unpublished")
    locked.save(update_fields=["published_revision", "published_at", "published_by"])
    submission.refresh_from_db()
    return submission


@dataclass
class Statistics:
    on: date
    counts: dict[str, int]
    delegations: dict[str, list[Delegation]]
    reported: list[ReportedStatistic]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def rows(self) -> list[tuple[str, str, int, list[Delegation]]]:
        return [
            (value, label, self.counts[value], self.delegations[value])
            for value, label in ReportingCategory.choices
        ]


def statistics(version: DraftVersion, *, on: date) -> Statistics:
    """Delegations whose submission on ``version`` stood at the end of ``on`` (in the window's
    time zone), by the category the Presidency reports, with the figures reported by others."""
    window = getattr(version, "window", None)
    moment = end_of_day(on, window.tz if window else None)
    revisions = (
        SubmissionRevision.objects.filter(submission__version=version, submitted_at__lt=moment)
        .select_related("submission__delegation")
        .order_by("submission__delegation__name")
    )
    counted: dict[int, Delegation] = {}
    for revision in revisions:
        if revision.stood_on(moment - timedelta(microseconds=1)):
            counted[revision.submission.delegation_id] = revision.submission.delegation
    delegations: dict[str, list[Delegation]] = {value: [] for value in ReportingCategory.values}
    for delegation in counted.values():
        delegations[reporting_category(delegation, on)].append(delegation)
    reported = [r for r in version.reported_statistics.all() if r.as_of <= on]
    return Statistics(
        on=on,
        counts={k: len(v) for k, v in delegations.items()},
        delegations=delegations,
        reported=reported,
    )


# --- compilations ---------------------------------------------------------------------------


@dataclass
class CompiledComment:
    delegation: Delegation
    category: str
    receipt_number: str
    submitted_at: datetime
    data: dict
    comment: Comment | None

    @property
    def kind_label(self) -> str:
        return Comment.Kind(self.data["kind"]).label

    @property
    def diff(self):
        if self.data["kind"] == Comment.Kind.AMENDMENT:
            return word_diff(self.data.get("paragraph_text", ""), self.data.get("proposed_text", ""))
        return []

    @property
    def disposition_label(self) -> str:
        if self.comment and self.comment.disposition:
            return self.comment.get_disposition_display()
        return ""


@dataclass
class CompiledSection:
    paragraph: VersionParagraph | None
    entries: list[CompiledComment]


def compile_version(version: DraftVersion, *, at: datetime) -> tuple[list[CompiledSection], int]:
    """Every standing comment on ``version``: general comments first, then paragraph by
    paragraph in the version's order, each by delegation (read-only)."""
    submissions = (
        Submission.objects.filter(version=version)
        .select_related("delegation")
        .prefetch_related(Prefetch("revisions", queryset=SubmissionRevision.objects.order_by("number")))
    )
    standing = [(s, r) for s in submissions if (r := standing_revision(s)) is not None]
    ids = [c["id"] for _s, r in standing for c in r.comments]
    live = {c.pk: c for c in Comment.objects.filter(pk__in=ids)}
    paragraphs = list(version.paragraphs.all())
    sections = {None: CompiledSection(None, [])} | {p.pk: CompiledSection(p, []) for p in paragraphs}
    on = timezone.localdate(at)
    for submission, revision in sorted(standing, key=lambda pair: pair[0].delegation.name):
        category = ReportingCategory(reporting_category(submission.delegation, on)).label
        for data in revision.comments:
            section = sections.get(data.get("paragraph_id"))
            if section is None:  # a paragraph no longer in the version: keep the comment visible
                section = sections[None]
            section.entries.append(
                CompiledComment(
                    delegation=submission.delegation,
                    category=str(category),
                    receipt_number=revision.receipt_number,
                    submitted_at=revision.submitted_at,
                    data=data,
                    comment=live.get(data["id"]),
                )
            )
    return list(sections.values()), len(standing)


CSV_HEADER = [
    "paragraph",
    "part",
    "heading",
    "delegation",
    "category",
    "kind",
    "comment",
    "proposed_text",
    "receipt_number",
    "submitted_at",
    "disposition",
    "disposition_note",
]


def _cell(value: str) -> str:
    """Text a spreadsheet will not run as a formula (delegations write these cells)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def compilation_csv(sections: list[CompiledSection]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for section in sections:
        for entry in section.entries:
            data = entry.data
            writer.writerow(
                [
                    _cell(str(value))
                    for value in [
                        data.get("number") or _("general"),
                        data.get("part", ""),
                        data.get("heading", ""),
                        entry.delegation.name,
                        entry.category,
                        entry.kind_label,
                        data.get("text", ""),
                        data.get("proposed_text", ""),
                        entry.receipt_number,
                        entry.submitted_at.isoformat(),
                        entry.disposition_label,
                        entry.comment.disposition_note if entry.comment else "",
                    ]
                ]
            )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def request_compilation(version: DraftVersion, *, by: User | None, at: datetime | None = None) -> Compilation:
    """Ask for the compilation of ``version`` to be (re)rendered.
    Writes: the Compilation (state "queued"). Queues (after commit): the rendering task, unless
    one is already queued or under way."""
    at = at or timezone.now()
    with transaction.atomic():
        compilation, created = Compilation.objects.select_for_update().get_or_create(
            version=version, defaults={"requested_by": by, "requested_at": at}
        )
        if not created and compilation.is_pending and compilation.requested_at > at - timedelta(minutes=10):
            return compilation
        compilation.state = Compilation.State.QUEUED
        compilation.error = ""
        compilation.requested_at = at
        compilation.requested_by = by
        compilation.save()
        from .tasks import render_compilation as task

        task.delay_on_commit(compilation.pk)
    return compilation


def render_compilation(*, compilation_id: int) -> Compilation | None:
    """Render the PDF and CSV of a queued compilation. Safe to run twice: only a queued (or
    interrupted) compilation is rendered, and its files are replaced, never added.
    Writes: the files and the Compilation's state (ready, or failed with the error)."""
    claimed = Compilation.objects.filter(
        pk=compilation_id, state__in=[Compilation.State.QUEUED, Compilation.State.RENDERING]
    ).update(state=Compilation.State.RENDERING)
    compilation = (
        Compilation.objects.select_related("version__draft__meeting").filter(pk=compilation_id).first()
    )
    if not claimed or compilation is None:
        return compilation
    at = timezone.now()
    try:
        version = compilation.version
        sections, submission_count = compile_version(version, at=at)
        comment_count = sum(len(s.entries) for s in sections)
        pdf = render_pdf(
            "pdf/submissions/compilation.html",
            {
                "version": version,
                "draft": version.draft,
                "sections": sections,
                "as_of": at,
                "comment_count": comment_count,
                "submission_count": submission_count,
            },
        )
        csv_bytes = compilation_csv(sections)
        base = f"compilation-{version.draft.code.lower()}-v{version.number}"
        for field_file, suffix, content in (
            (compilation.pdf, "pdf", pdf),
            (compilation.csv, "csv", csv_bytes),
        ):
            if field_file:
                field_file.delete(save=False)
            field_file.save(f"{base}.{suffix}", ContentFile(content), save=False)
        compilation.state = Compilation.State.READY
        compilation.error = ""
        compilation.as_of = at
        compilation.finished_at = timezone.now()
        compilation.comment_count = comment_count
        compilation.submission_count = submission_count
        compilation.save()
    except Exception as error:  # recorded on the model for staff to see; the log has the trace
        logger.exception("Compilation %s failed", compilation_id)
        Compilation.objects.filter(pk=compilation_id).update(
            state=Compilation.State.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        compilation.refresh_from_db()
    return compilation


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
            "comments": [
                dict(
                    c,
                    kind_label=Comment.Kind(c["kind"]).label,
                    diff=word_diff(c["paragraph_text"], c["proposed_text"])
                    if c["kind"] == Comment.Kind.AMENDMENT
                    else [],
                )
                for c in revision.comments
            ],
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
        recipients = sorted(
            set(
                FocalPoint.objects.active()
                .filter(delegation=submission.delegation)
                .values_list("user__email", flat=True)
            )
            | ({revision.submitted_by.email} if revision.submitted_by else set())
        )
        sent = 0
        if recipients:
            send_templated_mail(
                template="emails/submission_receipt",
                to=recipients,
                context={
                    "revision": revision,
                    "submission": submission,
                    "link": settings.SITE_URL.rstrip("/") + revision.get_absolute_url(),
                    "site_name": settings.SITE_NAME,
                },
                attachments=[
                    (f"receipt-{revision.receipt_number}.pdf", receipt_pdf(revision), "application/pdf")
                ],
            )
            sent = 1
        SubmissionRevision.objects.filter(pk=revision_id).update(receipt_mailed_at=timezone.now())
        outbox.mark_done(key)
    return sent
