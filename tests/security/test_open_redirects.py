"""Open redirects: ``next=`` (and the Referer the language switcher falls back on) never sends
anyone off the site, whatever shape the address takes (other schemes, protocol-relative and
backslashed addresses, user info, encoded slashes, full-width letters): signing in and out, the
language links, Django's set_language view and the admin's sign-in page. An address on the site
is followed, in the language chosen. Generated targets are tried in test_fuzz_addresses.py."""

import pytest
from django.test import Client

from .hostile import build_world, lands_on_site

pytestmark = pytest.mark.django_db

OFF_SITE = [
    "https://evil.example/",
    "http://evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    " //evil.example",
    "https:evil.example",
    "https:/evil.example",
    "https://testserver@evil.example",
    "https://evil.example\\@testserver",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "%2F%2Fevil.example",  # as decoded once more by a careless proxy: still a path here
    "/%2F%2Fevil.example",
    "/%5Cevil.example",
    "https%3A%2F%2Fevil.example",
    "%68ttps://evil.example",
    "//evil%2Eexample",
    "//ｅｖｉｌ.example",
]
ON_SITE = "/documents/?q=mine"


def _stays(response) -> str:
    assert response.status_code == 302, response.status_code
    location = response["Location"]
    assert lands_on_site(location), location
    return location


@pytest.fixture
def signed_out(db):
    return build_world()


@pytest.mark.parametrize("target", OFF_SITE)
def test_signing_in_refuses_an_off_site_next(signed_out, target):
    client = Client()
    page = client.get("/accounts/login/", {"next": target})
    assert page.status_code == 200
    response = client.post(
        "/accounts/login/", {"login": "a@mexico.example", "password": "focal-pass-1", "next": target}
    )
    _stays(response)
    assert response.wsgi_request.user.is_authenticated


def test_signing_in_follows_a_next_on_the_site(signed_out):
    response = Client().post(
        "/accounts/login/", {"login": "a@mexico.example", "password": "focal-pass-1", "next": ON_SITE}
    )
    assert response["Location"] == ON_SITE


@pytest.mark.parametrize("target", OFF_SITE)
def test_signing_out_refuses_an_off_site_next(client, signed_out, target):
    client.force_login(signed_out.fp_a)
    _stays(client.post("/accounts/logout/", {"next": target}))


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_language_links_refuse_an_off_site_next(client, target):
    _stays(client.get("/language/fr/", {"next": target}))


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_set_language_view_refuses_an_off_site_next_and_referer(client, target):
    response = client.post("/i18n/setlang/", {"language": "es", "next": target}, HTTP_REFERER=target)
    _stays(response)
    assert response.cookies["django_language"].value == "es"


def test_the_language_switchers_follow_a_next_on_the_site_to_its_page_in_that_language(client):
    assert client.get("/language/fr/", {"next": ON_SITE})["Location"] == "/fr" + ON_SITE
    assert client.post("/i18n/setlang/", {"language": "fr", "next": ON_SITE})["Location"] == "/fr" + ON_SITE
    assert client.get("/language/en/", {"next": "/es" + ON_SITE})["Location"] == ON_SITE


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_admin_sign_in_refuses_an_off_site_next(client, staff, target):
    """Staff already signed in who open the admin's sign-in page go to the admin, not away."""
    client.force_login(staff)
    response = client.get("/admin/login/", {"next": target})
    if response.status_code == 302:
        _stays(response)
    else:
        assert response.status_code == 200 and "evil" not in response.content.decode().lower()
