"""Long work shows a status that updates without reloading: a PDF being rendered (public document
page, admin) and a compilation being prepared (ISU page). Each test leaves the work queued, as
when the worker has not reached it yet, opens the page, then does the work with the same service
the worker calls, and watches the page change by itself; without JavaScript, a link reloads it."""

import re

import pytest

from accounts.models import User
from documents import rendering
from documents import services as document_services
from documents.models import Document, Rendition
from submissions import services as submission_services
from submissions.models import Compilation, Draft
from submissions.parsing import parse_structured_text
from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ENGLISH_PDF = re.compile(r"^English \(PDF")


def _published_with_queued_pdf() -> Rendition:
    """A published document whose English PDF is queued and not rendered yet."""
    document = Document(
        symbol="CCM/MSP/2026/INF.4",
        slug="ccm-msp-2026-inf-4",
        title="Practical information for delegations",
        kind=Document.Kind.INFORMATION,
        status=Document.Status.PUBLISHED,
        body="1. Badges are collected at the Pregny gate.\n",
    )
    document_services.save_document(document, by=None, queue=False)
    return Rendition.objects.create(document=document, language="en", generation=1)


def _render(rendition: Rendition) -> None:
    assert rendering.render_rendition(rendition_id=rendition.pk, generation=1) == "ready"


def _mark_page(page) -> None:
    """A mark that a reload or a navigation would wipe out."""
    page.evaluate("() => { window.__notReloaded = true; }")


def _not_reloaded(page) -> bool:
    return page.evaluate("() => window.__notReloaded === true")


def test_document_page_shows_the_pdf_once_rendered_without_a_reload(page):
    rendition = _published_with_queued_pdf()
    page.goto(page.base_url + rendition.document.get_absolute_url())
    versions = page.locator("#language-versions")
    assert "The English PDF is being prepared" in versions.inner_text()
    assert versions.get_by_role("link", name=ENGLISH_PDF).count() == 0
    _mark_page(page)

    _render(rendition)

    versions.get_by_role("link", name=ENGLISH_PDF).wait_for(timeout=20_000)
    assert "being prepared" not in versions.inner_text()
    assert _not_reloaded(page)
    assert (
        page.evaluate("() => document.getElementById('language-versions').hasAttribute('data-status-url')")
        is False
    )


def test_document_page_without_javascript_offers_a_reload_link(browser, live_server):
    rendition = _published_with_queued_pdf()
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + rendition.document.get_absolute_url())
        assert "The English PDF is being prepared" in page.locator("#language-versions").inner_text()
        _render(rendition)
        page.get_by_role("link", name="Reload the page to see whether it is ready").click()
        page.locator("#language-versions").get_by_role("link", name=ENGLISH_PDF).wait_for()
        assert page.get_by_role("link", name=re.compile("Reload the page")).count() == 0
    finally:
        context.close()


def test_admin_render_state_updates_without_a_reload(page):
    User.objects.create_user(
        email="staff@isu.example", password="staff-pass-1", is_staff=True, is_superuser=True
    )
    rendition = _published_with_queued_pdf()
    sign_in(page, "staff@isu.example", "staff-pass-1")
    page.goto(page.base_url + f"/admin/documents/document/{rendition.document_id}/change/")
    status = page.locator("[data-render-status]")
    assert re.search(r"English: Queued", status.inner_text())
    _mark_page(page)

    _render(rendition)

    status.get_by_text(re.compile(r"English: Ready")).wait_for(timeout=20_000)
    status.get_by_role("link", name="PDF").wait_for()
    assert _not_reloaded(page)


def test_compilation_page_updates_when_the_files_are_ready(page):
    User.objects.create_user(
        email="staff@isu.example", password="staff-pass-1", is_staff=True, is_superuser=True
    )
    draft = Draft.objects.create(code="TEST", slug="test-draft", title="Test draft")
    version = submission_services.create_version(
        draft=draft, label="Zero draft", paragraphs=parse_structured_text("1. One paragraph.\n"), by=None
    )
    compilation = Compilation.objects.create(version=version)  # queued: no worker has taken it yet
    sign_in(page, "staff@isu.example", "staff-pass-1")
    page.goto(page.base_url + f"/submissions/isu/versions/{version.pk}/compilation/")
    status = page.locator("#compilation-status")
    assert "Queued" in status.inner_text()
    assert "updates by itself" in status.inner_text()
    _mark_page(page)

    submission_services.render_compilation(compilation_id=compilation.pk)

    status.get_by_role("link", name="CSV").wait_for(timeout=20_000)
    assert "Ready" in status.inner_text()
    assert _not_reloaded(page)
