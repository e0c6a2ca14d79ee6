"""Where each paragraph of a version comes from: the paragraph (or paragraphs) of the previous
version it continues, and the amendments that changed it, so that a paragraph's history can be
followed back to the zero draft and comments made on a later version stay anchored."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .drafts import DraftVersion, VersionParagraph
from .submissions import Comment


class ParagraphLineage(models.Model):
    """One link between a paragraph of a version and a paragraph of the previous version.

    A paragraph kept or changed has one link to its source; a paragraph split in two gives two
    links (kind "split") from the same source; two paragraphs merged give two links (kind
    "merged") to the same paragraph; a new paragraph has a link with no source, a deleted one a
    link with no paragraph.
    """

    class Kind(models.TextChoices):
        SAME = "same", _("Unchanged")
        CHANGED = "changed", _("Changed")
        SPLIT = "split", _("Split")
        MERGED = "merged", _("Merged")
        NEW = "new", _("New")
        DELETED = "deleted", _("Deleted")

    version = models.ForeignKey(
        DraftVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="lineage"
    )
    paragraph = models.ForeignKey(
        VersionParagraph,
        verbose_name=_("paragraph"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sources",
        help_text=_("Empty: the source paragraph was deleted."),
    )
    source = models.ForeignKey(
        VersionParagraph,
        verbose_name=_("from paragraph"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="descendants",
        help_text=_("Empty: a new paragraph."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    amendments = models.ManyToManyField(
        Comment, verbose_name=_("amendments applied"), blank=True, related_name="+"
    )

    class Meta:
        ordering = ["version", "paragraph__position", "pk"]
        verbose_name = _("paragraph lineage")
        verbose_name_plural = _("paragraph lineage")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(paragraph__isnull=False) | models.Q(source__isnull=False),
                name="lineage_links_something",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source or '—'} → {self.paragraph or '—'} ({self.get_kind_display()})"
