"""Submission windows: when and by whom submissions on a version are accepted, and the
extensions of their deadlines."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.history import HistoricalRecords
from meetings.models import Delegation
from meetings.models.meetings import validate_timezone
from meetings.treaty import TreatyStatus

from .drafts import DraftVersion


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
        return f"{date_format(local, 'DATETIME_FORMAT')} ({self.time_zone})"

    def local_date(self, at: datetime) -> date:
        """The day ``at`` falls on in the window's time zone."""
        return timezone.localdate(at, self.tz)

    def refusal(self, delegation: Delegation | None, *, at: datetime, starting: bool = False) -> str | None:
        """Why the window refuses this delegation's changes at ``at``, or None if it accepts them.

        ``starting``: the delegation would start a submission, so it must also be among those
        who may submit, by its status on that day in the window's time zone. Every other answer
        about the window (``is_open``, ``admits``) is derived from this one.
        """
        deadline = self.deadline_for(delegation)
        if deadline is None:
            return str(_("The portal does not accept submissions on this version: no deadline is recorded."))
        if self.opens_at is not None and at < self.opens_at:
            local = timezone.localtime(self.opens_at, self.tz)
            return str(_("Submissions on this version open on %(opens)s (%(tz)s).")) % {
                "opens": date_format(local, "DATETIME_FORMAT"),
                "tz": self.time_zone,
            }
        if at >= deadline:
            return str(
                _(
                    "The deadline for submissions on this version passed on %(deadline)s. Nothing was "
                    "changed: what you typed is still on this page and everything saved before is kept. "
                    "Ask the ISU if your delegation needs an extension."
                )
            ) % {"deadline": self.deadline_display(delegation)}
        if starting and (delegation is None or not self.is_eligible(delegation, on=self.local_date(at))):
            return str(_("Submissions on this version are open to %(who)s only.")) % {
                "who": ", ".join(self.eligible_labels)
            }
        return None

    def is_open(self, *, at: datetime, delegation: Delegation | None = None) -> bool:
        """Whether changes are accepted at ``at`` (for ``delegation``, with its own extension)."""
        return self.refusal(delegation, at=at) is None

    def admits(self, delegation: Delegation, *, at: datetime) -> bool:
        """Whether this delegation may start a submission under this window at ``at``."""
        return self.refusal(delegation, at=at, starting=True) is None

    def is_eligible(self, delegation: Delegation, *, on: date) -> bool:
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
