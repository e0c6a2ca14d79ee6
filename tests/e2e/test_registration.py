"""Registration for a meeting, end to end in Chromium, as a newcomer tries it with the demo
accounts: the demo focal point registers Mexico for the demonstration meeting with a note verbale
and sees it pending; the demo ISU account approves it and issues the list of participants, whose
PDF (rendered by the documents' pipeline through the outbox) shows Mexico's head of delegation
under "States Parties"."""

import io
import re

import pytest
from pypdf import PdfReader

from registration.models import DelegationRegistration
from tests.e2e.conftest import DEMO_PASSWORD, FOCAL_POINT, load_demo, sign_in, small_pdf

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ISU = "isu@example.org"
MEETING = "Demonstration meeting (not a Convention meeting)"


def register_mexico(page) -> None:
    """The demo focal point, from the meetings' list: the demonstration meeting, its
    registration, the note verbale and the head of delegation."""
    page.goto(page.base_url + "/meetings/")
    page.get_by_role("link", name=MEETING).first.click()
    page.get_by_role("link", name=re.compile("Registration of delegations")).click()
    page.get_by_role("heading", level=1, name=re.compile("Registration for")).wait_for()
    page.get_by_label("Note verbale (PDF)").set_input_files(
        {
            "name": "note-verbale-mexico.pdf",
            "mimeType": "application/pdf",
            "buffer": small_pdf("Note verbale"),
        }
    )
    page.get_by_label("Credentials").select_option(label="Copy received")
    page.get_by_label("Name:", exact=True).fill("Alejandra Ruiz")
    page.get_by_label("Title:", exact=True).fill("H.E. Ms")
    page.get_by_label("Function:", exact=True).fill("Ambassador, Permanent Representative")
    page.get_by_label("Head of delegation").check()
    page.get_by_label("E-mail address:", exact=True).fill("a.ruiz@mexico.example")
    page.get_by_label("Woman").check()
    page.get_by_label(re.compile("Consents to the publication")).check()
    page.get_by_role("button", name="Register").click()


def test_focal_point_registers_isu_approves_and_the_list_of_participants_shows_mexico(page, settings):
    load_demo(settings)
    sign_in(page, FOCAL_POINT, DEMO_PASSWORD)
    register_mexico(page)
    main = page.locator("main")
    main.get_by_role("rowheader", name=re.compile("Alejandra Ruiz")).wait_for()
    assert "Pending" in main.inner_text()
    registration = DelegationRegistration.objects.get(
        meeting__slug="demonstration-meeting", delegation__iso3="MEX"
    )
    assert (registration.state, registration.letter_name) == ("pending", "note-verbale-mexico.pdf")

    # The ISU approves it, from the meeting's page.
    page.context.clear_cookies()
    sign_in(page, ISU, DEMO_PASSWORD)
    page.goto(page.base_url + "/meetings/demonstration-meeting/")
    page.get_by_role("link", name=re.compile("Registration of delegations")).click()
    page.get_by_role("heading", level=1, name=re.compile("Registrations for")).wait_for()
    page.get_by_label("Mexico", exact=True).check()
    page.get_by_role("radio", name="Approve").check()
    page.get_by_role("button", name="Apply").click()
    page.get_by_text("1 registrations were changed.").wait_for()
    registration.refresh_from_db()
    assert registration.state == "approved"

    # The list of participants, issued in English and rendered by the documents' pipeline.
    page.get_by_role("link", name="List of participants").click()
    page.get_by_role("button", name="Issue the list of participants").click()
    page.get_by_text(re.compile("The list of participants was issued")).wait_for()
    pdf_link = page.get_by_role("link", name="English (PDF)")
    for _ in range(20):  # the render runs after the commit; the page says when it is ready
        if pdf_link.count():
            break
        page.wait_for_timeout(500)
        page.reload()
    href = pdf_link.get_attribute("href")
    response = page.request.get(page.base_url + href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in reader.pages))
    assert "List of participants" in text
    parties = text.index("States Parties")
    assert parties < text.index("Mexico", parties) < text.index("Head of delegation: H.E. Ms Alejandra Ruiz")
