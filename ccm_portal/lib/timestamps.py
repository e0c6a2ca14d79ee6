"""When a record was created and last changed, for the open data API's ?changed_since=.

Not kept in the record's history (which has its own dates): models with a history pass
``HistoricalRecords(excluded_fields=TIMESTAMPS)``."""

from django.db import models
from django.utils.translation import gettext_lazy as _

TIMESTAMPS = ["created", "last_modified"]


class Timestamped(models.Model):
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_modified = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        abstract = True
