"""The security log beyond views and exports: failed sign-ins, permission refusals on the
registration pages, the XLSX export, and the retention period after which the daily task
deletes old entries."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from registration.models import SecurityEvent

from .conftest import make_registration, text_of

pytestmark = pytest.mark.django_db


def test_a_failed_sign_in_is_in_the_security_log_without_the_password(client, staff):
    response = client.post("/accounts/login/", {"login": staff.email, "password": "wrong-password"})
    assert response.status_code == 200
    event = SecurityEvent.objects.get(action=SecurityEvent.Action.SIGN_IN_FAILED)
    assert event.detail == f"sign-in failed for {staff.email}" and event.address == "127.0.0.1"
    assert "wrong-password" not in event.detail
    client.post("/accounts/login/", {"login": staff.email, "password": "staff-pass-1"})
    assert SecurityEvent.objects.count() == 1  # a successful sign-in is not a security event


def test_another_delegations_registration_answers_404_and_the_refusal_is_logged(client, fp_b, mexico, period):
    registration = make_registration(period, mexico)
    member = registration.participants.get()
    client.force_login(fp_b)
    response = client.get(f"/meetings/demo-msp/registration/members/{member.pk}/")
    assert response.status_code == 404
    event = SecurityEvent.objects.get(action=SecurityEvent.Action.REFUSED)
    assert (event.user, event.detail) == (
        fp_b,
        f"404 GET /meetings/demo-msp/registration/members/{member.pk}/",
    )
    client.logout()  # anonymous visitors are sent to sign in: nothing to log
    client.get(f"/meetings/demo-msp/registration/members/{member.pk}/")
    assert SecurityEvent.objects.count() == 1


def test_the_xlsx_export_has_every_member_and_is_logged(client, staff, mexico, period):
    registration = make_registration(period, mexico, members=2)
    registration.participants.filter(name="Mexico Member 2").update(function="=cmd()")
    client.force_login(staff)
    response = client.get("/meetings/demo-msp/registration/isu/export.xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="registration-demo-msp.xlsx"'
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:6] == ("delegation", "registration state", "credentials", "role", "title", "name")
    assert [(r[0], r[3], r[5]) for r in rows[1:]] == [
        ("Mexico", "head", "Mexico Member 1"),
        ("Mexico", "adviser", "Mexico Member 2"),
    ]
    assert rows[2][6] == "'=cmd()"  # not a formula
    event = SecurityEvent.objects.get(action=SecurityEvent.Action.EXPORTED)
    assert (event.user, event.detail) == (staff, "XLSX export, 2 members")


def test_the_daily_task_deletes_entries_older_than_the_retention_setting(settings, period):
    from registration import tasks

    settings.SECURITY_LOG_RETENTION_DAYS = 30
    now = timezone.now()
    SecurityEvent.objects.create(action="viewed", detail="old", at=now - timedelta(days=31))
    SecurityEvent.objects.create(action="viewed", detail="recent", at=now - timedelta(days=29))
    tasks.queue_erasures()  # the daily task, as beat runs it
    assert list(SecurityEvent.objects.values_list("detail", flat=True)) == ["recent"]


def test_the_security_log_shows_refusals_and_failed_sign_ins_to_superusers(client, staff):
    SecurityEvent.objects.create(action="refused", detail="404 GET /meetings/x/registration/isu/")
    SecurityEvent.objects.create(action="sign_in_failed", detail="sign-in failed for someone@example.org")
    client.force_login(staff)
    page = text_of(client.get("/admin/registration/securityevent/"))
    assert "Permission refused" in page and "Failed sign-in" in page and "someone@example.org" in page
