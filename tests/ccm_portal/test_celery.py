import pytest
from django.core import mail

from accounts.models import User
from accounts.services import invite_user
from ccm_portal.celery import app as celery_app


def test_tasks_run_in_process_without_a_broker(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = invite_user(email="eager@example.org", base_url="http://testserver")
    assert [m.to for m in mail.outbox] == [[user.email]]


def test_celery_configuration_is_safe_for_long_work():
    conf = celery_app.conf
    assert conf.task_acks_late is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_time_limit and conf.task_soft_time_limit < conf.task_time_limit
    assert hasattr(celery_app.Task, "delay_on_commit")


@pytest.mark.real_worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_sends_the_invitation(real_worker):
    user = User.objects.create_user(email="worker@example.org")
    from accounts.tasks import send_invitation

    result = send_invitation.delay(user.pk, "https://portal.example.org")
    assert result.get(timeout=60) == 1
    messages = list(real_worker.mail_dir.glob("*.log"))
    assert messages, real_worker.log.read_text()
    body = "".join(p.read_text() for p in messages)
    assert "To: worker@example.org" in body
    assert "https://portal.example.org/accounts/password/reset/key/" in body


@pytest.mark.real_worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_tolerates_a_row_that_has_gone(real_worker):
    from accounts.tasks import send_invitation

    assert send_invitation.delay(987654, "https://portal.example.org").get(timeout=60) == 0
