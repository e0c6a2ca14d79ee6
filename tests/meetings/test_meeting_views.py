import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.models import Meeting
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
