"""The three journeys of the portal, end to end in Chromium against a live server.

Each journey clicks and types as its person would; URLs are typed only where that person would
type one (the sign-in page, the admin's address). The page fixture leaves a screenshot of the
last page in test-results/e2e/<test>.png.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from documents import services as document_services
from documents.models import Document, Rendition
from meetings.models import Meeting
from submissions.models import Submission, SubmissionRevision, SubmissionWindow, WindowExtension
from tests.e2e.conftest import DEMO_PASSWORD, FOCAL_POINT, load_demo, sign_in, small_pdf

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _pdf_of(page, link) -> tuple[bytes, str]:
    href = link.get_attribute("href")
    response = page.request.get(page.base_url + href)
    assert response.ok, (href, response.status)
    return response.body(), response.headers["content-type"]


# --- ISU staff --------------------------------------------------------------------------------


def test_isu_staff_publishes_a_meeting_and_a_document(page):
    User.objects.create_user(
        email="staff@isu.example",
        password="staff-pass-1",
        full_name="Iris Staff",
        is_staff=True,
        is_superuser=True,
    )
    sign_in(page, "staff@isu.example", "staff-pass-1")

    # A meeting with two agenda items, in the admin.
    page.get_by_role("link", name="Administration").click()
    page.locator("#content-main").get_by_role("link", name="Meetings", exact=True).first.click()
    page.get_by_role("link", name=re.compile("Add meeting")).click()
    page.get_by_label("Kind:").select_option(label="Intersessional meeting")
    page.get_by_label("Title [en]:").press_sequentially("Intersessional Meeting on Victim Assistance")
    page.get_by_label("Title [fr]:").fill("Réunion intersessions sur l'assistance aux victimes")
    # The address is written from the title by the admin's own script.
    assert page.get_by_label("Address:").input_value() == "intersessional-meeting-on-victim-assistance"
    page.get_by_label("First day:").fill("2027-05-04")
    page.get_by_label("Last day:").fill("2027-05-05")
    page.get_by_label("City:").fill("Geneva")
    page.locator("#id_summary_en").fill("Two days on the services that survivors of cluster munitions need.")
    add_item = page.get_by_role("button", name="Add another Agenda item")
    for number, title in (("1", "Opening of the meeting"), ("2", "Services for survivors")):
        add_item.click()
        row = page.locator("#agenda_items-group tr.form-row.dynamic-agenda_items").last
        row.locator("input[name$='-number']").fill(number)
        row.locator("input[name$='-title_en']").fill(title)
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("was added successfully").wait_for()
    meeting = Meeting.objects.get(slug="intersessional-meeting-on-victim-assistance")
    assert meeting.title_fr == "Réunion intersessions sur l'assistance aux victimes"
    assert list(meeting.agenda_items.values_list("number", "title")) == [
        ("1", "Opening of the meeting"),
        ("2", "Services for survivors"),
    ]
    item = meeting.agenda_items.get(number="2")

    # A document with a text, under the second item, published.
    page.get_by_role("link", name="Administration").click()
    page.locator("#content-main th").get_by_role("link", name="Documents", exact=True).click()
    page.get_by_role("link", name=re.compile("Add document")).click()
    page.get_by_label("Symbol:").fill("CCM/MSP/2027/WP.7")
    page.get_by_label("Title [en]:").fill("Survivors' access to services")
    page.get_by_label("Kind:").select_option(label="Working paper")
    page.get_by_label("Status:").select_option(label="Published")
    page.get_by_label("Meeting:").fill(str(meeting.pk))
    page.get_by_label("Agenda item:").fill(str(item.pk))
    page.get_by_label("Date:").fill("2027-04-20")
    page.get_by_label("Summary [en]:").fill(
        "What survivors told the coordinators about rehabilitation services."
    )
    page.get_by_label("Text:", exact=True).fill(
        "# I. Introduction\n\n"
        "1. Survivors described rehabilitation services far from where they live.\n\n"
        "2. The coordinators recall the Lausanne Action Plan and CCM/CONF/2021/6.\n"
    )
    page.get_by_role("button", name="Save and continue editing").click()
    page.get_by_text("was added successfully").wait_for()

    # The English PDF: the render state on the admin page reaches "Ready" by itself.
    status = page.locator("[data-render-status]")
    status.get_by_text(re.compile(r"English.*Ready")).wait_for(timeout=60_000)
    document = Document.objects.get(symbol="CCM/MSP/2027/WP.7")
    assert document.status == Document.Status.PUBLISHED
    assert document.renditions.get(language="en").state == Rendition.State.READY

    # The public pages: the register, the document, the meeting under its agenda item.
    page.get_by_role("link", name="View site").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Documents").click()
    page.get_by_role("link", name="Survivors' access to services").click()
    assert page.locator("h1").inner_text() == "Survivors' access to services"
    page.get_by_text("Item 2 of the provisional agenda").wait_for()
    pdf, content_type = _pdf_of(page, page.get_by_role("link", name=re.compile(r"^English \(PDF")))
    assert content_type == "application/pdf"
    assert pdf.startswith(b"%PDF-")

    page.get_by_role("main").get_by_role(
        "link", name="Intersessional Meeting on Victim Assistance"
    ).first.click()
    agenda_item = page.locator(".agenda__item", has_text="Services for survivors")
    agenda_item.locator("a", has_text="CCM/MSP/2027/WP.7").wait_for()
    page.get_by_role("heading", name=re.compile("Opening of the meeting")).wait_for()


# --- a delegation -----------------------------------------------------------------------------


def test_delegation_comments_submits_and_is_refused_after_the_deadline(page, settings):
    load_demo(settings)
    sign_in(page, FOCAL_POINT, DEMO_PASSWORD)

    # Open the draft and start the delegation's submission.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My submissions").click()
    page.get_by_role("link", name="Demonstration version").click()
    page.get_by_role("heading", level=1, name=re.compile("Demonstration draft")).wait_for()
    page.get_by_role("button", name="Start a submission").click()
    page.get_by_role("heading", level=1, name=re.compile("Submission of Mexico")).wait_for()

    # A comment on paragraph 2.
    page.get_by_role("link", name="Comment on paragraph 2", exact=True).click()
    page.get_by_label(re.compile("^Your comment")).fill(
        "Mexico welcomes a journey that a focal point can try."
    )
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Your comment was saved.").wait_for()

    # An amendment to paragraph 3: the current text comes pre-filled; change a few words.
    paragraph_3 = page.locator(".paragraph-block", has_text="encourage States not party")
    paragraph_3.get_by_role("link", name="Propose an amendment").click()
    page.get_by_label("Proposed amendment", exact=True).check()
    proposed = page.get_by_label("Proposed text")
    assert "at the earliest opportunity" in proposed.input_value()
    proposed.fill(
        "States Parties would continue to encourage States not party to join the Convention without delay."
    )
    page.get_by_label(re.compile("^Your comment")).fill("Firmer wording.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Your comment was saved.").wait_for()
    paragraph_3 = page.locator(".paragraph-block", has_text="encourage States not party")
    assert paragraph_3.locator("ins", has_text="without delay").count() == 1
    assert paragraph_3.locator("del", has_text="at the earliest opportunity").count() == 1

    # A file, then the choice about publication saved.
    page.get_by_label(re.compile("^File")).set_input_files(
        {"name": "mexico-note.pdf", "mimeType": "application/pdf", "buffer": small_pdf()}
    )
    page.get_by_role("button", name="Attach").click()
    page.get_by_text("“mexico-note.pdf” was attached.").wait_for()
    page.get_by_label(re.compile("agrees that the ISU may publish")).check()
    page.get_by_role("button", name="Save the choice only").click()
    page.get_by_text("Your choice about publication was saved.").wait_for()

    # Submit: the receipt, with its number.
    page.get_by_role("button", name="Submit to the ISU").click()
    page.get_by_text("Your receipt number is").wait_for()
    revision = SubmissionRevision.objects.get(submission__delegation__iso3="MEX")  # the demo has others too
    page.get_by_role("heading", level=1, name=f"Receipt {revision.receipt_number}").wait_for()
    assert f"Your receipt number is {revision.receipt_number}" in page.locator(".messages").inner_text()
    assert len(revision.comments) == 2
    assert [a["name"] for a in revision.attachments] == ["mexico-note.pdf"]
    assert revision.consent_to_publish is True

    # Edit again, start a comment... and the deadline passes before it is saved.
    page.get_by_role("link", name="Your submission").click()
    page.get_by_role("button", name="Edit again").click()
    page.get_by_role("link", name="Comment on paragraph 4", exact=True).click()
    typed = "Annual reporting on contacts would help every region."
    page.get_by_label(re.compile("^Your comment")).fill(typed)
    window = SubmissionWindow.objects.get(version__draft__slug="demonstration-draft")
    past = timezone.now() - timedelta(minutes=5)
    SubmissionWindow.objects.filter(pk=window.pk).update(original_deadline=past - timedelta(days=1))
    WindowExtension.objects.filter(window=window).update(new_deadline=past)
    page.get_by_role("button", name="Save", exact=True).click()

    alert = page.get_by_role("alert")
    assert "The deadline for submissions on this version passed" in alert.inner_text()
    assert page.get_by_label(re.compile("^Your comment")).input_value() == typed
    submission = Submission.objects.get(delegation__iso3="MEX")
    assert submission.comments.current().count() == 2  # nothing was added after the deadline


# --- the public ---------------------------------------------------------------------------------


def _publish_with_english_pdf(
    *, symbol: str, title: str, body: str, meeting: Meeting | None = None
) -> Document:
    document = Document(
        symbol=symbol,
        slug=symbol.lower().replace("/", "-").replace(".", "-"),
        title=title,
        kind=Document.Kind.INFORMATION,
        date=timezone.localdate(),
        summary="A note on the calendar of the Convention's meetings.",
        body=body,
        meeting=meeting,
    )
    document_services.save_document(document, by=None)
    document_services.publish(document, by=None)  # renders the English PDF (tasks run in-process)
    return document


def test_public_visitor_follows_the_work_from_the_home_page(page):
    from django.core.management import call_command

    call_command("load_ccm_data", verbosity=0)
    note = _publish_with_english_pdf(
        symbol="CCM/MSP/2026/INF.9",
        title="Calendar of meetings in 2026",
        body="1. The regional consultations precede the Review Conference.\n",
    )
    assert note.renditions.get(language="en").state == Rendition.State.READY

    page.goto(page.base_url + "/")
    main_nav = page.get_by_role("navigation", name="Main")

    # The Americas consultation, from the list of meetings.
    main_nav.get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name="Informal regional consultation with the Americas Group").click()
    page.get_by_role(
        "heading", level=1, name="Informal regional consultation with the Americas Group"
    ).wait_for()

    # What delegations said on gender, through the topic's page.
    page.get_by_role("main").get_by_role("link", name="Gender and diversity").first.click()
    page.get_by_role("heading", level=1, name=re.compile("Gender and diversity")).wait_for()
    main = page.get_by_role("main")
    assert "Mexico" in main.inner_text() and "Panama" in main.inner_text()

    # The working paper of the First Preparatory Meeting, from the register.
    main_nav.get_by_role("link", name="Documents").click()
    meeting_filter = page.get_by_label("Meeting")
    option = meeting_filter.locator("option", has_text="First Preparatory Meeting").first
    meeting_filter.select_option(label=option.inner_text().strip())
    page.get_by_role("button", name=re.compile("Search|Show")).click()
    page.get_by_role("main").get_by_role("row").filter(has_text="Working paper").get_by_role(
        "link"
    ).first.click()
    assert "Working paper" in page.locator(".facts").inner_text()

    # A cited symbol leads to the document it names.
    cited = page.locator(".document-text").get_by_role("link", name="CCM/MSP/2018/WP.3").first
    cited.click()
    page.wait_for_url(re.compile(r"/documents/CCM/MSP/2018/WP\.3/$"))
    assert page.locator(".document-symbol").inner_text() == "CCM/MSP/2018/WP.3"

    # A word, searched in the register.
    main_nav.get_by_role("link", name="Documents").click()
    page.get_by_label(re.compile("^Search")).fill("calendar")
    page.get_by_role("button", name=re.compile("Search|Show")).click()
    page.get_by_role("link", name="Calendar of meetings in 2026").click()

    # Its PDF.
    pdf, content_type = _pdf_of(page, page.get_by_role("link", name=re.compile(r"^English \(PDF")))
    assert content_type == "application/pdf" and pdf.startswith(b"%PDF-")

    # The calendar of meetings, to subscribe to.
    main_nav.get_by_role("link", name="Meetings").click()
    feed = page.get_by_role("link", name=re.compile("Subscribe to the calendar"))
    response = page.request.get(page.base_url + feed.get_attribute("href"))
    assert response.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VCALENDAR" in response.text()
    assert "Americas Group" in response.text()
