"""Background work of the submissions app: thin tasks that take ids and call services."""

from celery import shared_task
from django.conf import settings

from ccm_portal.lib.emails import send_templated_mail


@shared_task(
    name="submissions.render_compilation", autoretry_for=(OSError,), retry_backoff=True, max_retries=3
)
def render_compilation(compilation_id: int) -> str | None:
    """Render a queued compilation; returns its state (None if the row has gone)."""
    from .services import render_compilation as render

    compilation = render(compilation_id=compilation_id)
    return compilation.state if compilation else None


@shared_task(
    name="submissions.send_submission_receipt", autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def send_submission_receipt(revision_id: int) -> int:
    """Mail the receipt (with its PDF) to the delegation's focal points; returns the number of
    messages sent. Queued through the outbox; safe to run twice: a receipt is mailed once."""
    from .services import mail_receipt

    return mail_receipt(revision_id=revision_id)


@shared_task(
    name="submissions.send_focal_point_mail", autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def send_focal_point_mail(focal_point_id: int, event: str, base_url: str) -> int:
    """Tell a person that they now act for a delegation ("appointed") or no longer do
    ("revoked"); returns the number of messages sent (0 if the role has gone)."""
    from .models import FocalPoint

    role = FocalPoint.objects.select_related("user", "delegation").filter(pk=focal_point_id).first()
    if role is None or event not in ("appointed", "revoked"):
        return 0
    if event == "appointed" and not role.is_active:
        return 0
    send_templated_mail(
        template=f"emails/focal_point_{event}",
        to=[role.user.email],
        context={
            "role": role,
            "delegation": role.delegation,
            "link": base_url.rstrip("/") + "/submissions/",
            "site_name": settings.SITE_NAME,
        },
    )
    return 1
