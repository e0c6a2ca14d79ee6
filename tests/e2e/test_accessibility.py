import pytest
from django.core.management import call_command

from tests.e2e.conftest import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/",
    "/meetings/",
    "/meetings/americas-regional-consultation-2026-02-20/",
    "/meetings/3rc/",
    "/consultations/",
    "/consultations/topics/gender-and-diversity/",
    "/delegations/",
    "/delegations/MEX/",
    "/delegations/icrc/",
    "/accounts/login/",
]


def test_public_pages_have_no_wcag_violations(page):
    call_command("load_ccm_data", verbosity=0)
    failures = {}
    for path in PUBLIC_PAGES:
        page.goto(page.base_url + path)
        violations = axe_violations(page)
        if violations:
            failures[path] = violations
    assert failures == {}


def test_skip_link_moves_focus_to_main_content(page):
    page.goto(page.base_url + "/delegations/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_axe_reports_a_real_violation(page):
    """The audit can fail: an image without a text alternative is reported."""
    page.goto(page.base_url + "/")
    page.evaluate("document.querySelector('main').appendChild(document.createElement('img'))")
    assert "image-alt" in [v["id"] for v in axe_violations(page)]
