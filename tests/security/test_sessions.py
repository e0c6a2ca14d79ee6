"""An absolute session lifetime (accounts.middleware.AbsoluteSessionLifetimeMiddleware): a session
ends SESSION_COOKIE_AGE after sign-in however active the person is; the session cookie's expiry
never slides."""

from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.models import User

pytestmark = pytest.mark.django_db

COOKIE = settings.SESSION_COOKIE_NAME


def _sign_in(client, *, remember: bool = True):
    User.objects.create_user(email="fp@example.org", password="pass-word-1")
    data = {"login": "fp@example.org", "password": "pass-word-1"} | ({"remember": "on"} if remember else {})
    response = client.post("/accounts/login/", data)
    assert response.status_code == 302
    return response.cookies[COOKIE]


def _later(moment):
    """Move Django's clock (outside the project) to ``moment``."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_session_settings_make_an_absolute_lifetime():
    assert settings.SESSION_COOKIE_AGE == 43200 and settings.SESSION_SAVE_EVERY_REQUEST is False
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is False and settings.SESSION_COOKIE_HTTPONLY


def test_the_cookie_lasts_twelve_hours_and_requests_do_not_renew_it(client):
    cookie = _sign_in(client)
    assert settings.SESSION_COOKIE_AGE - 5 <= int(cookie["max-age"]) <= settings.SESSION_COOKIE_AGE
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    for address in ["/", "/submissions/", "/meetings/", "/accounts/2fa/"]:
        response = client.get(address)
        assert response.status_code == 200, address
        assert COOKIE not in response.cookies, address


def test_a_session_written_later_keeps_its_end_and_ends_on_time(client):
    signed_in_at = timezone.now()
    cookie = _sign_in(client)
    end = Session.objects.get(pk=cookie.value).expire_date
    assert abs(end - (signed_in_at + timedelta(hours=12))) < timedelta(seconds=5)

    # Six hours later, the session is written to (as allauth's flows and the admin do): the
    # stored session keeps the same end, and so does the cookie of a response that saves it.
    with _later(signed_in_at + timedelta(hours=6)):
        session = client.session
        session["something"] = "written"
        session.save()
        response = client.get("/accounts/login/")  # allauth's page, signed in: a redirect
        assert response.status_code == 302
        if COOKIE in response.cookies:
            assert int(response.cookies[COOKIE]["max-age"]) <= 6 * 3600
    assert Session.objects.get(pk=cookie.value).expire_date == end

    with _later(end - timedelta(seconds=5)):
        assert client.get("/submissions/").status_code == 200
    with _later(end + timedelta(seconds=1)):
        response = client.get("/submissions/")
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
        assert "_auth_user_id" not in client.session


def test_a_session_that_ends_with_the_browser_also_ends_after_twelve_hours(client):
    signed_in_at = timezone.now()
    cookie = _sign_in(client, remember=False)
    assert cookie["max-age"] == ""  # a browser-session cookie
    with _later(signed_in_at + timedelta(hours=12, seconds=5)):
        response = client.get("/submissions/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
