"""Compilations: every comment on a version, by paragraph and then by delegation, as PDF and CSV."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .drafts import DraftVersion


def compilation_path(instance: "Compilation", filename: str) -> str:
    return f"compilations/{instance.version_id}/{filename}"


class Compilation(models.Model):
    """Every comment on a version, by paragraph and then by delegation, as PDF, CSV and Word (with
    the amendments as tracked changes)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    version = models.OneToOneField(
        DraftVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="compilation"
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.QUEUED)
    # Raised by every request to prepare the compilation again: a task renders only the
    # generation it was queued for, and only while that generation is still queued.
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
    as_of = models.DateTimeField(_("comments as of"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=compilation_path, blank=True, max_length=255)
    csv = models.FileField(_("CSV"), upload_to=compilation_path, blank=True, max_length=255)
    docx = models.FileField(_("Word"), upload_to=compilation_path, blank=True, max_length=255)
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
