"""Redis down when a delegation submits, on PostgreSQL with a real Celery worker (skipped on the
embedded default). The machine's Redis is shared, so it is not stopped: the portal's broker and
cache are pointed at a port where nothing listens for the "down" phase, then back.

The submission is saved and acknowledged at once; its receipt waits in the outbox and goes out,
with its PDF, when the sweep runs after the broker is back: never lost, never sent twice. So do
a document published during the outage (its PDF rendered once), a compilation requested by
the ISU (rendered once), the mail to a focal point appointed or revoked and an invitation (each
sent once).
"""

import os
import time
from contextlib import contextmanager
from email import message_from_bytes

import pytest

from accounts.models import User
from accounts.tasks import send_invitation
from ccm_portal.celery import app as celery_app
from ccm_portal.lib import outbox
from ccm_portal.models import OutboxMessage
from documents import rendering
from documents import services as document_services
from documents.models import Document, Rendition
from submissions import services
from submissions.models import Compilation, FocalPoint, Submission, SubmissionRevision
from submissions.tasks import send_focal_point_mail, send_submission_receipt
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


def _caches_at(settings, location: str) -> None:
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}
    }


def _mailed(mail_dir, recipient: str) -> list:
    return _receipts_mailed(mail_dir, recipient)  # every message whose text names the recipient


def test_a_compilation_requested_while_redis_is_down_is_rendered_once_after_the_sweep(
    real_worker, client, staff, settings
):
    mexico = state_party("Mexico", "MEX")
    user = make_focal_point("a@mexico.example", mexico)
    version = make_draft()
    submission = services.start_submission(version=version, delegation=mexico, by=user)
    services.save_comment(
        submission=submission, by=user, paragraph=None, kind="comment", text="Compiled after an outage"
    )
    services.submit(submission, by=user)
    _wait_until_done(OutboxMessage.objects.get())  # the receipt, while the broker was up
    client.force_login(staff)

    _caches_at(settings, NOWHERE)
    with broker_at(NOWHERE):
        started = time.monotonic()
        response = client.post(f"/submissions/isu/versions/{version.pk}/compilation/", follow=True)
        took = time.monotonic() - started
    assert response.status_code == 200 and took < 15
    assert "The compilation has been queued" in response.content.decode()
    compilation = Compilation.objects.get(version=version)
    assert compilation.state == Compilation.State.QUEUED and compilation.generation == 1
    message = OutboxMessage.objects.get(key__startswith="submissions.compilation:")
    assert message.state == OutboxMessage.State.PENDING and message.queued_at is None
    time.sleep(2)
    compilation.refresh_from_db()
    assert compilation.state == Compilation.State.QUEUED  # nothing reached the worker

    _caches_at(settings, os.environ["REDIS_URL"])
    assert outbox.sweep() == 1
    message = _wait_until_done(message)
    assert message.state == OutboxMessage.State.DONE, real_worker.log.read_text()[-3000:]
    compilation.refresh_from_db()
    assert compilation.state == Compilation.State.READY
    folder = real_worker.mail_dir.parent / "media" / "compilations" / str(version.pk)
    assert sorted(p.name for p in folder.iterdir()) == [
        "compilation-rso-v1.csv",
        "compilation-rso-v1.docx",
        "compilation-rso-v1.pdf",
    ]
    assert outbox.sweep() == 0


def test_a_focal_point_revoked_while_redis_is_down_is_told_once_after_the_sweep(
    real_worker, client, staff, settings
):
    mexico = state_party("Mexico", "MEX")
    make_focal_point("revoked@mexico.example", mexico)
    role = FocalPoint.objects.get()
    client.force_login(staff)

    _caches_at(settings, NOWHERE)
    with broker_at(NOWHERE):
        started = time.monotonic()
        response = client.post(
            "/admin/submissions/focalpoint/", {"action": "revoke", "_selected_action": [role.pk]}, follow=True
        )
        took = time.monotonic() - started
    assert response.status_code == 200 and took < 15
    assert "1 focal point(s) revoked." in response.content.decode()
    role.refresh_from_db()
    assert role.revoked_at is not None
    message = OutboxMessage.objects.get()
    assert message.key == f"submissions.focal_point:{role.pk}:revoked:1"
    assert message.state == OutboxMessage.State.PENDING
    time.sleep(2)
    assert _mailed(real_worker.mail_dir, "revoked@mexico.example") == []

    _caches_at(settings, os.environ["REDIS_URL"])
    assert outbox.sweep() == 1
    message = _wait_until_done(message)
    assert message.state == OutboxMessage.State.DONE, real_worker.log.read_text()[-3000:]
    [mailed] = _mailed(real_worker.mail_dir, "revoked@mexico.example")
    assert mailed["Subject"] == "[CCM Portal] You no longer act for Mexico"
    assert outbox.sweep() == 0
    assert (
        send_focal_point_mail.apply_async(args=message.args, ignore_result=False).get(timeout=60) == 0
    )  # delivered again
    assert len(_mailed(real_worker.mail_dir, "revoked@mexico.example")) == 1


def test_a_focal_point_appointed_while_redis_is_down_is_told_once_after_the_sweep(
    real_worker, client, staff, settings
):
    mexico = state_party("Mexico", "MEX")
    client.force_login(staff)

    _caches_at(settings, NOWHERE)
    with broker_at(NOWHERE):
        started = time.monotonic()
        response = client.post(
            "/admin/submissions/focalpoint/invite/",
            {"email": "new@mexico.example", "delegation": mexico.pk},
            follow=True,
        )
        took = time.monotonic() - started
    assert response.status_code == 200 and took < 15
    assert "Invitation sent to new@mexico.example, focal point of Mexico." in response.content.decode()
    role = FocalPoint.objects.get(user__email="new@mexico.example")
    pending = OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING)
    assert f"submissions.focal_point:{role.pk}:appointed:1" in {m.key for m in pending}
    time.sleep(2)
    assert _mailed(real_worker.mail_dir, "new@mexico.example") == []

    _caches_at(settings, os.environ["REDIS_URL"])
    assert outbox.sweep() == pending.count()
    for message in OutboxMessage.objects.all():
        assert _wait_until_done(message).state == OutboxMessage.State.DONE, real_worker.log.read_text()[
            -3000:
        ]
    subjects = sorted(m["Subject"] for m in _mailed(real_worker.mail_dir, "new@mexico.example"))
    assert "[CCM Portal] You are a focal point of Mexico" in subjects
    assert subjects.count("[CCM Portal] You are a focal point of Mexico") == 1
    assert outbox.sweep() == 0


def test_an_invitation_made_while_redis_is_down_answers_and_its_mail_follows_once(
    real_worker, client, settings
):
    staff = User.objects.create_user(email="staff@isu.example", is_staff=True, is_superuser=True)
    client.force_login(staff)
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": NOWHERE}
    }
    with broker_at(NOWHERE):
        started = time.monotonic()
        response = client.post(
            "/admin/accounts/user/add/",
            {"email": "invited@example.org", "full_name": "Ana Pérez", "language": "en", "_save": "Save"},
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
    assert send_invitation.apply_async(args=message.args, ignore_result=False).get(timeout=60) == 0
    mailed = _all_mail(real_worker.mail_dir)
    assert mailed.count("To: invited@example.org") == 1
    assert "/accounts/password/reset/key/" in mailed
