"""Focal points: the people acting for a delegation on the portal."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.history import HistoricalRecords
from meetings.models import Delegation


class FocalPointQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class FocalPoint(models.Model):
    """A person acting for one delegation on the portal, until revoked."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="focal_points",
    )
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.PROTECT, related_name="focal_points"
    )
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = FocalPointQuerySet.as_manager()

    class Meta:
        ordering = ["delegation__name", "user__email"]
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_focal_point_role_per_person",
                violation_error_message=_("This person already acts for a delegation."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.delegation}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
