"""Workflows of the accounts app. Inviting a person: the account, its verified address, and the
set-password mail.

The mail is queued through the outbox (``ccm_portal.lib.outbox``) in the transaction that
writes the account, so a broker that is down delays it and loses nothing; ``mail_invitation``
is the work that the task ``accounts.send_invitation`` (accounts/tasks.py) calls.
"""

import uuid

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from ccm_portal.lib import outbox
from ccm_portal.lib.emails import send_templated_mail

from .models import User

INVITATION_TASK = "accounts.send_invitation"


def password_setup_url(user: User, *, base_url: str) -> str:
    """An absolute link where ``user`` chooses a password (allauth's reset-by-key page)."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )
    return base_url.rstrip("/") + path


def invite_user(*, email: str, full_name: str = "", is_staff: bool = False, base_url: str) -> User:
    """Create an account (or reuse an existing one) and mail its owner a set-password link.

    Writes: the User (unusable password until set), its verified EmailAddress and, in the same
    transaction, an outbox message for the mail (one per invitation: inviting again mails again).
    Queues (after commit, or by the outbox sweep if the broker is down): the invitation mail.
    """
    with transaction.atomic():
        email = User.objects.normalize_email(email).lower()
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, full_name=full_name, is_staff=is_staff)
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        key = f"accounts.invitation:{user.pk}:{uuid.uuid4().hex}"
        outbox.enqueue(key=key, task_name=INVITATION_TASK, args=[user.pk, base_url, key])
    return user


def mail_invitation(*, user_id: int, base_url: str, key: str) -> int:
    """Mail the set-password link of the invitation ``key``; returns the number of messages sent:
    0 when it was sent before, another worker is sending it right now, or the account has gone
    or been deactivated meanwhile. Safe to run twice and concurrently (``outbox.claim``).
    Writes: the outbox message's state. Mails: the invitation."""
    with outbox.claim(key) as mine:
        if not mine:
            return 0
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if user is None:
            return 0
        with translation.override(user.language):  # the link, too, in the person's language
            link = password_setup_url(user, base_url=base_url)
        send_templated_mail(
            template="emails/invitation",
            to=[user.email],
            context={"user": user, "link": link, "site_name": settings.SITE_NAME},
            language=user.language,
        )
        return 1


def remember_language(sender, request, user, **kwargs) -> None:
    """On ``user_logged_in``: the interface language the person signed in with becomes the
    language of the mail and receipts sent to them (they can change it in their settings).
    Writes: User.language, when it changes."""
    language = getattr(request, "LANGUAGE_CODE", None) if request is not None else None
    if language in dict(settings.LANGUAGES) and language != user.language:
        user.language = language
        user.save(update_fields=["language"])
