"""Submission windows: when and by whom submissions on a version are accepted, and the
extensions of their deadlines (the deadline design shared with registration, in
meetings.models.deadlines)."""

from datetime import date, datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.history import HistoricalRecords
from meetings.models import DeadlineExtension, DeadlineWindow, Delegation
from meetings.treaty import TreatyStatus

from .drafts import DraftVersion


class SubmissionWindow(DeadlineWindow):
    """When and by whom written submissions on a version are accepted.

    The deadline in force is derived: the original deadline, or the latest extension for
    everyone, or for one delegation its own later extension.
    """

    version = models.OneToOneField(
        DraftVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="window"
    )
    states_parties = models.BooleanField(_("States Parties may submit"), default=True)
    signatories = models.BooleanField(_("signatories may submit"), default=True)
    states_not_party = models.BooleanField(_("States not party may submit"), default=True)
    organisations = models.BooleanField(_("organisations may submit"), default=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    not_recorded_message = _(
        "The portal does not accept submissions on this version: no deadline is recorded."
    )
    not_yet_open_message = _("Submissions on this version open on %(opens)s (%(tz)s).")
    deadline_passed_message = _(
        "The deadline for submissions on this version passed on %(deadline)s. Nothing was "
        "changed: what you typed is still on this page and everything saved before is kept. "
        "Ask the ISU if your delegation needs an extension."
    )

    class Meta:
        verbose_name = _("submission window")
        verbose_name_plural = _("submission windows")

    def __str__(self) -> str:
        return _("Submissions on %(version)s") % {"version": self.version}

    def refusal(self, delegation: Delegation | None, *, at: datetime, starting: bool = False) -> str | None:
        """Why the window refuses this delegation's changes at ``at``, or None if it accepts them.

        ``starting``: the delegation would start a submission, so it must also be among those
        who may submit, by its status on that day in the window's time zone. Every other answer
        about the window (``is_open``, ``admits``) is derived from this one.
        """
        timing = self.timing_refusal(delegation, at=at)
        if timing is not None:
            return timing
        if starting and (delegation is None or not self.is_eligible(delegation, on=self.local_date(at))):
            return str(_("Submissions on this version are open to %(who)s only.")) % {
                "who": ", ".join(self.eligible_labels)
            }
        return None

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


class WindowExtension(DeadlineExtension):
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

    history = HistoricalRecords()

    class Meta:
        ordering = ["window", "recorded_at"]
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
