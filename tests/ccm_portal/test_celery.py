import time

import pytest
from django.core import mail
from django.db import transaction

from accounts.models import User
from accounts.services import invite_user
from ccm_portal.celery import app as celery_app
from ccm_portal.lib import outbox
from ccm_portal.models import OutboxMessage


def test_tasks_run_in_process_without_a_broker(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = invite_user(email="eager@example.org", base_url="http://testserver")
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert OutboxMessage.objects.get().state == OutboxMessage.State.DONE


def test_celery_configuration_is_safe_for_long_work():
    conf = celery_app.conf
    assert conf.task_acks_late is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_time_limit and conf.task_soft_time_limit < conf.task_time_limit


def test_no_result_is_kept_and_no_result_backend_is_configured(settings):
    # Tasks record their outcome on their own rows; a web process never talks to a result store.
    assert celery_app.conf.task_ignore_result is True
    assert settings.CELERY_RESULT_BACKEND is None
    # A worker and beat wait for a broker that is away instead of giving up.
    assert settings.CELERY_BROKER_CONNECTION_RETRY is True
    assert settings.CELERY_BROKER_CONNECTION_MAX_RETRIES is None


def _wait_until_handled(key: str, timeout: float = 60) -> OutboxMessage:
    deadline = time.monotonic() + timeout
    message = OutboxMessage.objects.get(key=key)
    while message.state == OutboxMessage.State.PENDING and time.monotonic() < deadline:
        time.sleep(0.2)
        message.refresh_from_db()
    return message


@pytest.mark.real_worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_sends_the_invitation(real_worker):
    user = invite_user(email="worker@example.org", base_url="https://portal.example.org")
    message = _wait_until_handled(OutboxMessage.objects.get().key)
    assert message.state == OutboxMessage.State.DONE, real_worker.log.read_text()[-3000:]
    messages = list(real_worker.mail_dir.glob("*.log"))
    assert messages, real_worker.log.read_text()
    body = "".join(p.read_text() for p in messages)
    assert f"To: {user.email}" in body
    assert "https://portal.example.org/accounts/password/reset/key/" in body


@pytest.mark.real_worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_tolerates_a_row_that_has_gone(real_worker):
    key = "accounts.invitation:987654:gone"
    mailed_before = set(real_worker.mail_dir.glob("*.log"))
    with transaction.atomic():
        outbox.enqueue(
            key=key, task_name="accounts.send_invitation", args=[987654, "https://portal.example.org", key]
        )
    assert _wait_until_handled(key).state == OutboxMessage.State.DONE
    assert not User.objects.filter(pk=987654).exists()
    assert set(real_worker.mail_dir.glob("*.log")) == mailed_before
