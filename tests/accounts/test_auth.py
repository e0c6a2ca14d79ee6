import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail

from accounts.models import User
from accounts.services import invite_user
from meetings.models import Delegation
from tests.conftest import make_state

pytestmark = pytest.mark.django_db


def test_signup_is_closed(client):
    response = client.get("/accounts/signup/")
    assert "Sign Up Closed" in response.content.decode() or "closed" in response.content.decode().lower()
    client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": "x-Long-pass-91", "password2": "x-Long-pass-91"},
    )
    assert not User.objects.filter(email="new@example.org").exists()


def test_sign_in_by_email(client, staff):
    response = client.post("/accounts/login/", {"login": "staff@isu.example", "password": "staff-pass-1"})
    assert response.status_code == 302
    assert client.get("/").context["user"] == staff


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    login = client.get(response["Location"])
    assert login.status_code == 302 or login.request["PATH_INFO"] == "/admin/login/"
    response = client.get("/admin/login/?next=/admin/")
    assert response["Location"].startswith("/accounts/login/")


def test_admin_login_is_rate_limited_after_wrong_passwords(client, staff):
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": staff.email, "password": "wrong"})
        assert "not correct" in response.content.decode()
    response = client.post("/accounts/login/", {"login": staff.email, "password": "staff-pass-1"})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_staff_without_mfa_cannot_reach_admin_when_required(client, staff, settings):
    settings.STAFF_MFA_REQUIRED = True
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    page = client.get(response["Location"], follow=True)  # allauth asks for the password again first
    assert "must set up two-factor authentication" in page.content.decode()
    assert "CCM Portal administration" not in page.content.decode()


def test_staff_with_mfa_reaches_admin_when_required(client, staff, settings):
    settings.STAFF_MFA_REQUIRED = True
    Authenticator.objects.create(
        user=staff, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "CCM Portal administration" in response.content.decode()


def test_staff_reach_admin_without_mfa_in_development(client, staff, settings):
    settings.STAFF_MFA_REQUIRED = False
    client.force_login(staff)
    assert "CCM Portal administration" in client.get("/admin/").content.decode()


def test_non_staff_cannot_reach_admin(client):
    user = User.objects.create_user(email="someone@example.org", password="pw-someone-1")
    client.force_login(user)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert "CCM Portal administration" not in response.content.decode()


def test_admin_edit_writes_history_with_the_staff_user(client, staff):
    mexico = make_state(name="Mexico", iso3="MEX", deposited=True)
    client.force_login(staff)
    url = f"/admin/meetings/delegation/{mexico.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: (value if value is not None else "") for name, value in form.initial.items()}
    data.update(
        {"kind": "state", "region": mexico.region_id, "deposit_date": "2009-05-06", "signed": "unknown"}
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    mexico.refresh_from_db()
    assert str(mexico.deposit_date) == "2009-05-06"
    latest = mexico.history.first()
    assert latest.history_user == staff
    assert latest.history_type == "~"


def test_staff_invite_a_user_who_sets_a_password(client, staff, django_capture_on_commit_callbacks):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/accounts/user/add/",
            {"email": "Focal.Point@Example.org", "full_name": "Ana Pérez", "language": "es", "_save": "Save"},
        )
    assert response.status_code == 302
    user = User.objects.get(email="focal.point@example.org")
    assert not user.has_usable_password() and user.language == "es"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["focal.point@example.org"]
    assert "Su cuenta en" in message.subject  # in the language staff chose for the person
    link = re.search(r"http://testserver(/es/accounts/password/reset/key/\S+)", message.body).group(1)

    client.logout()
    form_page = client.get(link, follow=True)
    action = form_page.request["PATH_INFO"]
    client.post(action, {"password1": "A-good-passphrase-42", "password2": "A-good-passphrase-42"})
    user.refresh_from_db()
    assert user.check_password("A-good-passphrase-42")
    response = client.post(
        "/es/accounts/login/", {"login": "focal.point@example.org", "password": "A-good-passphrase-42"}
    )
    assert response.status_code == 302


def test_invite_user_service_reuses_an_existing_account():
    first = invite_user(email="x@example.org", base_url="https://portal.example.org")
    second = invite_user(email="X@example.org", base_url="https://portal.example.org")
    assert first == second
    assert User.objects.filter(email="x@example.org").count() == 1


def test_demo_accounts_refused_when_debug_off(settings):
    from django.core.management import CommandError, call_command

    settings.DEBUG = False
    with pytest.raises(CommandError, match="refused"):
        call_command("create_demo_accounts")
    assert not User.objects.filter(email="isu@example.org").exists()


def test_demo_accounts_created_in_development(settings, capsys):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("create_demo_accounts")
    call_command("create_demo_accounts")
    assert User.objects.get(email="isu@example.org").is_staff
    assert User.objects.get(email="delegate@example.org").check_password("ccm-demo")
    assert "delegate@example.org" in capsys.readouterr().out
    assert Delegation.objects.count() >= 0
