"""A meeting's page: the meeting (meetings), its documents by agenda item (documents) and what
was said under each item (consultations)."""

import re

import pytest
from django.core.management import call_command

from documents.models import Document
from meetings.models import AgendaItem, Meeting

pytestmark = pytest.mark.django_db

AMERICAS = "/meetings/americas-regional-consultation-2026-02-20/"


def _text(response) -> str:
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", body.replace("&#x27;", "'")).replace(" :", ":")


def _in_order(text: str, *parts: str) -> None:
    """Each part occurs in ``text`` after the previous one."""
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} not found after position {position}"
        position = found + len(part)


def test_americas_consultation_page_reads_in_order(client):
    call_command("load_ccm_data")
    text = _text(client.get(AMERICAS))
    delegations = [
        "Canada",
        "Chile",
        "Costa Rica",
        "Ecuador",
        "Guatemala",
        "Honduras",
        "Mexico",
        "Nicaragua",
        "Panama",
        "Paraguay",
        "Peru",
    ]
    _in_order(
        text,
        "20 February 2026",
        "10:00–11:45 local time (CET, UTC+01:00; Europe/Zurich)",
        "Room IX, Palais des Nations, Geneva",
        "Convened by the Presidency of Lao PDR",
        "Participating delegations (11)",
        *delegations,
        "Agenda",
        "1. Opening remarks",
        "2. Substantive preparations for the Third Review Conference",
        "2 (a). Update on submissions received on the Zero draft",
        "The Presidency (Lao PDR): By 18 February 2026",
        "Peru: Peru thanked the Presidency",
        "Panama: Panama welcomed the consultative approach",
        "Canada: Canada valued the open, structured process",
        "Mexico: Mexico welcomed the structure",
        "The Presidency (Lao PDR): The Presidency noted all the comments",
        "2 (b). Preliminary exchange of views on the CCM Action Plan 2027-2031",
        "Canada: Canada again asked that gender mainstreaming",
        "Announcement of the establishment of the Technical Group",
        "2 (c). Preliminary exchange of views on a Political Declaration",
        "Work on the Political Declaration will start",
        "No delegation took the floor.",
        "Update on logistical preparations for the Third Review Conference",
        "Next steps and closing",
        "Prepares",
        "Third Review Conference (3RC)",
    )
    # Under 2 (c) nobody but the Presidency spoke; under 2 (a) delegations did.
    item_2c = text[text.index("2 (c). Preliminary") : text.index("Update on logistical preparations")]
    assert "No delegation took the floor." in item_2c
    item_2a = text[text.index("2 (a). Update") : text.index("2 (b). Preliminary")]
    assert "No delegation took the floor." not in item_2a
    # The other preparatory meetings of the 3RC, in date order.
    related = text[text.index("Other meetings preparing") :]
    _in_order(
        related,
        "23 January 2026 Coordination Committee retreat",
        "30 March 2026 First Preparatory Meeting",
        "22–24 April 2026 Side event during NDM-UN29",
        "22 and 24 June 2026 Second regional consultations",
        "1 July 2026 Second Preparatory Meeting",
    )
    assert "20 February 2026 Informal regional consultation" not in related


def test_third_review_conference_lists_its_preparatory_timeline_in_date_order(client):
    call_command("load_ccm_data")
    text = _text(client.get("/meetings/3rc/"))
    assert "September 2026" in text and "Vientiane Capital, Lao PDR" in text
    timeline = text[text.index("Preparatory meetings and events") :]
    _in_order(
        timeline,
        "23 January 2026 Coordination Committee retreat",
        "20 February 2026 Informal regional consultation with the Americas Group",
        "30 March 2026 First Preparatory Meeting for the Third Review Conference",
        "22–24 April 2026 Side event during NDM-UN29",
        "22 and 24 June 2026 Second regional consultations",
        "1 July 2026 Second Preparatory Meeting for the Third Review Conference",
    )
    # The logistics announced at the Americas consultation are on the 3RC's record.
    _in_order(
        text,
        "Logistics",
        "Size of delegations No limit",
        "Seats per delegation 2 in the front row, 2 in the back row",
        "another area of the Conference room",
        "Field visit",
    )


def test_first_preparatory_meeting_shows_item_7_of_its_provisional_agenda(client):
    call_command("load_ccm_data")
    text = _text(client.get("/meetings/3rc-first-preparatory-meeting/"))
    assert "Agenda (provisional)" in text
    assert "7. Exchange of views on the preparation of documents for the Third Review Conference" in text
    # Nothing recorded of who spoke there: the page does not claim that nobody did.
    assert "No delegation took the floor" not in text
    assert "30 March 2026" in text and "Palais des Nations, Geneva" in text


def test_meeting_detail_unknown_slug_is_404(client):
    assert client.get("/meetings/no-such-meeting/").status_code == 404


def test_meeting_page_lists_documents_under_their_agenda_item(client):
    call_command("load_ccm_data", verbosity=0)
    page = _text(client.get("/meetings/3rc-first-preparatory-meeting/"))
    item = page.index("Exchange of views on the preparation of documents for the Third Review Conference")
    paper = page.index("Reflections and options regarding the Convention")
    assert item < paper


def test_unpublished_documents_stay_off_the_meeting_page(client):
    call_command("load_ccm_data", verbosity=0)
    meeting = Meeting.objects.get(slug="3rc-first-preparatory-meeting")
    Document.objects.create(
        title="A draft nobody may see yet",
        slug="draft-x",
        meeting=meeting,
        agenda_item=AgendaItem.objects.get(meeting=meeting, number="7"),
        status=Document.Status.DRAFT,
    )
    assert "A draft nobody may see yet" not in _text(client.get(meeting.get_absolute_url()))
