"""Invitations through the outbox, tasks in-process (SQLite): the mail is written with the
account, goes out once, waits when the mail server is away, and a refusal is recorded for staff.
The broker being down is tested with a real worker in tests/robustness/test_broker_down.py."""

import socketserver
import threading

import pytest
from django.core import mail
from django.db import transaction

from accounts.models import User
from accounts.services import invite_user, mail_invitation
from accounts.tasks import send_invitation
from ccm_portal.lib import outbox
from ccm_portal.models import OutboxMessage
from ccm_portal.tasks import outbox_sweep

pytestmark = pytest.mark.django_db

BASE = "https://portal.example.org"
LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


def smtp_at(port: int) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 2},
        }
    }


class _RefusingSMTP(socketserver.StreamRequestHandler):
    """A mail server (outside the project) that refuses every recipient."""

    def handle(self):
        self.wfile.write(b"220 refusing.example ESMTP\r\n")
        for line in self.rfile:
            command = line.strip().upper()
            if command.startswith((b"EHLO", b"HELO")):
                self.wfile.write(b"250 refusing.example\r\n")
            elif command.startswith(b"RCPT"):
                self.wfile.write(b"550 5.1.1 No such mailbox\r\n")
            elif command.startswith(b"QUIT"):
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 OK\r\n")


@pytest.fixture
def refusing_smtp():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _RefusingSMTP)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_the_invitation_is_written_with_the_account_and_mailed_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = invite_user(email="Ana@Example.org", full_name="Ana", base_url=BASE)
    message = OutboxMessage.objects.get()
    assert message.task_name == "accounts.send_invitation"
    assert message.args == [user.pk, BASE, message.key] and message.key.startswith(
        f"accounts.invitation:{user.pk}:"
    )
    assert message.state == OutboxMessage.State.DONE and message.attempts == 1
    [sent] = mail.outbox
    assert sent.to == ["ana@example.org"] and f"{BASE}/accounts/password/reset/key/" in sent.body
    # Swept again, or delivered twice: nothing more is sent.
    assert outbox_sweep() == 0
    assert send_invitation(user.pk, BASE, message.key) == 0
    assert mail_invitation(user_id=user.pk, base_url=BASE, key=message.key) == 0
    assert len(mail.outbox) == 1


def test_an_invitation_rolled_back_leaves_no_account_no_message_and_no_mail(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            invite_user(email="gone@example.org", base_url=BASE)
            raise RuntimeError("the request failed after the invitation")
    assert not User.objects.exists() and not OutboxMessage.objects.exists() and not mail.outbox


def test_inviting_again_mails_again(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = invite_user(email="x@example.org", base_url=BASE)
    with django_capture_on_commit_callbacks(execute=True):
        second = invite_user(email="x@example.org", base_url=BASE)
    assert first == second and OutboxMessage.objects.filter(state="done").count() == 2
    assert [m.to for m in mail.outbox] == [["x@example.org"], ["x@example.org"]]


def test_an_invitation_the_mail_server_cannot_take_waits_and_the_sweep_sends_it_once(
    django_capture_on_commit_callbacks, settings
):
    settings.MAILERS = smtp_at(9)  # nothing listens on port 9
    with django_capture_on_commit_callbacks(execute=True):
        user = invite_user(email="later@example.org", base_url=BASE)  # answers all the same
    message = OutboxMessage.objects.get()
    assert message.state == OutboxMessage.State.PENDING and message.queued_at is None
    assert "refused" in message.last_error.lower()
    assert outbox_sweep() == 0  # still away: nothing lost, nothing sent
    settings.MAILERS = LOCMEM
    assert outbox_sweep() == 1
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.DONE and message.last_error == ""
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert outbox_sweep() == 0 and len(mail.outbox) == 1


def test_an_address_the_mail_server_refuses_is_recorded_as_failed_for_staff(
    refusing_smtp, django_capture_on_commit_callbacks, settings, client, staff
):
    settings.MAILERS = smtp_at(refusing_smtp)
    with django_capture_on_commit_callbacks(execute=True):
        invite_user(email="nobody@example.org", base_url=BASE)
    message = OutboxMessage.objects.get()
    assert message.state == OutboxMessage.State.FAILED
    assert "SMTPRecipientsRefused" in message.last_error and "No such mailbox" in message.last_error
    settings.MAILERS = LOCMEM
    assert outbox_sweep() == 0 and not mail.outbox  # a permanent failure is not handed over again

    # Staff see it, with its error, in the admin's read-only list of background jobs.
    client.force_login(staff)
    page = client.get("/admin/ccm_portal/outboxmessage/?state__exact=failed").content.decode()
    assert message.key in page and "SMTPRecipientsRefused" in page
    assert client.get(f"/admin/ccm_portal/outboxmessage/{message.pk}/change/").status_code == 200
    assert client.get("/admin/ccm_portal/outboxmessage/add/").status_code == 403


def test_mark_failed_leaves_a_done_message_as_it_is():
    OutboxMessage.objects.create(key="probe:done", task_name="ccm_portal.ping", state="done")
    assert outbox.mark_failed("probe:done", error="late") is False
    assert OutboxMessage.objects.get().state == OutboxMessage.State.DONE
