from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.db import transaction
from django.urls import reverse

from .models import User


def password_setup_url(user: User, *, base_url: str) -> str:
    """An absolute link where ``user`` chooses a password (allauth's reset-by-key page)."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )
    return base_url.rstrip("/") + path


@transaction.atomic
def invite_user(*, email: str, full_name: str = "", is_staff: bool = False, base_url: str) -> User:
    """Create an account (or reuse an existing one) and mail its owner a set-password link.

    Writes: the User (unusable password until set) and its verified EmailAddress.
    Queues: the invitation mail (accounts.send_invitation), once the transaction commits.
    """
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, full_name=full_name, is_staff=is_staff)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    from .tasks import send_invitation

    send_invitation.delay_on_commit(user.pk, base_url)
    return user
