"""Sending mail from templates: ``<name>_subject.txt`` and ``<name>.txt`` under templates/."""

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_mail(
    *,
    template: str,
    to: Sequence[str],
    context: dict,
    attachments: Sequence[tuple[str, bytes, str]] = (),
    language: str | None = None,
) -> None:
    """Render and send one message in ``language`` (the recipients' preferred language; the
    active one when None). ``attachments`` are (file name, content, MIME type)."""
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    message = EmailMessage(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
    )
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    message.send()
