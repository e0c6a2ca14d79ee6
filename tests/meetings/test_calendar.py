from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from meetings.models import Meeting

pytestmark = pytest.mark.django_db


def _parse(response) -> Calendar:
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def _events(calendar: Calendar):
    return list(calendar.walk("VEVENT"))


def test_calendar_feed_parses_and_holds_every_dated_meeting(client):
    call_command("load_ccm_data")
    calendar = _parse(client.get("/meetings/calendar.ics"))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = _events(calendar)
    for event in events:
        assert event["UID"] and event.get("DTSTAMP") is not None and event.get("DTSTART") is not None
    assert len({str(e["UID"]) for e in events}) == len(events)
    dated = Meeting.objects.dated()
    in_feed = {str(e["URL"]).rsplit("/meetings/", 1)[1].strip("/") for e in events}
    assert in_feed == set(dated.values_list("slug", flat=True))
    assert len(in_feed) == 21  # 15 formal meetings with known days and the 6 meetings of 2026
    # The 3RC is known only to the month: not a dated event.
    assert "3rc" not in in_feed
    assert not any("Third Review Conference (3RC)" == str(e["SUMMARY"]) for e in events)


def test_calendar_timed_meeting_in_its_time_zone(client):
    call_command("load_ccm_data")
    calendar = _parse(client.get("/meetings/calendar.ics"))
    americas = next(e for e in _events(calendar) if "Americas" in str(e["SUMMARY"]))
    start, end = americas.decoded("DTSTART"), americas.decoded("DTEND")
    assert start == datetime(2026, 2, 20, 10, 0, tzinfo=ZoneInfo("Europe/Zurich"))
    assert end == datetime(2026, 2, 20, 11, 45, tzinfo=ZoneInfo("Europe/Zurich"))
    assert americas["DTSTART"].params["TZID"] == "Europe/Zurich"
    assert "Room IX, Palais des Nations, Geneva" in str(americas["LOCATION"])
    assert americas["STATUS"] == "CONFIRMED"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Zurich"]


def test_calendar_all_day_meetings_and_days_held_apart(client):
    call_command("load_ccm_data")
    events = _events(_parse(client.get("/meetings/calendar.ics")))
    msp = next(e for e in events if str(e["SUMMARY"]) == "Thirteenth Meeting of States Parties (13MSP)")
    assert msp.decoded("DTSTART") == date(2025, 9, 16)
    assert msp.decoded("DTEND") == date(2025, 9, 20)  # exclusive end of an all-day event
    regional = sorted(
        (e for e in events if str(e["SUMMARY"]) == "Second regional consultations"),
        key=lambda e: e.decoded("DTSTART"),
    )
    assert [(e.decoded("DTSTART"), e.decoded("DTEND")) for e in regional] == [
        (date(2026, 6, 22), date(2026, 6, 23)),
        (date(2026, 6, 24), date(2026, 6, 25)),
    ]
    assert regional[0]["UID"] != regional[1]["UID"]
    planned = next(e for e in events if str(e["SUMMARY"]).startswith("Second Preparatory Meeting"))
    assert planned["STATUS"] == "TENTATIVE"


def test_one_meeting_calendar(client):
    call_command("load_ccm_data")
    calendar = _parse(client.get("/meetings/americas-regional-consultation-2026-02-20/calendar.ics"))
    events = _events(calendar)
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == "Informal regional consultation with the Americas Group"
    assert calendar.walk("VTIMEZONE")
    # A month-only meeting gives a valid calendar without an event.
    month_only = _parse(client.get("/meetings/3rc/calendar.ics"))
    assert _events(month_only) == []
    assert client.get("/meetings/nothing/calendar.ics").status_code == 404


def test_multi_day_timed_meeting_repeats_daily():
    from meetings.calendar import meeting_events

    meeting = Meeting.objects.create(
        kind="msp",
        title="Timed",
        slug="timed",
        start_date=date(2026, 9, 1),
        end_date=date(2026, 9, 3),
        start_time=time(10),
        end_time=time(13),
        time_zone="Asia/Vientiane",
    )
    (event,) = meeting_events(meeting, absolute_url="https://example.org/meetings/timed/")
    assert event.decoded("DTSTART") == datetime(2026, 9, 1, 10, tzinfo=ZoneInfo("Asia/Vientiane"))
    assert event.decoded("DTEND") == datetime(2026, 9, 1, 13, tzinfo=ZoneInfo("Asia/Vientiane"))
    assert b"RRULE:FREQ=DAILY;COUNT=3" in event.to_ical()


@pytest.mark.parametrize("rows", [1, 12])
def test_calendar_feed_query_count_is_constant(client, rows):
    for i in range(rows):
        Meeting.objects.create(
            kind="msp", title=f"Meeting {i}", slug=f"m{i}", start_date=date(2010 + i, 9, 1)
        )
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/meetings/calendar.ics")
    assert len(_events(_parse(response))) == rows
    assert len(ctx.captured_queries) <= 1


def test_the_calendar_speaks_the_language_of_its_address(client):
    """/fr/meetings/calendar.ics and /es/... give the meetings' titles, and their pages'
    addresses, in French and Spanish (issue 13: iCalendar feeds per language)."""
    call_command("load_ccm_data")
    first = Meeting.objects.get(slug="1msp")
    for prefix, language in (("/fr", "fr"), ("/es", "es")):
        events = {
            str(e["URL"]).rsplit("/meetings/", 1)[1].strip("/"): e
            for e in _events(_parse(client.get(f"{prefix}/meetings/calendar.ics")))
        }
        event = events["1msp"]
        title = getattr(first, f"title_{language}")
        assert title and title != first.title_en
        assert str(event["SUMMARY"]).startswith(title)
        assert str(event["URL"]).endswith(f"{prefix}/meetings/1msp/")
