"""Deadlines with extensions: the design that submission windows and registration periods
share. A window opens, has a deadline as first announced and a time zone; extensions push the
deadline for everyone or for one delegation, each recorded with who decided and why. The
deadline in force is derived from the records, never stored twice.

The concrete models add what they are about (the version open for comment, the meeting open for
registration) and their foreign keys: the extension's ``window`` and ``delegation``."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .delegations import Delegation
from .meetings import validate_timezone


class DeadlineWindow(models.Model):
    """When something is accepted: from ``opens_at`` until the deadline in force.

    Subclasses give the messages of their refusals (``not_recorded_message``,
    ``not_yet_open_message``, ``deadline_passed_message``) and an ``extensions`` relation."""

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

    class Meta:
        abstract = True

    not_recorded_message = _("The portal accepts nothing yet: no deadline is recorded.")
    # %(opens)s and %(tz)s
    not_yet_open_message = _("This opens on %(opens)s (%(tz)s).")
    # %(deadline)s
    deadline_passed_message = _("The deadline passed on %(deadline)s.")

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def _extensions(self) -> list["DeadlineExtension"]:
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

    def timing_refusal(self, delegation: Delegation | None, *, at: datetime) -> str | None:
        """Why the window refuses this delegation's changes at ``at`` (not recorded, not yet
        open, deadline passed with its own extension counted), or None if it is open."""
        deadline = self.deadline_for(delegation)
        if deadline is None:
            return str(self.not_recorded_message)
        if self.opens_at is not None and at < self.opens_at:
            local = timezone.localtime(self.opens_at, self.tz)
            return str(self.not_yet_open_message) % {
                "opens": date_format(local, "DATETIME_FORMAT"),
                "tz": self.time_zone,
            }
        if at >= deadline:
            return str(self.deadline_passed_message) % {"deadline": self.deadline_display(delegation)}
        return None

    def refusal(self, delegation: Delegation | None, *, at: datetime) -> str | None:
        return self.timing_refusal(delegation, at=at)

    def is_open(self, *, at: datetime, delegation: Delegation | None = None) -> bool:
        """Whether changes are accepted at ``at`` (for ``delegation``, with its own extension)."""
        return self.refusal(delegation, at=at) is None


class DeadlineExtension(models.Model):
    """An extension of a deadline, for everyone or for one delegation, with who decided and why.
    Subclasses add ``window`` (a foreign key with ``related_name="extensions"``) and
    ``delegation`` (empty: for everyone)."""

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

    class Meta:
        abstract = True

    def __str__(self) -> str:
        who = self.delegation or _("everyone")
        return _("Extension for %(who)s") % {"who": who}
