"""Drafts open for comment, their versions and stable paragraphs.

A paragraph has two records: ``Paragraph`` is its identity across versions (comments made on
the zero draft stay attached when the paragraph is carried into the revised draft) and
``VersionParagraph`` is how it reads in one version (number, part, heading, text).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.history import HistoricalRecords
from meetings.models import Meeting


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

    # The translated field behind its name (ccm_portal.lib.content marks it English only).
    translated_from = {"str": "title"}

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


class DraftVersionQuerySet(models.QuerySet):
    def with_window(self):
        """With the draft, its meeting, the window and the window's extensions (for deadlines)."""
        return self.select_related("draft__meeting", "window").prefetch_related("window__extensions")


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
    objects = DraftVersionQuerySet.as_manager()

    # The translated field behind its name (ccm_portal.lib.content marks it English only).
    translated_from = {"str": "label"}

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
