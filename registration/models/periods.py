"""A meeting's registration period: when delegations may register, with per-delegation
extensions (the deadline design shared with submission windows), whether credentials are
required and how long the personal data are kept."""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.history import HistoricalRecords
from meetings.models import DeadlineExtension, DeadlineWindow, Delegation, Meeting


class RegistrationPeriodQuerySet(models.QuerySet):
    def with_extensions(self):
        return self.select_related("meeting").prefetch_related("extensions")


class RegistrationPeriod(DeadlineWindow):
    """Registration for one meeting, opened by the ISU. The deadline in force is derived from the
    original deadline and the extensions, for everyone or for one delegation."""

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="registration_period"
    )
    credentials_required = models.BooleanField(
        _("credentials required"),
        default=False,
        help_text=_(
            "A Review Conference or a Meeting of States Parties: the state of each delegation's credentials is recorded."
        ),
    )
    retention_days = models.PositiveIntegerField(
        _("personal data kept for (days)"),
        default=365,
        help_text=_(
            "Counted from the meeting's last day; then names, functions and e-mail addresses are erased and the counts remain."
        ),
    )
    personal_data_erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()
    objects = RegistrationPeriodQuerySet.as_manager()

    not_recorded_message = _("Registration for this meeting is not open: no deadline is recorded.")
    not_yet_open_message = _("Registration for this meeting opens on %(opens)s (%(tz)s).")
    deadline_passed_message = _(
        "The deadline for registration passed on %(deadline)s. Nothing was changed: what you typed "
        "is still on this page. Ask the ISU if your delegation needs an extension."
    )

    class Meta:
        verbose_name = _("registration period")
        verbose_name_plural = _("registration periods")

    def __str__(self) -> str:
        return _("Registration for %(meeting)s") % {"meeting": self.meeting}

    @property
    def erase_after(self):
        """The day after which the personal data may be erased, or None while the meeting's
        last day is not known."""
        last_day = self.meeting.last_day
        return last_day + timedelta(days=self.retention_days) if last_day else None


class RegistrationExtension(DeadlineExtension):
    """An extension of the registration deadline, for everyone or for one delegation."""

    window = models.ForeignKey(
        RegistrationPeriod,
        verbose_name=_("registration period"),
        on_delete=models.CASCADE,
        related_name="extensions",
    )
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("for delegation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registration_extensions",
        help_text=_("Empty: for everyone."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["window", "recorded_at"]
        verbose_name = _("registration deadline extension")
        verbose_name_plural = _("registration deadline extensions")
