"""Redis down when a delegation submits, on PostgreSQL with a real Celery worker (skipped on the
embedded default). The machine's Redis is shared, so it is not stopped: the portal's broker and
cache are pointed at a port where nothing listens for the "down" phase, then back.

The submission is saved and acknowledged at once; its receipt waits in the outbox and goes out,
with its PDF, when the sweep runs after the broker is back: never lost, never sent twice.
"""

import os
import time
from contextlib import contextmanager
from email import message_from_bytes

import pytest

from ccm_portal.celery import app as celery_app
from ccm_portal.lib import outbox
from ccm_portal.models import OutboxMessage
from submissions import services
from submissions.models import Submission, SubmissionRevision
from submissions.tasks import send_submission_receipt
from tests.submissions.conftest import make_draft, make_focal_point, state_party

pytestmark = [pytest.mark.real_worker, pytest.mark.django_db(transaction=True)]

NOWHERE = "redis://127.0.0.1:9/11"  # nothing listens on port 9


@contextmanager
def broker_at(url: str):
    """Point the portal's Celery app at another broker (kombu keeps one connection pool per
    broker address; the app is made to look its pools up again)."""
    previous = celery_app.conf.broker_url

    def reset():
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    celery_app.conf.broker_url = url
    reset()
    try:
        yield
    finally:
        celery_app.conf.broker_url = previous
        reset()


def _receipts_mailed(mail_dir, receipt_number: str) -> list:
    found = []
    for path in sorted(mail_dir.glob("*.log")) if mail_dir.exists() else []:
        for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if receipt_number.encode() in raw:
                found.append(message_from_bytes(raw.strip()))
    return found


def _all_mail(mail_dir) -> str:
    return "".join(p.read_text() for p in sorted(mail_dir.glob("*.log"))) if mail_dir.exists() else ""


def _wait_until_done(message: OutboxMessage, timeout: float = 90) -> OutboxMessage:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        message.refresh_from_db()
        if message.state == OutboxMessage.State.DONE:
            break
        time.sleep(0.2)
    return message


def test_a_submission_made_while_redis_is_down_is_saved_and_its_receipt_follows_once(
    real_worker, client, settings
):
    mexico = state_party("Mexico", "MEX")
    user = make_focal_point("a@mexico.example", mexico)
    version = make_draft()
    submission = services.start_submission(version=version, delegation=mexico, by=user)
    services.save_comment(
        submission=submission, by=user, paragraph=None, kind="comment", text="Submitted during an outage"
    )
    client.force_login(user)

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": NOWHERE}
    }
    with broker_at(NOWHERE):
        started = time.monotonic()
        response = client.post(f"/submissions/{submission.pk}/submit/", follow=True)
        took = time.monotonic() - started
    # Saved and acknowledged, with the receipt number, in a few seconds.
    revision = SubmissionRevision.objects.get(submission=submission)
    assert response.status_code == 200 and took < 15
    assert f"Your receipt number is {revision.receipt_number}" in response.content.decode()
    assert Submission.objects.get(pk=submission.pk).state == Submission.State.SUBMITTED
    message = OutboxMessage.objects.get()
    assert message.state == OutboxMessage.State.PENDING and message.queued_at is None
    assert "Error" in message.last_error and message.attempts == 1
    time.sleep(2)
    assert _receipts_mailed(real_worker.mail_dir, revision.receipt_number) == []

    # Redis is back (the real one): the next sweep hands the receipt to the worker.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
    assert outbox.sweep() == 1
    message = _wait_until_done(message)
    assert message.state == OutboxMessage.State.DONE, real_worker.log.read_text()[-3000:]
    [mailed] = _receipts_mailed(real_worker.mail_dir, revision.receipt_number)
    assert mailed["To"] == "a@mexico.example"
    parts = {part.get_content_type(): part for part in mailed.walk()}
    assert parts["application/pdf"].get_payload(decode=True).startswith(b"%PDF-")
    revision.refresh_from_db()
    assert revision.receipt_mailed_at is not None

    # Never twice: another sweep finds nothing; the task handed over again sends nothing.
    assert outbox.sweep() == 0
    assert send_submission_receipt.apply_async(args=[revision.pk], ignore_result=False).get(timeout=60) == 0
    assert len(_receipts_mailed(real_worker.mail_dir, revision.receipt_number)) == 1


def test_an_invitation_made_while_redis_is_down_answers_and_its_mail_follows_once(
    real_worker, client, settings
):
    from accounts.models import User

    staff = User.objects.create_user(email="staff@isu.example", is_staff=True, is_superuser=True)
    client.force_login(staff)
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": NOWHERE}
    }
    with broker_at(NOWHERE):
        started = time.monotonic()
        response = client.post(
            "/admin/accounts/user/add/",
            {"email": "invited@example.org", "full_name": "Ana Pérez", "_save": "Save"},
            follow=True,
        )
        took = time.monotonic() - started
    # The account is saved and staff are told the invitation is on its way, in a few seconds.
    assert response.status_code == 200 and took < 15
    assert "An invitation to choose a password was sent to invited@example.org" in response.content.decode()
    invited = User.objects.get(email="invited@example.org")
    message = OutboxMessage.objects.get()
    assert message.args[0] == invited.pk
    assert message.state == OutboxMessage.State.PENDING and message.queued_at is None
    assert "Error" in message.last_error and message.attempts == 1
    time.sleep(2)
    assert "invited@example.org" not in _all_mail(real_worker.mail_dir)

    # Redis is back: one sweep, one mail; later sweeps and a second delivery send nothing more.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
    assert outbox.sweep() == 1
    message = _wait_until_done(message)
    assert message.state == OutboxMessage.State.DONE, real_worker.log.read_text()[-3000:]
    assert outbox.sweep() == 0
    from accounts.tasks import send_invitation

    assert send_invitation.apply_async(args=message.args, ignore_result=False).get(timeout=60) == 0
    mailed = _all_mail(real_worker.mail_dir)
    assert mailed.count("To: invited@example.org") == 1
    assert "/accounts/password/reset/key/" in mailed
