from celery import shared_task
from django.conf import settings

from ccm_portal.lib.emails import send_templated_mail

from .models import User


@shared_task(name="accounts.send_invitation", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation(user_id: int, base_url: str) -> int:
    """Mail a set-password link to the user; returns the number of messages sent (0 if the
    account has gone or has been deactivated meanwhile)."""
    from .services import password_setup_url

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return 0
    send_templated_mail(
        template="emails/invitation",
        to=[user.email],
        context={
            "user": user,
            "link": password_setup_url(user, base_url=base_url),
            "site_name": settings.SITE_NAME,
        },
    )
    return 1
