from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from meetings.models import AgendaItem, Meeting
from tests.conftest import make_state

pytestmark = pytest.mark.django_db


def make_meeting(**fields) -> Meeting:
    defaults = {"kind": Meeting.Kind.OTHER, "title": "A meeting", "status": Meeting.Status.PLANNED}
    defaults.update(fields)
    defaults.setdefault("slug", defaults["title"].lower().replace(" ", "-"))
    return Meeting.objects.create(**defaults)


def test_month_only_meeting_is_shown_as_the_month_never_the_first():
    meeting = make_meeting(start_date=date(2026, 9, 1), date_precision="month")
    assert meeting.date_display == "September 2026"
    assert not meeting.days_known
    assert meeting.day_ranges == []


def test_year_only_and_undated_meetings():
    assert make_meeting(title="Y", start_date=date(2027, 1, 1), date_precision="year").date_display == "2027"
    assert make_meeting(title="U").date_display == "Dates not announced"


def test_date_ranges_are_shown_as_known():
    assert make_meeting(title="a", start_date=date(2026, 2, 20)).date_display == "20 February 2026"
    assert (
        make_meeting(title="b", start_date=date(2026, 4, 22), end_date=date(2026, 4, 24)).date_display
        == "22–24 April 2026"
    )
    assert (
        make_meeting(title="c", start_date=date(2022, 8, 30), end_date=date(2022, 9, 2)).date_display
        == "30 August – 2 September 2022"
    )


def test_days_held_apart_are_shown_and_listed():
    meeting = make_meeting(
        start_date=date(2026, 6, 22), end_date=date(2026, 6, 24), parts="2026-06-22, 2026-06-24"
    )
    assert meeting.date_display == "22 and 24 June 2026"
    assert meeting.day_ranges == [
        (date(2026, 6, 22), date(2026, 6, 22)),
        (date(2026, 6, 24), date(2026, 6, 24)),
    ]
    two_parts = make_meeting(
        title="two parts",
        start_date=date(2020, 11, 25),
        end_date=date(2021, 9, 21),
        parts="2020-11-25/2020-11-27, 2021-09-20/2021-09-21",
    )
    assert two_parts.date_display == "25–27 November 2020 and 20–21 September 2021"


def test_days_held_must_fit_the_first_and_last_day():
    meeting = Meeting(
        kind="other",
        title="x",
        slug="x",
        start_date=date(2026, 6, 22),
        end_date=date(2026, 6, 24),
        parts="2026-06-23",
    )
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "parts" in error.value.message_dict
    meeting.parts = "22 June"
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "Write the days as dates" in str(error.value.message_dict["parts"])


def test_times_only_when_the_days_are_known():
    meeting = Meeting(
        kind="other",
        title="x",
        slug="x",
        start_date=date(2026, 9, 1),
        date_precision="month",
        start_time=time(10),
    )
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "start_time" in error.value.message_dict


def test_unknown_time_zone_is_refused():
    meeting = Meeting(kind="other", title="x", slug="x", time_zone="Mars/Olympus")
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "time_zone" in error.value.message_dict


def test_time_display_gives_local_time_and_zone():
    meeting = make_meeting(
        start_date=date(2026, 2, 20), start_time=time(10), end_time=time(11, 45), time_zone="Europe/Zurich"
    )
    assert meeting.time_display == "10:00–11:45 local time (CET, UTC+01:00; Europe/Zurich)"
    summer = make_meeting(
        title="s", start_date=date(2026, 7, 1), start_time=time(15), time_zone="Europe/Zurich"
    )
    assert summer.time_display == "15:00 local time (CEST, UTC+02:00; Europe/Zurich)"


@pytest.mark.parametrize(
    ("fields", "today", "upcoming"),
    [
        ({"start_date": date(2026, 2, 20)}, date(2026, 2, 20), True),
        ({"start_date": date(2026, 2, 20)}, date(2026, 2, 21), False),
        ({"start_date": date(2026, 4, 22), "end_date": date(2026, 4, 24)}, date(2026, 4, 24), True),
        ({"start_date": date(2026, 9, 1), "date_precision": "month"}, date(2026, 9, 30), True),
        ({"start_date": date(2026, 9, 1), "date_precision": "month"}, date(2026, 10, 1), False),
        ({"start_date": date(2027, 1, 1), "date_precision": "year"}, date(2027, 12, 1), True),
        ({}, date(2030, 1, 1), True),
        ({"status": "held"}, date(2030, 1, 1), False),
    ],
)
def test_upcoming_derived_from_what_is_known_of_the_dates(fields, today, upcoming):
    meeting = make_meeting(**fields)
    assert meeting.is_upcoming(today) is upcoming
    assert (meeting in Meeting.objects.upcoming(today)) is upcoming
    assert (meeting in Meeting.objects.past(today)) is not upcoming


def test_status_shown_for_a_planned_meeting_whose_dates_passed():
    meeting = make_meeting(start_date=date(2026, 7, 1))
    assert meeting.status_label_on(date(2026, 6, 1)) == "Planned"
    assert meeting.status_label_on(date(2026, 7, 2)) == "Not yet recorded as held"


def test_in_year_includes_meetings_spanning_the_year():
    spanning = make_meeting(title="2RC", start_date=date(2020, 11, 25), end_date=date(2021, 9, 21))
    other = make_meeting(title="other", start_date=date(2022, 1, 1))
    assert list(Meeting.objects.in_year(2021)) == [spanning]
    assert list(Meeting.objects.in_year(2022)) == [other]


def test_agenda_outline_nests_and_orders_items():
    meeting = make_meeting()
    second = AgendaItem.objects.create(meeting=meeting, number="2", title="Two", order=20)
    b = AgendaItem.objects.create(meeting=meeting, parent=second, number="2 (b)", title="Two b", order=40)
    a = AgendaItem.objects.create(meeting=meeting, parent=second, number="2 (a)", title="Two a", order=30)
    first = AgendaItem.objects.create(meeting=meeting, number="1", title="One", order=10)
    outline = meeting.agenda_outline()
    assert outline == [first, second]
    assert outline[1].sub_items == [a, b]
    assert str(a.label) == "Item 2 (a)"


def test_agenda_item_parent_must_be_of_the_same_meeting():
    one, two = make_meeting(title="one"), make_meeting(title="two")
    parent = AgendaItem.objects.create(meeting=one, title="P")
    item = AgendaItem(meeting=two, parent=parent, title="C")
    with pytest.raises(ValidationError):
        item.full_clean()


def test_venue_display_and_convener():
    switzerland = make_state(name="Switzerland", iso3="CHE")
    lao = make_state(name="Lao PDR", iso3="LAO")
    meeting = make_meeting(
        room="Room IX", building="Palais des Nations", city="Geneva", country=switzerland, convened_by=lao
    )
    assert meeting.venue_display == "Room IX, Palais des Nations, Geneva, Switzerland"
    assert meeting.convener_display == "Lao PDR"
    meeting.convened_as = "the Presidency of Lao PDR"
    assert meeting.convener_display == "the Presidency of Lao PDR"
