"""The categories in which the Presidency reports submissions received, and the figures
reported by others."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.history import HistoricalRecords
from meetings.models import Delegation
from meetings.treaty import TreatyStatus

from .drafts import DraftVersion


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


def end_of_day(day: date, tz: ZoneInfo | None = None) -> datetime:
    """The first moment after ``day`` ends (in ``tz``, the ISU's time zone by default)."""
    tz = tz or timezone.get_default_timezone()
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz)


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
