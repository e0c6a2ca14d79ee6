"""The security log: who viewed or exported personal data, the erasures after the retention
period, failed sign-ins and permission refusals. Separate from the change history; readable by
superusers only; entries older than SECURITY_LOG_RETENTION_DAYS are deleted daily."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import Delegation, Meeting


class SecurityEvent(models.Model):
    class Action(models.TextChoices):
        VIEWED = "viewed", _("Viewed personal data")
        EXPORTED = "exported", _("Exported personal data")
        ERASED = "erased", _("Erased personal data")
        SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
        REFUSED = "refused", _("Permission refused")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: the portal itself (a scheduled task)."),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("security log entry")
        verbose_name_plural = _("security log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} · {self.get_action_display()}"
