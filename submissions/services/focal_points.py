"""Focal points: a person appointed to act for a delegation, or no longer acting for it, and
the message that tells them so."""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import invite_user
from ccm_portal.lib import outbox
from ccm_portal.lib.emails import send_templated_mail
from ccm_portal.models import OutboxMessage
from meetings.models import Delegation

from ..models import FocalPoint
from .workflow import Refused, attribute

APPOINTED, REVOKED = "appointed", "revoked"
MAIL_TASK = "submissions.send_focal_point_mail"


def focal_point_mail_key(focal_point_id: int, event: str, occurrence: int) -> str:
    return f"submissions.focal_point:{focal_point_id}:{event}:{occurrence}"


def _enqueue_mail(role: FocalPoint, event: str, base_url: str) -> None:
    """Write the message to the person into the outbox, in the caller's transaction. Each event
    of a role is its own occurrence (an invitation sent again is mailed again); two calls in the
    same transaction or racing on the same role share one."""
    prefix = focal_point_mail_key(role.pk, event, 0)[:-1]
    occurrence = OutboxMessage.objects.filter(key__startswith=prefix).count() + 1
    outbox.enqueue(
        key=focal_point_mail_key(role.pk, event, occurrence),
        task_name=MAIL_TASK,
        args=[role.pk, event, base_url, occurrence],
    )


@transaction.atomic
def invite_focal_point(
    *, email: str, delegation: Delegation, by: User | None, base_url: str, full_name: str = ""
) -> FocalPoint:
    """Make the person with ``email`` a focal point of ``delegation``.

    Writes: the User if new (accounts.services.invite_user), the FocalPoint, and an outbox
    message for the mail naming the delegation, in the same transaction.
    Queues (after commit, or by the outbox sweep if the broker is down): the set-password
    invitation and that mail.
    Refuses when the person already acts for another delegation.
    """
    user = invite_user(email=email, full_name=full_name, base_url=base_url)
    role = FocalPoint.objects.select_for_update().filter(user=user, revoked_at__isnull=True).first()
    if role is not None and role.delegation_id != delegation.pk:
        raise Refused(
            _("%(email)s already acts for %(delegation)s; revoke that role first.")
            % {"email": user.email, "delegation": role.delegation}
        )
    if role is None:
        role = FocalPoint(user=user, delegation=delegation, invited_by=by)
        role._change_reason = "Invited"
        role.save()
    _enqueue_mail(role, APPOINTED, base_url)
    return role


def revoke_focal_point(focal_point: FocalPoint, *, by: User | None, at: datetime | None = None) -> FocalPoint:
    """End a focal point role. Writes: FocalPoint.revoked_at/by (only if still active), with its
    history, and an outbox message for the mail to the person, in the same transaction.
    Queues (after commit, or by the outbox sweep): that mail."""
    at = at or timezone.now()
    with transaction.atomic():
        role = FocalPoint.objects.select_for_update().get(pk=focal_point.pk)  # two clicks: one wins
        if role.revoked_at is None:
            role.revoked_at = at
            role.revoked_by = by
            attribute(role, by=by, reason="Revoked")
            role.save(update_fields=["revoked_at", "revoked_by"])
            _enqueue_mail(role, REVOKED, settings.SITE_URL)
        focal_point.refresh_from_db()
    return focal_point


def mail_role_change(*, focal_point_id: int, event: str, base_url: str, occurrence: int | None = None) -> int:
    """Tell a person that they now act for a delegation ("appointed") or no longer do
    ("revoked"); returns the number of messages sent (0 if the role has gone, the appointment
    was revoked meanwhile, or the mail was sent before).

    With an ``occurrence`` (queued through the outbox) it is safe to run twice and
    concurrently: the outbox message stays locked while the mail is sent and is marked done in
    the same transaction. Writes: the outbox message's state.
    """
    key = None if occurrence is None else focal_point_mail_key(focal_point_id, event, occurrence)
    with transaction.atomic():
        if key is not None:
            message = (
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(key=key, state=OutboxMessage.State.PENDING)
                .first()
            )
            if message is None:  # mailed before, or another worker is mailing it right now
                return 0
        role = FocalPoint.objects.select_related("user", "delegation").filter(pk=focal_point_id).first()
        sent = 0
        if role is not None and event in (APPOINTED, REVOKED) and (event == REVOKED or role.is_active):
            with translation.override(role.user.language):
                link = base_url.rstrip("/") + reverse("submissions:index")
            send_templated_mail(
                template=f"emails/focal_point_{event}",
                to=[role.user.email],
                context={
                    "role": role,
                    "delegation": role.delegation,
                    "link": link,
                    "site_name": settings.SITE_NAME,
                },
                language=role.user.language,
            )
            sent = 1
        if key is not None:
            outbox.mark_done(key)
    return sent
