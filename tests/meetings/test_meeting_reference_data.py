from datetime import date, time

import pytest
from django.core.management import call_command

from consultations.models import Intervention, Position, Topic
from meetings.models import AgendaItem, Meeting, Participation

pytestmark = pytest.mark.django_db

AMERICAS = "americas-regional-consultation-2026-02-20"


def _snapshot():
    return {
        "meetings": list(Meeting.objects.order_by("pk").values()),
        "agenda": list(AgendaItem.objects.order_by("pk").values()),
        "participations": list(Participation.objects.order_by("pk").values()),
        "interventions": list(Intervention.objects.order_by("pk").values()),
        "positions": list(Position.objects.order_by("pk").values()),
        "topics": list(Topic.objects.order_by("pk").values()),
        "history": (
            Meeting.history.count(),
            AgendaItem.history.count(),
            Participation.history.count(),
            Intervention.history.count(),
            Position.history.count(),
        ),
    }


def test_every_meeting_from_the_1msp_to_the_3rc_and_of_the_seeds():
    call_command("load_ccm_data")
    codes = set(Meeting.objects.exclude(code=None).values_list("code", flat=True))
    # 1MSP to 3RC from the reference data; the 14MSP (planned, no dates) comes with the machinery.
    assert codes == {f"{n}MSP" for n in range(1, 15)} | {"1RC", "2RC", "3RC"}
    assert Meeting.objects.count() == 16 + 6 + 1  # and the 14MSP of the machinery
    third = Meeting.objects.get(code="3RC")
    assert third.date_display == "September 2026"
    assert third.city == "Vientiane Capital" and third.country.iso3 == "LAO"
    timeline = list(third.preparatory_meetings.values_list("slug", "kind", "start_date", "end_date"))
    assert timeline == [
        ("coordination-committee-retreat-2026-01", "retreat", date(2026, 1, 23), None),
        (AMERICAS, "regional_consultation", date(2026, 2, 20), None),
        ("3rc-first-preparatory-meeting", "preparatory", date(2026, 3, 30), None),
        ("side-event-ndm-un29-2026", "side_event", date(2026, 4, 22), date(2026, 4, 24)),
        ("second-regional-consultations-2026", "regional_consultation", date(2026, 6, 22), date(2026, 6, 24)),
        ("3rc-second-preparatory-meeting", "preparatory", date(2026, 7, 1), None),
    ]
    second_regional = Meeting.objects.get(slug="second-regional-consultations-2026")
    assert second_regional.date_display == "22 and 24 June 2026"
    assert second_regional.venue_display == "GICHD, Geneva, Switzerland"
    first_pm = Meeting.objects.get(slug="3rc-first-preparatory-meeting")
    assert first_pm.building == "Palais des Nations" and first_pm.is_formal
    item = first_pm.agenda_items.get()
    assert (item.number, item.status) == ("7", AgendaItem.Status.PROVISIONAL)


def test_the_americas_consultation_holds_every_fact_of_the_summary():
    call_command("load_ccm_data")
    meeting = Meeting.objects.select_related("convened_by", "regional_group", "country", "prepares").get(
        slug=AMERICAS
    )
    assert (meeting.start_date, meeting.start_time, meeting.end_time) == (
        date(2026, 2, 20),
        time(10),
        time(11, 45),
    )
    assert meeting.time_zone == "Europe/Zurich"
    assert (meeting.room, meeting.building, meeting.city, meeting.country.iso3) == (
        "Room IX",
        "Palais des Nations",
        "Geneva",
        "CHE",
    )
    assert meeting.convened_by.iso3 == "LAO" and meeting.convened_as == "the Presidency of Lao PDR"
    assert meeting.regional_group.name == "Americas"
    assert not meeting.is_formal and meeting.status == Meeting.Status.HELD
    assert meeting.prepares.code == "3RC"
    participants = set(meeting.participations.values_list("delegation__iso3", flat=True))
    assert participants == {"CAN", "CHL", "CRI", "ECU", "GTM", "HND", "MEX", "NIC", "PAN", "PRY", "PER"}
    outline = meeting.agenda_outline()
    assert [(i.number, i.title[:20]) for i in outline] == [
        ("1", "Opening remarks"),
        ("2", "Substantive preparat"),
        ("", "Update on logistical"),
        ("", "Next steps and closi"),
    ]
    assert [(i.number, i.title[:20]) for i in outline[1].sub_items] == [
        ("2 (a)", "Update on submission"),
        ("2 (b)", "Preliminary exchange"),
        ("", "Announcement of the "),
        ("2 (c)", "Preliminary exchange"),
    ]
    # The logistics announced there are on the 3RC's record.
    third = meeting.prepares
    assert third.delegation_size == "unlimited"
    assert (third.front_row_seats, third.back_row_seats) == (2, 2)
    assert third.overflow_area and third.field_visit


def test_every_intervention_by_peru_panama_canada_and_mexico_with_topics():
    call_command("load_ccm_data")
    spoken = Intervention.objects.by_delegations().filter(meeting__slug=AMERICAS)
    assert sorted((i.delegation.iso3, i.agenda_item.number) for i in spoken) == [
        ("CAN", "2 (a)"),
        ("CAN", "2 (b)"),
        ("MEX", "2 (a)"),
        ("PAN", "2 (a)"),
        ("PER", "2 (a)"),
    ]
    topics = {
        iso3: set(
            Position.objects.filter(intervention__delegation__iso3=iso3).values_list("topic__slug", flat=True)
        )
        for iso3 in ["PER", "PAN", "CAN", "MEX"]
    }
    assert topics["PER"] == {"review-process", "stockpile-destruction"}
    assert "gender-and-diversity" in topics["PAN"] and "universalization" in topics["PAN"]
    assert {"gender-and-diversity", "victim-assistance", "civil-society", "funding-and-resources"} <= topics[
        "CAN"
    ]
    assert {"gender-and-diversity", "treaty-integrity", "humanitarian-consequences"} <= topics["MEX"]
    # Nobody but the Presidency spoke under the Political Declaration item.
    declaration = AgendaItem.objects.get(meeting__slug=AMERICAS, number="2 (c)")
    assert not declaration.interventions.by_delegations().exists()
    assert declaration.interventions.filter(role=Intervention.Role.CHAIR).count() == 1
    # The Presidency's statements under every item of the agenda but the heading of item 2.
    chair_items = set(
        Intervention.objects.filter(role=Intervention.Role.CHAIR).values_list("agenda_item__title", flat=True)
    )
    assert len(chair_items) == 7


def test_load_twice_changes_nothing(capsys):
    call_command("load_ccm_data")
    first = _snapshot()
    call_command("load_ccm_data")
    assert _snapshot() == first
    out = capsys.readouterr().out
    assert "meetings of the seeds: 6 unchanged" in out
    assert "interventions: 13 unchanged" in out


def test_load_keeps_what_staff_edited(staff):
    call_command("load_ccm_data")
    meeting = Meeting.objects.get(slug=AMERICAS)
    meeting.room = "Room XVIII"
    meeting._history_user = staff
    meeting.save()
    said = Intervention.objects.get(delegation__iso3="PER")
    said.summary = "Edited by the ISU."
    said._history_user = staff
    said.save()
    call_command("load_ccm_data")
    meeting.refresh_from_db()
    said.refresh_from_db()
    assert meeting.room == "Room XVIII"
    assert said.summary == "Edited by the ISU."
