"""What a published list of participants says, as data: the open-data API serves it, so that
a program reads exactly what the issued document shows (only members who consented are named,
the others counted), not the registrations as they are now."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from documents.models import Document


class PublishedList(models.Model):
    """The groups, delegations and named members of one issued list of participants (its
    document: the INF document, or its revision). ``groups``: ``[{"key", "delegations": [{"id",
    "members": [{"name", "role", "function"}], "others"}]}]``, in the document's order."""

    document = models.OneToOneField(
        Document,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="participants_snapshot",
    )
    groups = models.JSONField(_("groups"), default=list)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("published list of participants")
        verbose_name_plural = _("published lists of participants")

    def __str__(self) -> str:
        return str(self.document)
