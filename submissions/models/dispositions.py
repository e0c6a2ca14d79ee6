"""The disposition table of a version: every comment and amendment received on it, by
paragraph, with the delegation, what the ISU did with it and why, as PDF and Word. Prepared in
the background from a frozen copy of the dispositions; public only once the ISU publishes it,
and then without the text of the delegations that did not agree to publication."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .drafts import DraftVersion


def disposition_table_path(instance: "DispositionTable", filename: str) -> str:
    return f"dispositions/{instance.version_id}/{filename}"


class DispositionTable(models.Model):
    """The disposition table of one version, frozen when it was prepared."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    version = models.OneToOneField(
        DraftVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="disposition_table",
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.QUEUED)
    # Raised by every request to prepare the table again: a task renders only the generation it
    # was queued for, and only while that generation is still queued.
    generation = models.PositiveIntegerField(_("generation"), default=0, editable=False)
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
    as_of = models.DateTimeField(_("dispositions as of"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    sections = models.JSONField(_("table as prepared"), default=list, blank=True)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    pdf = models.FileField(_("PDF (ISU)"), upload_to=disposition_table_path, blank=True, max_length=255)
    docx = models.FileField(_("Word (ISU)"), upload_to=disposition_table_path, blank=True, max_length=255)
    public_pdf = models.FileField(
        _("PDF (public)"), upload_to=disposition_table_path, blank=True, max_length=255
    )
    public_docx = models.FileField(
        _("Word (public)"), upload_to=disposition_table_path, blank=True, max_length=255
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

    class Meta:
        verbose_name = _("disposition table")
        verbose_name_plural = _("disposition tables")

    def __str__(self) -> str:
        return _("Disposition table of %(version)s") % {"version": self.version}

    def get_absolute_url(self) -> str:
        return reverse("submissions:disposition-table", args=[self.version.draft.slug, self.version.number])

    @property
    def is_pending(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RENDERING)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.state == self.State.READY
