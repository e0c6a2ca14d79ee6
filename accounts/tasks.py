"""Background work of the accounts app: thin tasks that take ids and call accounts.services."""

import smtplib

from celery import shared_task

from ccm_portal.lib import outbox

from . import services

# A mail server that refuses the address or the sender will refuse it again: recorded at once.
PERMANENT = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused)


@shared_task(name=services.INVITATION_TASK, bind=True, max_retries=5)
def send_invitation(self, user_id: int, base_url: str, key: str) -> int:
    """Mail the invitation ``key`` (queued through the outbox); returns the number of messages
    sent. A refused address is recorded on the outbox message; other mail or network errors are
    retried with backoff (1, 2, 4, 8, 16 minutes), then recorded."""
    try:
        return services.mail_invitation(user_id=user_id, base_url=base_url, key=key)
    except PERMANENT as error:
        outbox.mark_failed(key, error=error)
        return 0
    except OSError as error:  # smtplib's errors, refused connections, timeouts
        if self.request.is_eager:
            raise  # in-process, the outbox keeps the message pending and its sweep is the retry
        if self.request.retries >= self.max_retries:
            outbox.mark_failed(key, error=error)
            return 0
        raise self.retry(exc=error, countdown=60 * 2**self.request.retries) from error
