"""axe-core (WCAG 2.1 A and AA) on every public page, the sign-in page, the submission pages and the
registration pages, in English, French and Spanish, on a desktop and on a phone; the submission form completed with
the keyboard alone; a visible focus indicator; and proof that the audit can fail."""

import re

import pytest
from django.core.management import call_command

from documents import services as document_services
from documents.models import Document, Rendition
from submissions.models import SubmissionRevision
from tests.e2e.conftest import DEMO_PASSWORD, FOCAL_POINT, axe_violations, load_demo, sign_in, small_pdf

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

PUBLIC_PAGES = [
    "/",
    "/meetings/",
    "/meetings/?kind=nonsense&year=abc",  # filters with errors
    "/meetings/americas-regional-consultation-2026-02-20/",
    "/meetings/3rc-first-preparatory-meeting/",
    "/meetings/3rc/",
    "/consultations/",
    "/consultations/topics/gender-and-diversity/",
    "/documents/",
    "/documents/?q=coordination",
    "/documents/?q=zzzznothing&year=1999",  # no result, and a filter with an error
    "/documents/1pm-3rc-machinery-coordination-committee-president/",  # the working paper
    "/documents/CCM/CONF/2021/6/",
    "/documents/portal-demonstration-document/",  # with its English PDF
    "/documents/CCM/MSP/2026/INF.4/",  # its PDF being rendered (a status that updates)
    "/machinery/",
    "/machinery/?on=2026-03-15",
    "/machinery/?on=2026-02-31",  # a date that does not exist
    "/machinery/presidencies/",
    "/machinery/working-groups/universalization/",
    "/delegations/",
    "/delegations/MEX/",
    "/delegations/icrc/",
    "/accounts/login/",
    "/accounts/password/reset/",
]


def _queued_document() -> None:
    document = Document(
        symbol="CCM/MSP/2026/INF.4",
        slug="ccm-msp-2026-inf-4",
        title="Practical information for delegations",
        kind=Document.Kind.INFORMATION,
        status=Document.Status.PUBLISHED,
        body="1. Badges are collected at the Pregny gate.\n",
    )
    document_services.save_document(document, by=None, queue=False)
    Rendition.objects.create(document=document, language="en", generation=1)


def _audit(page, paths: list[str]) -> dict:
    failures = {}
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        for path in paths:
            response = page.goto(page.base_url + path)
            assert response.status in (200, 400, 409), (path, response.status)
            violations = axe_violations(page)
            if violations:
                failures[f"{viewport['width']}px {path}"] = violations
    return failures


def test_every_public_page_has_no_wcag_violations(page, settings):
    load_demo(settings)
    _queued_document()
    assert _audit(page, PUBLIC_PAGES) == {}


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_public_page_in_french_and_spanish_has_no_wcag_violations(page, settings, language):
    """Longer words (navigation, table headers, buttons) and the lang attributes, in both."""
    load_demo(settings)
    _queued_document()
    page.goto(page.base_url + f"/{language}/meetings/")
    assert page.locator("html").get_attribute("lang") == language
    assert _audit(page, [f"/{language}{path}" for path in PUBLIC_PAGES]) == {}


@pytest.mark.parametrize(
    ("language", "start", "amend"),
    [
        ("fr", "Commencer une contribution", "Proposer un amendement"),
        ("es", "Iniciar una contribución", "Proponer una enmienda"),
    ],
)
def test_the_submission_pages_in_french_and_spanish_have_no_wcag_violations(
    page, settings, language, start, amend
):
    load_demo(settings)
    sign_in(page, FOCAL_POINT, DEMO_PASSWORD)
    page.goto(page.base_url + f"/{language}/submissions/")
    page.get_by_role("button", name=start).click()
    page.locator("h1").wait_for()
    submission_path = page.url.removeprefix(page.base_url)
    assert submission_path.startswith(f"/{language}/submissions/")
    page.get_by_role("link", name=amend).first.click()
    paths = [f"/{language}/submissions/", submission_path, page.url.removeprefix(page.base_url)]
    assert _audit(page, paths) == {}


def test_the_evolution_and_the_disposition_table_have_no_wcag_violations(page, settings):
    """The demonstration draft merged into its next version (two amendments taken up, one not),
    its public evolution and its published disposition table (Norway's text withheld)."""
    from submissions import services as submission_services
    from submissions.models import Comment, DraftVersion

    load_demo(settings)
    version = DraftVersion.objects.get(draft__slug="demonstration-draft", number=1)
    for comment in Comment.objects.filter(submission__version=version).exclude(kind="comment"):
        disposition = "not_taken_up" if comment.kind == "deletion" else "taken_up"
        submission_services.record_decision(comment, disposition=disposition, reason="Demo", text="", by=None)
    submission_services.build_next_version(version, label="Revised version", by=None)
    version.draft.versions.update(text_public=True)
    table = submission_services.request_disposition_table(version, by=None)
    submission_services.render_disposition_table(table_id=table.pk)
    submission_services.publish_disposition_table(table, by=None)
    paths = [
        "/submissions/drafts/demonstration-draft/evolution/",
        "/submissions/drafts/demonstration-draft/versions/1/dispositions/",
    ]
    page.goto(page.base_url + paths[1])
    assert "Text not published at the delegation's request." in page.locator("main").inner_text()
    assert _audit(page, [f"{prefix}{path}" for prefix in ("", "/fr", "/es") for path in paths]) == {}


def test_sign_in_with_a_wrong_password_says_so_accessibly(page):
    call_command("load_ccm_data", verbosity=0)
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("E-mail address").fill("nobody@example.org")
    page.get_by_label("Password", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    alert = page.get_by_role("alert")
    assert "not correct" in alert.inner_text()
    assert page.get_by_label("E-mail address").input_value() == "nobody@example.org"  # kept
    assert axe_violations(page) == []


def test_submission_pages_have_no_wcag_violations(page, settings):
    load_demo(settings)
    sign_in(page, FOCAL_POINT, DEMO_PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My submissions").click()
    page.get_by_role("button", name="Start a submission").click()
    page.get_by_role("heading", level=1, name=re.compile("Submission of Mexico")).wait_for()
    submission_url = page.url

    paths = ["/submissions/", submission_url.removeprefix(page.base_url)]
    # The comment form, empty, and refused with its errors next to the fields.
    page.get_by_role("link", name="Propose an amendment").first.click()
    paths.append(page.url.removeprefix(page.base_url))
    page.get_by_label(re.compile("^Proposed text")).fill("")
    page.get_by_role("button", name="Save", exact=True).click()
    assert "Give the paragraph as you would have it." in page.locator(".errorlist").inner_text()
    assert axe_violations(page) == []

    # An attachment refused (not a PDF inside), then the receipt.
    page.goto(submission_url)
    page.get_by_label(re.compile("^File")).set_input_files(
        {"name": "note.pdf", "mimeType": "application/pdf", "buffer": b"not a pdf at all"}
    )
    page.get_by_role("button", name="Attach").click()
    assert "its content is not a PDF file" in page.locator("#attachments .errorlist").inner_text()
    assert axe_violations(page) == []
    page.get_by_label(re.compile("^File")).set_input_files(
        {"name": "note.pdf", "mimeType": "application/pdf", "buffer": small_pdf()}
    )
    page.get_by_role("button", name="Attach").click()
    page.get_by_role("button", name="Submit to the ISU").click()
    page.get_by_text("Your receipt number is").wait_for()
    revision = SubmissionRevision.objects.get(submission__delegation__iso3="MEX")  # the demo has others too
    paths.append(revision.get_absolute_url())

    assert _audit(page, paths) == {}


# Reporting (issue 16): the public pages on dates with and without errors, States with reports
# and on the President's mandate list (the demonstration set), then the ISU's pages.
REPORTING_PAGES = [
    "/reporting/",
    "/reporting/?on=2026-05-01",
    "/reporting/?on=2026-02-31",  # a date that does not exist
    "/delegations/LAO/",  # Article 4 obligations, no report for 2024 and 2025
    "/delegations/IRQ/",  # Article 4 obligations and an extension, reported for 2025
]
ISU_REPORTING_PAGES = ["/reporting/mandate/", "/reporting/mandate/?on=2026-05-01", "/reporting/import/"]
IMPORT_HEADER = "state,report,year,received_on,received_by,source\n"


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_reporting_pages_in_french_and_spanish_have_no_wcag_violations(page, settings, language):
    load_demo(settings)
    failures = _audit(page, [f"/{language}{path}" for path in REPORTING_PAGES])
    sign_in(page, "isu@example.org", DEMO_PASSWORD)
    failures.update(_audit(page, [f"/{language}{path}" for path in ISU_REPORTING_PAGES]))
    assert failures == {}


def test_the_reporting_pages_have_no_wcag_violations(page, settings):
    load_demo(settings)
    failures = _audit(page, REPORTING_PAGES)
    sign_in(page, "isu@example.org", DEMO_PASSWORD)
    failures.update(_audit(page, ISU_REPORTING_PAGES))
    # The import's preview: with a row in error, and ready to confirm.
    uploads = {
        "errors": IMPORT_HEADER + "LAO,annual,2025,2026-05-20,un,\nXXX,annual,2025,2026-05-20,un,\n",
        "ready": IMPORT_HEADER + "LAO,annual,2025,2026-05-20,un,ISU inbox\n",
    }
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        for name, text in uploads.items():
            page.goto(page.base_url + "/reporting/import/")
            page.get_by_label("Spreadsheet of Article 7 reports").set_input_files(
                {"name": "reports.csv", "mimeType": "text/csv", "buffer": text.encode()}
            )
            page.get_by_role("button", name="Preview").click()
            page.locator("#import-preview").wait_for()
            assert ("Nothing was imported" in page.locator("main").inner_text()) == (name == "errors")
            violations = axe_violations(page)
            if violations:
                failures[f"{viewport['width']}px import preview ({name})"] = violations
    assert failures == {}


def _focused(page) -> dict:
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const label = el.labels && el.labels.length ? el.labels[0].textContent : '';
          const style = getComputedStyle(el);
          return {
            tag: el.tagName.toLowerCase(), type: el.type || '',
            name: (el.getAttribute('aria-label') || label || el.textContent || el.value || '').replace(/\\s+/g, ' ').trim(),
            outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
          };
        }"""
    )


def _tab_to(page, pattern: str, *, tag: str | None = None, limit: int = 150, backwards: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the focused element's name matches; return it."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focused = _focused(page)
        if re.search(pattern, focused["name"]) and (tag is None or focused["tag"] == tag):
            assert focused["outline"], f"no visible focus indicator on {focused}"
            return focused
    raise AssertionError(f"{pattern!r} was never reached with the keyboard")


def test_submission_form_can_be_completed_with_the_keyboard_alone(page, settings):
    load_demo(settings)
    # Listening early turns Playwright's interception of file choosers on before the key press
    # that opens one (turned on lazily, it can miss a chooser opened at once).
    page.on("filechooser", lambda chooser: None)
    page.goto(page.base_url + "/accounts/login/")

    # Sign in.
    _tab_to(page, "^E-mail address", tag="input")
    page.keyboard.type(FOCAL_POINT)
    _tab_to(page, "^Password", tag="input")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(page.base_url + "/")

    # The delegation's page, then a submission started with Space on the button.
    _tab_to(page, "^My submissions$", tag="a")
    page.keyboard.press("Enter")
    page.wait_for_url(page.base_url + "/submissions/")
    _tab_to(page, "^Start a submission$", tag="button")
    page.keyboard.press("Space")
    page.get_by_role("heading", level=1, name=re.compile("Submission of Mexico")).wait_for()

    # A comment on paragraph 1.
    _tab_to(page, "^Comment on paragraph 1$", tag="a")
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Your comment on paragraph 1").wait_for()
    _tab_to(page, "^Your comment", tag="textarea")
    page.keyboard.type("Mexico supports this paragraph.")
    _tab_to(page, "^Save$", tag="button")
    page.keyboard.press("Enter")
    page.get_by_text("Your comment was saved.").wait_for()

    # An amendment to paragraph 3: choose the kind with the arrow keys, go back with Shift+Tab.
    _tab_to(page, "^Comment on paragraph 3$", tag="a")
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Your comment on paragraph 3").wait_for()
    _tab_to(page, "Comment$", tag="input")  # the first choice of the radio group
    page.keyboard.press("ArrowDown")
    assert _focused(page)["name"] == "Proposed amendment"
    _tab_to(page, "^Proposed text", tag="textarea")
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(
        "States Parties would encourage States not party to join the Convention without delay."
    )
    _tab_to(page, "^Your comment", tag="textarea", backwards=True)
    page.keyboard.type("Stronger wording.")
    _tab_to(page, "^Save$", tag="button")
    page.keyboard.press("Enter")
    page.get_by_text("Your comment was saved.").wait_for()

    # A file: the file chooser opens from the keyboard; then Attach.
    _tab_to(page, "^File", tag="input")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files({"name": "position.pdf", "mimeType": "application/pdf", "buffer": small_pdf()})
    _tab_to(page, "^Attach$", tag="button")
    page.keyboard.press("Enter")
    page.get_by_text("“position.pdf” was attached.").wait_for()

    # Consent with Space, then submit with Enter: the receipt.
    _tab_to(page, "agrees that the ISU may publish", tag="input")
    page.keyboard.press("Space")
    _tab_to(page, "^Submit to the ISU$", tag="button")
    page.keyboard.press("Enter")
    page.get_by_text("Your receipt number is").wait_for()
    revision = SubmissionRevision.objects.get(submission__delegation__iso3="MEX")  # the demo has others too
    page.get_by_role("heading", level=1, name=f"Receipt {revision.receipt_number}").wait_for()
    assert len(revision.comments) == 2
    assert revision.consent_to_publish is True
    assert [a["name"] for a in revision.attachments] == ["position.pdf"]


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


def test_registration_pages_have_no_wcag_violations(page, settings):
    """Every registration page, the focal point's and the ISU's, on a desktop and a phone; the
    forms also refused with their errors."""
    from registration.models import DelegationRegistration
    from tests.e2e.test_registration import ISU, register_mexico

    load_demo(settings)
    base = "/meetings/demonstration-meeting/registration/"
    sign_in(page, FOCAL_POINT, DEMO_PASSWORD)
    failures = _audit(page, [base])  # the form to register
    page.goto(page.base_url + base)
    page.get_by_label("Note verbale (PDF)").set_input_files(
        {"name": "note.pdf", "mimeType": "application/pdf", "buffer": b"not a pdf at all"}
    )
    page.get_by_label("Name:", exact=True).fill("Alejandra Ruiz")
    page.get_by_role("button", name="Register").click()  # refused: the file is not a PDF
    assert "not a PDF" in page.locator(".errorlist").first.inner_text()
    assert axe_violations(page) == []
    register_mexico(page)
    registration = DelegationRegistration.objects.get(
        meeting__slug="demonstration-meeting", delegation__iso3="MEX"
    )
    member = registration.participants.get()
    failures |= _audit(page, [base, f"{base}members/add/", f"{base}members/{member.pk}/", f"{base}letter/"])

    page.context.clear_cookies()
    sign_in(page, ISU, DEMO_PASSWORD)
    isu_pages = ["", f"{registration.pk}/", "extensions/", "seating/", "participants/", "check-in/"]
    failures |= _audit(page, [f"{base}isu/{path}" for path in isu_pages])
    page.goto(page.base_url + f"{base}isu/check-in/")
    page.get_by_label("Badge code").fill("not-a-badge")
    page.get_by_role("button", name="Check in").click()
    assert (
        "No approved participant of this meeting has this badge." in page.locator(".errorlist").inner_text()
    )
    assert axe_violations(page) == []
    assert failures == {}, {k: [v["id"] for v in vs] for k, vs in failures.items()}
