"""Badges and check-in: each approved member's badge carries an unguessable token (in its QR
code); the ISU records one arrival per member and day."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .registrations import Participant


class CheckIn(models.Model):
    """A member's arrival on one day of the meeting (once a day: a second scan says when)."""

    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="check_ins"
    )
    day = models.DateField(_("day"))
    at = models.DateTimeField(_("arrived at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["day", "at"]
        verbose_name = _("arrival")
        verbose_name_plural = _("arrivals")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "day"], name="one_check_in_per_participant_and_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} · {self.day}"
