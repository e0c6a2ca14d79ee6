"""Operational records of the project itself (not of the Convention's work)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """A task to hand to the broker once the transaction that wrote this row commits.

    Written in the same transaction as the work it follows (a submission, ...), so the work and
    its follow-up are saved together or not at all. ``ccm_portal.lib.outbox`` hands it over after
    the commit and, through the periodic sweep, again whenever the broker was down or the task
    did not finish within the lease. The task marks the row done, or failed with the error when
    the failure is permanent (staff see both in the admin); it must be safe to run twice.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    key = models.CharField(
        _("idempotency key"), max_length=200, unique=True, help_text=_("One message per piece of work.")
    )
    task_name = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    queued_at = models.DateTimeField(_("last handed to the broker"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("hand-overs"), default=0)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "queued_at"], name="outbox_pending_idx")]

    def __str__(self) -> str:
        return self.key
