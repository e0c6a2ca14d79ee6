"""End-to-end tests: Debian's Chromium driven by Playwright against a live server.

Skipped (with the reason) where Chromium or Playwright is missing; `make test` installs both
(Chromium with apt-get when run as root).
axe-core comes from the npm registry (tests/e2e/package.json) and is evaluated in the page
through the DevTools protocol, which the page's Content Security Policy does not govern.
"""

import os
import re
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
RESULTS = Path(__file__).resolve().parents[2] / "test-results" / "e2e"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the ORM calls in the tests are sync.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    try:
        page.screenshot(path=str(RESULTS / f"{name}.png"), full_page=True)
    finally:
        context.close()


def axe_violations(page) -> list[dict]:
    """Run axe-core on the current page for WCAG 2.1 A and AA; returns the violations."""
    if not AXE.exists():
        pytest.fail(f"axe-core is missing: run `npm ci --prefix {AXE.parents[2]}`")
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


# --- shared set-up for the journeys and audits ------------------------------------------------

DEMO_PASSWORD = "ccm-demo"  # noqa: S105 - the documented demo password (DEBUG only)
FOCAL_POINT = "delegate@example.org"


def load_demo(settings) -> None:
    """The reference data and the demo set-up (accounts, the demonstration draft open for comment,
    the demonstration document), as `make run` creates them; the demo refuses to run unless DEBUG."""
    from django.core.management import call_command

    call_command("load_ccm_data", verbosity=0)
    debug = settings.DEBUG
    settings.DEBUG = True
    try:
        call_command("create_demo_accounts", verbosity=0)
    finally:
        settings.DEBUG = debug


def sign_in(page, email: str, password: str) -> None:
    """Sign in through the sign-in page, as a person would (typing, then the button)."""
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, page.locator("main").inner_text()


def small_pdf(text: str = "A note from the delegation") -> bytes:
    """A real one-page PDF (WeasyPrint, through the portal's own renderer)."""
    from ccm_portal.lib.pdf import html_to_pdf

    return html_to_pdf(f"<p>{text}</p>")
