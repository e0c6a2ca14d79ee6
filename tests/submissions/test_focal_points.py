"""Focal points: invited by staff (command or admin), acting for one delegation, revocable."""

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from accounts.models import User
from submissions import services
from submissions.models import FocalPoint

from .conftest import state_party, text_of

pytestmark = pytest.mark.django_db


def test_command_invites_a_focal_point(mexico, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("invite_focal_point", "--email", "New.Person@Mexico.example", "--delegation", "mex")
    role = FocalPoint.objects.get()
    assert role.user.email == "new.person@mexico.example" and role.delegation == mexico and role.is_active
    assert not role.user.has_usable_password()
    subjects = sorted(m.subject for m in mail.outbox)
    assert any("You are a focal point of Mexico" in s for s in subjects)
    body = "".join(m.body for m in mail.outbox)
    assert "/accounts/password/reset/key/" in body  # the set-password link from accounts


def test_command_refuses_an_unknown_delegation_and_a_second_delegation(mexico, chile):
    with pytest.raises(CommandError, match="No delegation"):
        call_command("invite_focal_point", "--email", "a@example.org", "--delegation", "XXX")
    call_command("invite_focal_point", "--email", "a@example.org", "--delegation", "MEX")
    with pytest.raises(CommandError, match="already acts for Mexico"):
        call_command("invite_focal_point", "--email", "a@example.org", "--delegation", "CHL")
    call_command("invite_focal_point", "--email", "a@example.org", "--delegation", "MEX")  # again: same role
    assert FocalPoint.objects.count() == 1


def test_admin_invites_and_revokes(client, staff, mexico, django_capture_on_commit_callbacks):
    client.force_login(staff)
    assert (
        client.get("/admin/submissions/focalpoint/add/")["Location"]
        == "/admin/submissions/focalpoint/invite/"
    )
    form = client.get("/admin/submissions/focalpoint/invite/")
    assert "Invite a focal point" in text_of(form)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/submissions/focalpoint/invite/", {"email": "fp@mexico.example", "delegation": mexico.pk}
        )
    assert response.status_code == 302
    role = FocalPoint.objects.get(user__email="fp@mexico.example")
    assert role.invited_by == staff
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/submissions/focalpoint/", {"action": "revoke", "_selected_action": [role.pk]})
    role.refresh_from_db()
    assert role.revoked_at is not None and role.revoked_by == staff
    assert [m.subject for m in mail.outbox] == ["[CCM Portal] You no longer act for Mexico"]
    # Revoked, the person may be invited for another delegation.
    chile = state_party("Chile", "CHL")
    services.invite_focal_point(
        email="fp@mexico.example", delegation=chile, by=staff, base_url="http://testserver"
    )
    assert FocalPoint.objects.active().get(user__email="fp@mexico.example").delegation == chile


def test_a_person_acts_for_one_delegation_at_a_time(mexico, chile, staff):
    services.invite_focal_point(email="x@example.org", delegation=mexico, by=staff, base_url="http://t")
    with pytest.raises(services.Refused):
        services.invite_focal_point(email="x@example.org", delegation=chile, by=staff, base_url="http://t")
    assert User.objects.get(email="x@example.org").focal_points.get().delegation == mexico


def test_a_signed_in_person_without_a_role_is_told_so(client, db):
    client.force_login(User.objects.create_user(email="nobody@example.org", password="x-pass-123"))
    assert "does not act for any delegation" in text_of(client.get("/submissions/"))


def test_focal_point_mails_go_through_the_outbox_once_per_event(
    mexico, staff, django_capture_on_commit_callbacks
):
    from ccm_portal.models import OutboxMessage
    from submissions.tasks import send_focal_point_mail

    with django_capture_on_commit_callbacks(execute=True):
        role = services.invite_focal_point(
            email="fp@mexico.example", delegation=mexico, by=staff, base_url="http://testserver"
        )
    with django_capture_on_commit_callbacks(execute=True):  # "Send the invitation again"
        services.invite_focal_point(
            email="fp@mexico.example", delegation=mexico, by=staff, base_url="http://testserver"
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_focal_point(role, by=staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_focal_point(role, by=staff)  # a second click: nothing more
    messages = OutboxMessage.objects.filter(key__startswith="submissions.focal_point:").order_by("key")
    assert [(m.key, m.state) for m in messages] == [
        (f"submissions.focal_point:{role.pk}:appointed:1", OutboxMessage.State.DONE),
        (f"submissions.focal_point:{role.pk}:appointed:2", OutboxMessage.State.DONE),
        (f"submissions.focal_point:{role.pk}:revoked:1", OutboxMessage.State.DONE),
    ]
    subjects = [m.subject for m in mail.outbox if "focal point" in m.subject or "no longer" in m.subject]
    assert subjects == [
        "[CCM Portal] You are a focal point of Mexico",
        "[CCM Portal] You are a focal point of Mexico",
        "[CCM Portal] You no longer act for Mexico",
    ]
    # Delivered again, a task whose mail went out sends nothing.
    mail.outbox.clear()
    assert send_focal_point_mail.apply(args=[role.pk, "revoked", "http://testserver", 1]).get() == 0
    assert send_focal_point_mail.apply(args=[role.pk, "appointed", "http://testserver", 2]).get() == 0
    assert mail.outbox == []
