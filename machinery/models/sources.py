from django.db import models
from django.utils.translation import gettext_lazy as _


class Sourced(models.Model):
    """Where a record comes from: a formal document by its symbol and paragraph, so that it can be
    linked to the document register, and a note for sources with no symbol."""

    source_symbol = models.CharField(
        _("source document"),
        max_length=80,
        blank=True,
        help_text=_("The document's symbol, e.g. CCM/CONF/2021/6."),
    )
    source_paragraph = models.CharField(
        _("paragraph"), max_length=60, blank=True, help_text=_("As the document numbers it: 84 (iii) (a).")
    )
    source_note = models.CharField(
        _("source note"),
        max_length=400,
        blank=True,
        help_text=_("Where the fact is reported, when the source has no symbol or cites another."),
    )

    class Meta:
        abstract = True

    @property
    def source_display(self) -> str:
        parts = []
        if self.source_symbol:
            parts.append(self.source_symbol)
        if self.source_paragraph:
            parts.append(str(_("paragraph %(number)s") % {"number": self.source_paragraph}))
        return ", ".join(parts)
