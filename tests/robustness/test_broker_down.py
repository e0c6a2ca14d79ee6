"""Redis down when a delegation submits, on PostgreSQL with a real Celery worker (skipped on the
embedded default). The machine's Redis is shared, so it is not stopped: the portal's broker and
cache are pointed at a port where nothing listens for the "down" phase, then back.

The submission is saved and acknowledged at once; its receipt waits in the outbox and goes out,
with its PDF, when the sweep runs after the broker is back: never lost, never sent twice. The
same for a document published during the outage: its PDF is rendered once, after the sweep.
"""

import os
import time
from contextlib import contextmanager
from email import message_from_bytes

import pytest

from ccm_portal.celery import app as celery_app
from ccm_portal.lib import outbox
from ccm_portal.models import OutboxMessage
from documents import rendering
from documents import services as document_services
from documents.models import Document, Rendition
from submissions import services
from submissions.models import Submission, SubmissionRevision
from submissions.tasks import send_submission_receipt
from tests.documents.conftest import SAMPLE_TEXT, pdf_text
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


def _stored_pdfs(worker, rendition) -> list:
    folder = worker.media_dir / "documents" / str(rendition.document_id) / rendition.language
    return sorted(folder.glob("*.pdf")) if folder.exists() else []


def test_a_document_published_while_redis_is_down_is_saved_and_rendered_once_when_it_is_back(
    real_worker, settings
):
    document = document_services.save_document(
        Document(
            symbol="CCM/MSP/2026/WP.31", slug="outage-paper", title="Published in an outage", body=SAMPLE_TEXT
        )
    )
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": NOWHERE}
    }
    with broker_at(NOWHERE):
        started = time.monotonic()
        document_services.publish(document, by=None)
        took = time.monotonic() - started
    # Published at once; the render waits in the outbox.
    assert took < 15
    document.refresh_from_db()
    assert document.status == Document.Status.PUBLISHED
    rendition = document.renditions.get(language="en")
    assert rendition.state == Rendition.State.QUEUED
    message = OutboxMessage.objects.get(key=rendering.render_key(rendition.pk, rendition.generation))
    assert message.state == OutboxMessage.State.PENDING and message.queued_at is None
    assert "Error" in message.last_error and message.attempts == 1
    time.sleep(2)
    rendition.refresh_from_db()
    assert rendition.state == Rendition.State.QUEUED and _stored_pdfs(real_worker, rendition) == []

    # Redis is back (the real one): the next sweep hands the render to the worker.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
    assert outbox.sweep() == 1
    message = _wait_until_done(message)
    assert message.state == OutboxMessage.State.DONE, real_worker.log.read_text()[-3000:]
    rendition.refresh_from_db()
    assert rendition.state == Rendition.State.READY, (rendition.error, real_worker.log.read_text()[-3000:])
    [stored] = _stored_pdfs(real_worker, rendition)
    assert rendition.file.name == str(stored.relative_to(real_worker.media_dir))
    assert "Published in an outage" in pdf_text(stored.read_bytes())
    ready_at = rendition.ready_at

    # Exactly once: another sweep finds nothing; the same request delivered again renders nothing.
    assert outbox.sweep() == 0
    celery_app.send_task(rendering.RENDER_TASK, args=[rendition.pk, rendition.generation])
    time.sleep(3)
    rendition.refresh_from_db()
    assert rendition.ready_at == ready_at and len(_stored_pdfs(real_worker, rendition)) == 1
