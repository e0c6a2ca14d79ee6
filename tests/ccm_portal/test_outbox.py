"""The transactional outbox (ccm_portal.lib.outbox) with tasks run in-process: the receipt of a
submission is written with the submission and goes out exactly once, even when sending fails the
first time. The broker being down is tested on Redis in tests/robustness/test_broker_down.py."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from ccm_portal.lib import outbox
from ccm_portal.models import OutboxMessage
from ccm_portal.tasks import outbox_sweep
from submissions import services
from submissions.models import SubmissionRevision
from submissions.tasks import send_submission_receipt
from tests.submissions.conftest import make_draft, make_focal_point, state_party

pytestmark = pytest.mark.django_db

SMTP_DOWN = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},  # nothing listens on port 9
    }
}
LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


@pytest.fixture
def ready_submission(db):
    mexico = state_party("Mexico", "MEX")
    user = make_focal_point("a@mexico.example", mexico)
    version = make_draft()
    submission = services.start_submission(version=version, delegation=mexico, by=user)
    services.save_comment(submission=submission, by=user, paragraph=None, kind="comment", text="A remark")
    return submission, user


def _receipts():
    return [m for m in mail.outbox if "receipt" in m.subject.lower()]


def test_submit_writes_the_receipt_message_and_the_commit_sends_it_once(
    ready_submission, django_capture_on_commit_callbacks
):
    submission, user = ready_submission
    with django_capture_on_commit_callbacks(execute=True):
        revision = services.submit(submission, by=user)
    message = OutboxMessage.objects.get()
    assert message.key == f"submissions.receipt:{revision.pk}"
    assert message.task_name == "submissions.send_submission_receipt" and message.args == [revision.pk]
    assert message.state == OutboxMessage.State.DONE and message.attempts == 1 and message.done_at
    [receipt] = _receipts()
    assert revision.receipt_number in receipt.body
    assert receipt.attachments[0][0] == f"receipt-{revision.receipt_number}.pdf"
    # Sweeping again, or running the task again, sends nothing more.
    assert outbox_sweep() == 0
    assert send_submission_receipt(revision.pk) == 0
    assert len(_receipts()) == 1


def test_a_submit_rolled_back_leaves_no_message_and_sends_nothing(
    ready_submission, django_capture_on_commit_callbacks
):
    submission, user = ready_submission
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            services.submit(submission, by=user)
            raise RuntimeError("the request failed after the submit")
    assert not OutboxMessage.objects.exists() and not SubmissionRevision.objects.exists()
    assert _receipts() == []


def test_a_receipt_that_cannot_be_sent_stays_pending_and_the_sweep_sends_it_once(
    ready_submission, django_capture_on_commit_callbacks, settings
):
    submission, user = ready_submission
    settings.MAILERS = SMTP_DOWN
    with django_capture_on_commit_callbacks(execute=True):
        revision = services.submit(submission, by=user)  # saved and acknowledged all the same
    message = OutboxMessage.objects.get()
    assert message.state == OutboxMessage.State.PENDING and message.queued_at is None
    assert "ConnectionRefusedError" in message.last_error or "refused" in message.last_error.lower()
    revision.refresh_from_db()
    assert revision.receipt_mailed_at is None
    # Still down at the next sweep: nothing lost, nothing sent.
    assert outbox_sweep() == 0
    assert OutboxMessage.objects.get().state == OutboxMessage.State.PENDING
    settings.MAILERS = LOCMEM
    assert outbox_sweep() == 1
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.DONE and message.attempts == 3 and message.last_error == ""
    [receipt] = _receipts()
    assert revision.receipt_number in receipt.body
    assert outbox_sweep() == 0 and len(_receipts()) == 1


def test_a_message_handed_over_is_not_handed_over_again_within_the_lease():
    now = timezone.now()
    message = OutboxMessage.objects.create(
        key="probe:1", task_name="ccm_portal.ping", args=[], queued_at=now - timedelta(minutes=1)
    )
    assert outbox.dispatch(message.pk, now=now) is False
    assert outbox.sweep(now=now) == 0
    # Past the lease (the broker lost it, or its worker died), the sweep hands it over again;
    # the ping task never marks it done, so it stays pending for the next lease.
    later = now + outbox.LEASE
    assert outbox.sweep(now=later) == 1
    message.refresh_from_db()
    assert message.attempts == 1 and message.queued_at == later and message.state == "pending"
    assert outbox.mark_done("probe:1") is True and outbox.mark_done("probe:1") is False


def test_enqueue_twice_with_one_key_writes_one_message(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = outbox.enqueue(key="probe:2", task_name="ccm_portal.ping")
        second = outbox.enqueue(key="probe:2", task_name="ccm_portal.ping")
    assert first.pk == second.pk and OutboxMessage.objects.count() == 1 and len(callbacks) == 1


def test_the_sweep_runs_every_minute_under_celery_beat(settings):
    assert settings.CELERY_BEAT_SCHEDULE["outbox-sweep"] == {
        "task": "ccm_portal.outbox_sweep",
        "schedule": 60,
    }
