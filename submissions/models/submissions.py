"""A delegation's submission on a version: its comments, attachments and submitted revisions."""

import uuid
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.history import HistoricalRecords
from meetings.models import Delegation

from ..diffing import word_diff
from .drafts import DraftVersion, VersionParagraph


class SubmissionQuerySet(models.QuerySet):
    def for_delegation(self, delegation: Delegation | None):
        if delegation is None:
            return self.none()
        return self.filter(delegation=delegation)

    def ever_submitted(self):
        """Submitted at least once: what the ISU may see (before that it is the delegation's
        own work in progress)."""
        return self.filter(models.Exists(SubmissionRevision.objects.filter(submission=models.OuterRef("pk"))))


class Submission(models.Model):
    """A delegation's written submission on one version of a draft."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft (not submitted)")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    version = models.ForeignKey(
        DraftVersion, verbose_name=_("version"), on_delete=models.PROTECT, related_name="submissions"
    )
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.PROTECT, related_name="submissions"
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    consent_to_publish = models.BooleanField(
        _("the delegation agrees to publication"),
        default=False,
        help_text=_("The ISU may publish this submission on the portal's public pages."),
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    published_revision = models.ForeignKey(
        "SubmissionRevision",
        verbose_name=_("published revision"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["version", "delegation__name"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "delegation"], name="one_submission_per_delegation_and_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.delegation} · {self.version}"

    def get_absolute_url(self) -> str:
        return reverse("submissions:submission-detail", args=[self.pk])

    @property
    def is_editable_state(self) -> bool:
        return self.state == self.State.DRAFT

    def _revisions(self) -> list["SubmissionRevision"]:
        # Uses the prefetched revisions when the caller prefetched them.
        return sorted(self.revisions.all(), key=lambda r: r.number)

    def latest_revision(self) -> "SubmissionRevision | None":
        """The last revision submitted, withdrawn or not."""
        revisions = self._revisions()
        return revisions[-1] if revisions else None

    def standing_revision(self, at: datetime | None = None) -> "SubmissionRevision | None":
        """The revision that stands (now, or at the moment ``at``): the latest one submitted by
        then, unless it had been withdrawn by then. An earlier revision never stands once a
        later one was submitted, even if that later one was withdrawn."""
        revisions = [r for r in self._revisions() if at is None or r.submitted_at <= at]
        if not revisions:
            return None
        latest = revisions[-1]
        if latest.withdrawn_at is not None and (at is None or latest.withdrawn_at <= at):
            return None
        return latest


class CommentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(removed_at__isnull=True)

    def ever_submitted(self):
        """Comments of submissions submitted at least once (see SubmissionQuerySet)."""
        return self.filter(
            models.Exists(SubmissionRevision.objects.filter(submission=models.OuterRef("submission")))
        )


class Comment(models.Model):
    """A general comment (no paragraph) or a comment on one paragraph of the version."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Comment")
        AMENDMENT = "amendment", _("Proposed amendment")
        DELETION = "deletion", _("Proposed deletion")
        ADDITION = "addition", _("Proposed new paragraph after this one")

    class Disposition(models.TextChoices):
        TAKEN_UP = "taken_up", _("Taken up")
        PARTLY = "partly", _("Partly taken up")
        NOT_TAKEN_UP = "not_taken_up", _("Not taken up")
        FOR_DISCUSSION = "for_discussion", _("For discussion at the meeting")

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="comments"
    )
    paragraph = models.ForeignKey(
        VersionParagraph,
        verbose_name=_("paragraph"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comments",
        help_text=_("Empty: a general comment."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMMENT)
    text = models.TextField(_("comment"), blank=True)
    proposed_text = models.TextField(_("proposed text"), blank=True)
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)
    # Removed comments are kept: an earlier submitted revision may quote them, and the ISU's
    # disposition stays with them.
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    disposition = models.CharField(_("disposition"), max_length=20, choices=Disposition.choices, blank=True)
    disposition_note = models.TextField(_("note on the disposition"), blank=True)
    adopted_text = models.TextField(
        _("text as taken up"),
        blank=True,
        help_text=_("For an amendment taken up with changes: the paragraph as the ISU takes it up."),
    )
    disposition_at = models.DateTimeField(_("disposition recorded"), null=True, blank=True)
    disposition_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("disposition by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["submission", "paragraph__position", "created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        where = self.paragraph.label if self.paragraph_id else _("General")
        return f"{where} · {self.get_kind_display()}"

    @property
    def amendment_diff(self) -> list:
        if self.kind != self.Kind.AMENDMENT or self.paragraph is None:
            return []
        return word_diff(self.paragraph.text, self.proposed_text)

    def clean(self) -> None:
        if self.paragraph_id is None and self.kind != self.Kind.COMMENT:
            raise ValidationError({"kind": _("A general comment cannot propose a change to a paragraph.")})


def attachment_path(instance: "Attachment", filename: str) -> str:
    # The stored name is random: the name the delegation gave is kept only as data.
    return f"submissions/{instance.submission_id}/{uuid.uuid4().hex}"


class AttachmentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(removed_at__isnull=True)


class Attachment(models.Model):
    """A file attached to a submission (PDF, DOCX or ODT, checked by content)."""

    class FileType(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", _("Word document (DOCX)")
        ODT = "odt", _("OpenDocument text (ODT)")

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    name = models.CharField(_("file name"), max_length=200)
    file_type = models.CharField(_("type"), max_length=10, choices=FileType.choices)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["submission", "uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name

    @property
    def content_type(self) -> str:
        return {
            self.FileType.PDF: "application/pdf",
            self.FileType.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            self.FileType.ODT: "application/vnd.oasis.opendocument.text",
        }[self.file_type]


class SubmissionRevision(models.Model):
    """One submission as it was submitted: a frozen copy with its receipt number and time.

    Every submitted revision is kept. A revision stands until the delegation submits a newer
    one or withdraws it.
    """

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveSmallIntegerField(_("revision"))
    receipt_number = models.CharField(_("receipt number"), max_length=60, unique=True)
    submitted_at = models.DateTimeField(_("submitted"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    snapshot = models.JSONField(_("content as submitted"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    receipt_mailed_at = models.DateTimeField(_("receipt mailed"), null=True, blank=True)

    class Meta:
        ordering = ["submission", "number"]
        verbose_name = _("submitted revision")
        verbose_name_plural = _("submitted revisions")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "number"], name="revision_number_unique_in_submission"
            )
        ]

    def __str__(self) -> str:
        return self.receipt_number

    def get_absolute_url(self) -> str:
        return reverse("submissions:receipt", args=[self.submission_id, self.number])

    @property
    def comments(self) -> list[dict]:
        return self.snapshot.get("comments", [])

    def comments_for_display(self) -> list[dict]:
        """The frozen comments, each with its kind's label and, for an amendment, the change
        against the paragraph as it read when submitted."""
        return [
            dict(
                c,
                kind_label=Comment.Kind(c["kind"]).label,
                diff=word_diff(c["paragraph_text"], c["proposed_text"])
                if c["kind"] == Comment.Kind.AMENDMENT
                else [],
            )
            for c in self.comments
        ]

    @property
    def attachments(self) -> list[dict]:
        return self.snapshot.get("attachments", [])

    @property
    def consent_to_publish(self) -> bool:
        return bool(self.snapshot.get("consent_to_publish"))
