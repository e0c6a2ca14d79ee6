"""Drafts open for comment, their versions and stable paragraphs, submission windows, the
delegations' submissions and comments, and the ISU's compilations.

A paragraph has two records: ``Paragraph`` is its identity across versions (comments made on
the zero draft stay attached when the paragraph is carried into the revised draft) and
``VersionParagraph`` is how it reads in one version (number, part, heading, text).
"""

import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.models import Delegation, Meeting
from meetings.models.meetings import validate_timezone
from meetings.treaty import TreatyStatus

from .diffing import word_diff


class ReportingCategory(models.TextChoices):
    """The four groups in which the Presidency reports submissions received."""

    STATES_PARTIES = "states_parties", _("States Parties")
    STATES_NOT_PARTY = "states_not_party", _("States not party")
    UN_AGENCIES = "un_agencies", _("UN agencies")
    OTHER_ORGANISATIONS = "other_organisations", _("Other organisations")


def reporting_category(delegation: Delegation, on: date) -> str:
    """The group a delegation is counted in on ``on``. Signatories, like every State that is
    not a party on that date, are counted as States not party."""
    if delegation.is_state:
        if delegation.status_on(on) == TreatyStatus.STATE_PARTY:
            return ReportingCategory.STATES_PARTIES
        return ReportingCategory.STATES_NOT_PARTY
    if delegation.category == Delegation.Category.UN_AGENCY:
        return ReportingCategory.UN_AGENCIES
    return ReportingCategory.OTHER_ORGANISATIONS


# --- focal points ---------------------------------------------------------------------------


class FocalPointQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class FocalPoint(models.Model):
    """A person acting for one delegation on the portal, until revoked."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="focal_points",
    )
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.PROTECT, related_name="focal_points"
    )
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = FocalPointQuerySet.as_manager()

    class Meta:
        ordering = ["delegation__name", "user__email"]
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_focal_point_role_per_person",
                violation_error_message=_("This person already acts for a delegation."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.delegation}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


# --- drafts, versions, paragraphs -----------------------------------------------------------


class Draft(models.Model):
    """A document prepared for a meeting and circulated for written comments."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    code = models.CharField(
        _("short code"),
        max_length=12,
        unique=True,
        help_text=_("Letters used in receipt numbers, e.g. RSO for the Review of the Status and Operation."),
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("prepares"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="drafts",
    )
    description = models.TextField(_("description"), blank=True)
    next_step = models.CharField(
        _("next step"), max_length=300, blank=True, help_text=_("What is expected next, as announced.")
    )
    is_demo = models.BooleanField(
        _("demonstration only"),
        default=False,
        help_text=_("Written for the demonstration; not a Convention document."),
    )
    sources = models.TextField(_("sources"), blank=True, help_text=_("One source per line."))
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("submissions:draft-detail", args=[self.slug])

    def clean(self) -> None:
        if self.code and not self.code.replace("-", "").isalnum():
            raise ValidationError({"code": _("Use letters, digits and hyphens only.")})


class DraftVersion(models.Model):
    """One version of a draft (zero draft, revised draft...), made of numbered paragraphs."""

    draft = models.ForeignKey(
        Draft, verbose_name=_("draft"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version number"))
    label = models.CharField(_("label"), max_length=120, help_text=_("Zero draft, revised draft..."))
    circulated_on = models.DateField(_("circulated on"), null=True, blank=True)
    text_held = models.BooleanField(
        _("text held in the portal"),
        default=True,
        help_text=_("Off when the portal records the version but does not hold its text."),
    )
    source_name = models.CharField(_("created from"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["draft", "number"]
        verbose_name = _("draft version")
        verbose_name_plural = _("draft versions")
        constraints = [
            models.UniqueConstraint(fields=["draft", "number"], name="one_version_number_per_draft")
        ]

    def __str__(self) -> str:
        return f"{self.draft} – {self.label}"

    def get_absolute_url(self) -> str:
        return reverse("submissions:version-detail", args=[self.draft.slug, self.number])

    def previous(self) -> "DraftVersion | None":
        return self.draft.versions.filter(number__lt=self.number).order_by("-number").first()


class Paragraph(models.Model):
    """The identity of a paragraph across the versions of a draft."""

    draft = models.ForeignKey(
        Draft, verbose_name=_("draft"), on_delete=models.CASCADE, related_name="paragraphs"
    )
    key = models.UUIDField(_("key"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("paragraph identity")
        verbose_name_plural = _("paragraph identities")

    def __str__(self) -> str:
        return str(self.key)


class VersionParagraph(models.Model):
    """A paragraph as it reads in one version."""

    version = models.ForeignKey(
        DraftVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="paragraphs"
    )
    paragraph = models.ForeignKey(
        Paragraph, verbose_name=_("paragraph"), on_delete=models.PROTECT, related_name="texts"
    )
    position = models.PositiveIntegerField(_("position"))
    number = models.CharField(_("number"), max_length=20)
    part = models.CharField(_("part"), max_length=300, blank=True)
    heading = models.CharField(_("heading"), max_length=300, blank=True)
    text = models.TextField(_("text"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="paragraph_number_unique_in_version"),
            models.UniqueConstraint(fields=["version", "paragraph"], name="paragraph_once_per_version"),
        ]

    def __str__(self) -> str:
        return _("Paragraph %(number)s") % {"number": self.number}

    @property
    def label(self) -> str:
        return str(self)


# --- windows --------------------------------------------------------------------------------


class SubmissionWindow(models.Model):
    """When and by whom written submissions on a version are accepted.

    The deadline in force is derived: the original deadline, or the latest extension for
    everyone, or for one delegation its own later extension.
    """

    version = models.OneToOneField(
        DraftVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="window"
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True, help_text=_("Empty: not recorded."))
    original_deadline = models.DateTimeField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("As first announced. Empty when not recorded: the portal then accepts nothing."),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Zurich", validators=[validate_timezone]
    )
    states_parties = models.BooleanField(_("States Parties may submit"), default=True)
    signatories = models.BooleanField(_("signatories may submit"), default=True)
    states_not_party = models.BooleanField(_("States not party may submit"), default=True)
    organisations = models.BooleanField(_("organisations may submit"), default=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("submission window")
        verbose_name_plural = _("submission windows")

    def __str__(self) -> str:
        return _("Submissions on %(version)s") % {"version": self.version}

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def _extensions(self) -> list["WindowExtension"]:
        # Uses the prefetched extensions when the caller prefetched them.
        return list(self.extensions.all())

    @property
    def deadline(self) -> datetime | None:
        """The deadline in force for everyone."""
        general = [e.new_deadline for e in self._extensions() if e.delegation_id is None and e.new_deadline]
        return max(general) if general else self.original_deadline

    @property
    def was_extended(self) -> bool:
        return any(e.delegation_id is None for e in self._extensions())

    def deadline_for(self, delegation: Delegation | None) -> datetime | None:
        deadline = self.deadline
        if delegation is None:
            return deadline
        own = [
            e.new_deadline for e in self._extensions() if e.delegation_id == delegation.pk and e.new_deadline
        ]
        if own and (deadline is None or max(own) > deadline):
            return max(own)
        return deadline

    def deadline_display(self, delegation: Delegation | None = None) -> str:
        deadline = self.deadline_for(delegation)
        if deadline is None:
            return str(_("not recorded"))
        local = timezone.localtime(deadline, self.tz)
        return f"{date_format(local, 'j F Y, H:i')} ({self.time_zone})"

    def has_opened(self, at: datetime) -> bool:
        return self.opens_at is None or self.opens_at <= at

    def is_open(self, *, at: datetime, delegation: Delegation | None = None) -> bool:
        deadline = self.deadline_for(delegation)
        return deadline is not None and self.has_opened(at) and at < deadline

    def admits(self, delegation: Delegation, *, on: date) -> bool:
        """Whether the delegation is among those who may submit, by its status on ``on``."""
        if not delegation.is_state:
            return self.organisations
        status = delegation.status_on(on)
        if status == TreatyStatus.STATE_PARTY:
            return self.states_parties
        if status == TreatyStatus.SIGNATORY:
            return self.signatories
        if status in (TreatyStatus.NOT_PARTY, TreatyStatus.WITHDRAWN):
            return self.states_not_party
        return self.states_parties and self.signatories and self.states_not_party

    @property
    def eligible_labels(self) -> list[str]:
        labels = []
        for flag, label in [
            (self.states_parties, _("States Parties")),
            (self.signatories, _("signatories")),
            (self.states_not_party, _("States not party")),
            (self.organisations, _("organisations")),
        ]:
            if flag:
                labels.append(str(label))
        return labels


class WindowExtension(models.Model):
    """An extension of a deadline, for everyone or for one delegation, with who decided and why."""

    window = models.ForeignKey(
        SubmissionWindow, verbose_name=_("window"), on_delete=models.CASCADE, related_name="extensions"
    )
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("for delegation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadline_extensions",
        help_text=_("Empty: for everyone."),
    )
    new_deadline = models.DateTimeField(
        _("new deadline"), null=True, blank=True, help_text=_("Empty only when the source does not give it.")
    )
    decided_by = models.CharField(_("decided by"), max_length=200)
    reason = models.TextField(_("why"))
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["window", "recorded_at"]
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")

    def __str__(self) -> str:
        who = self.delegation or _("everyone")
        return _("Extension for %(who)s") % {"who": who}


class ReportedStatistic(models.Model):
    """Submissions received as reported by someone else (the Presidency at a meeting), kept
    apart from the portal's own counts: the portal does not hold those submissions."""

    version = models.ForeignKey(
        DraftVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="reported_statistics"
    )
    as_of = models.DateField(_("as of"))
    states_parties = models.PositiveIntegerField(_("States Parties"), null=True, blank=True)
    states_not_party = models.PositiveIntegerField(_("States not party"), null=True, blank=True)
    un_agencies = models.PositiveIntegerField(_("UN agencies"), null=True, blank=True)
    other_organisations = models.PositiveIntegerField(_("other organisations"), null=True, blank=True)
    reported_by = models.CharField(_("reported by"), max_length=200)
    source = models.TextField(_("source"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "as_of"]
        verbose_name = _("reported statistic")
        verbose_name_plural = _("reported statistics")

    def __str__(self) -> str:
        return f"{self.version} · {self.as_of}"

    def counts(self) -> dict[str, int | None]:
        return {category: getattr(self, category) for category in ReportingCategory.values}

    @property
    def total(self) -> int:
        return sum(v for v in self.counts().values() if v)


# --- submissions ----------------------------------------------------------------------------


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

    @property
    def is_published(self) -> bool:
        return self.published_revision_id is not None


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

    def stood_on(self, moment: datetime) -> bool:
        """Whether this revision had been submitted and not withdrawn at ``moment``."""
        return self.submitted_at <= moment and (self.withdrawn_at is None or self.withdrawn_at > moment)

    @property
    def comments(self) -> list[dict]:
        return self.snapshot.get("comments", [])

    @property
    def general_comments(self) -> list[dict]:
        return [c for c in self.comments if c.get("paragraph_id") is None]

    @property
    def paragraph_comments(self) -> list[dict]:
        return [c for c in self.comments if c.get("paragraph_id") is not None]

    @property
    def attachments(self) -> list[dict]:
        return self.snapshot.get("attachments", [])

    @property
    def consent_to_publish(self) -> bool:
        return bool(self.snapshot.get("consent_to_publish"))


def end_of_day(day: date, tz: ZoneInfo | None = None) -> datetime:
    """The first moment after ``day`` ends (in ``tz``, the ISU's time zone by default)."""
    tz = tz or timezone.get_default_timezone()
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz)


# --- compilations ---------------------------------------------------------------------------


def compilation_path(instance: "Compilation", filename: str) -> str:
    return f"compilations/{instance.version_id}/{filename}"


class Compilation(models.Model):
    """Every comment on a version, by paragraph and then by delegation, as PDF and CSV."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    version = models.OneToOneField(
        DraftVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="compilation"
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.QUEUED)
    error = models.TextField(_("error"), blank=True)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    as_of = models.DateTimeField(_("comments as of"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=compilation_path, blank=True, max_length=255)
    csv = models.FileField(_("CSV"), upload_to=compilation_path, blank=True, max_length=255)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    submission_count = models.PositiveIntegerField(_("submissions"), default=0)

    class Meta:
        verbose_name = _("compilation")
        verbose_name_plural = _("compilations")

    def __str__(self) -> str:
        return _("Compilation of %(version)s") % {"version": self.version}

    @property
    def is_pending(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RENDERING)
