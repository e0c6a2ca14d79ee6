import re
from datetime import date, time, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.models import AgendaItem, Meeting, Participation
from tests.conftest import make_state

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


def test_americas_consultation_is_found_from_the_meeting_list(client):
    call_command("load_ccm_data")
    response = client.get("/meetings/")
    html = response.content.decode()
    assert f'href="{AMERICAS}"' in html
    text = _text(response)
    _in_order(text, "20 February 2026", "Informal regional consultation with the Americas Group")
    # The month-only 3RC is shown as the month.
    assert "September 2026 Third Review Conference (3RC)" in text
    assert "1 September 2026" not in text


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


def _meeting(title, start, **fields):
    return Meeting.objects.create(
        kind=fields.pop("kind", Meeting.Kind.MSP),
        title=title,
        slug=title.lower().replace(" ", "-"),
        start_date=start,
        **fields,
    )


def test_meeting_list_separates_upcoming_and_past(client):
    today = timezone.localdate()
    _meeting("Long ago", date(2011, 9, 13), status="held")
    _meeting("Far ahead", today + timedelta(days=400))
    text = _text(client.get("/meetings/"))
    upcoming = text[text.index("Upcoming meetings") : text.index("Past meetings")]
    past = text[text.index("Past meetings") :]
    assert "Far ahead" in upcoming and "Long ago" not in upcoming
    assert "Long ago" in past and "Far ahead" not in past


def test_meeting_list_filters_by_kind_and_year(client):
    _meeting("Old MSP", date(2011, 9, 13))
    _meeting("New MSP", date(2024, 9, 10))
    _meeting("A retreat", date(2024, 1, 23), kind=Meeting.Kind.RETREAT)
    text = _text(client.get("/meetings/?kind=msp"))
    assert "Old MSP" in text and "New MSP" in text and "A retreat" not in text
    text = _text(client.get("/meetings/?year=2024"))
    assert "New MSP" in text and "A retreat" in text and "Old MSP" not in text
    text = _text(client.get("/meetings/?kind=retreat&year=2024"))
    assert "A retreat" in text and "New MSP" not in text


def test_meeting_list_bad_filter_says_so_and_keeps_what_was_typed(client):
    _meeting("Old MSP", date(2011, 9, 13))
    response = client.get("/meetings/?year=twenty&kind=nonsense")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a year, such as 2026." in html
    assert "Select a valid choice." in html
    assert 'value="twenty"' in html
    assert "Old MSP" in html  # the list is still shown


@pytest.mark.parametrize("rows", [1, 15, 130])
def test_meeting_list_query_count_is_constant(client, rows):
    switzerland = make_state(name="Switzerland", iso3="CHE")
    for i in range(rows):
        _meeting(f"Meeting {i}", date(1990 + i // 4, 1 + i % 4, 1), country=switzerland, city="Geneva")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/meetings/?kind=msp")
    assert f"Meeting {rows - 1}</a>" in response.content.decode()
    assert "Geneva, Switzerland" in response.content.decode()
    # for each list (upcoming, past): its count and its page of meetings with their countries;
    # the years for the filter
    assert len(ctx.captured_queries) <= 5


def test_meeting_list_pages_long_lists_and_keeps_the_filters(client):
    for i in range(120):
        _meeting(f"Session {i:03d}", date(1990 + i // 12, 1 + i % 12, 1))
    _meeting("Next session", date(2099, 9, 1))
    html = client.get("/meetings/?kind=msp").content.decode()
    assert "Next session" in html
    assert 'Past meetings <span class="count">(120)</span>' in html
    assert "Session 119</a>" in html and "Session 070</a>" in html  # the latest 50
    assert "Session 069</a>" not in html
    assert "Page 1 of 3" in html
    assert 'href="?kind=msp&amp;page=2#past-heading" rel="next"' in html

    html = client.get("/meetings/?kind=msp&page=3").content.decode()
    assert "Session 000</a>" in html and "Session 019</a>" in html and "Session 020</a>" not in html
    assert "Next session" in html  # the upcoming list keeps its own first page
    assert 'href="?kind=msp&amp;page=2#past-heading" rel="prev"' in html

    # A page number that is not one shows the first page; one past the end, the last.
    assert "Session 119</a>" in client.get("/meetings/?page=abc").content.decode()
    assert "Session 000</a>" in client.get("/meetings/?page=999").content.decode()


@pytest.mark.parametrize("rows", [1, 8])
def test_meeting_detail_query_count_does_not_grow_with_agenda_and_participants(client, rows):
    from consultations.models import Intervention, Position, Topic

    topic = Topic.objects.create(name="Gender and diversity", slug="gender")
    parent = _meeting("The parent", date(2026, 9, 1), kind=Meeting.Kind.REVIEW_CONFERENCE)
    meeting = _meeting("The meeting", date(2026, 2, 20), prepares=parent, start_time=time(10))
    for i in range(rows):
        state = make_state(name=f"State {i}", iso3=f"S{i:02d}")
        Participation.objects.create(meeting=meeting, delegation=state)
        item = AgendaItem.objects.create(meeting=meeting, number=str(i + 1), title=f"Item title {i}", order=i)
        AgendaItem.objects.create(
            meeting=meeting, parent=item, number=f"{i + 1} (a)", title=f"Sub {i}", order=i
        )
        said = Intervention.objects.create(
            meeting=meeting, agenda_item=item, delegation=state, summary=f"Said {i}"
        )
        Position.objects.create(intervention=said, topic=topic)
        _meeting(f"Sibling {i}", date(2026, 3, 1 + i), prepares=parent)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(meeting.get_absolute_url())
    text = _text(response)
    assert f"State {rows - 1}: Said {rows - 1}" in text
    assert f"Sibling {rows - 1}" in text
    # meeting; agenda items, their interventions and topics; interventions outside the agenda
    # and their topics; preparatory and related meetings; participations
    assert len(ctx.captured_queries) <= 9


def test_delegation_page_lists_its_meetings_and_interventions(client):
    call_command("load_ccm_data")
    text = _text(client.get("/delegations/PAN/"))
    _in_order(
        text,
        "Meetings attended",
        "Informal regional consultation with the Americas Group",
        "Interventions",
        "item 2 (a)",
        "Panama welcomed the consultative approach",
    )
    canada = _text(client.get("/delegations/CAN/"))
    assert "Canada valued the open, structured process" in canada
    assert "Canada again asked that gender mainstreaming" in canada
    lao = _text(client.get("/delegations/LAO/"))
    assert "as the Presidency" in lao
