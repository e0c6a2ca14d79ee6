"""The seating plan for a meeting whose drawn State is Peru: States Parties from Peru in English
alphabetical order, wrapping around, then signatories, States not party and organisations; two
front and two back seats per delegation; the page with its SVG drawing, the PDF read back; the
name plates."""

import io

import pytest
from pypdf import PdfReader

from meetings.models import Delegation
from registration.models import DelegationRegistration, SeatingLayout
from registration.seating import seating_plan
from tests.documents.conftest import pdf_text

from .conftest import make_registration, not_party, organisation, signatory, state_party, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(period, mexico, chile):
    peru = state_party("Peru", "PER")
    delegations = [
        mexico,
        chile,
        peru,
        state_party("Zambia", "ZMB"),
        state_party("Afghanistan", "AFG"),
        state_party("Austria", "AUT"),
        signatory("Indonesia", "IDN"),
        not_party("United States of America", "USA"),
        organisation("Cluster Munition Coalition", "cmc"),
        organisation("International Committee of the Red Cross", "icrc"),
        organisation("United Nations Development Programme", "un"),
    ]
    for delegation in delegations:
        make_registration(period, delegation)
    return peru


def test_peru_first_then_alphabetical_wrapping_then_signatories_observers_organisations(period, registered):
    layout = SeatingLayout.objects.create(meeting=period.meeting, first_state=registered, seats_per_row=8)
    places = seating_plan(layout)
    assert [p.delegation.name for p in places] == [
        "Peru",
        "Zambia",
        "Afghanistan",
        "Austria",
        "Chile",
        "Mexico",
        "Indonesia",
        "United States of America",
        "United Nations Development Programme",
        "International Committee of the Red Cross",
        "Cluster Munition Coalition",
    ]
    assert [p.group for p in places][5:8] == ["party", "signatory", "observer"]
    # Two front seats and two back seats each; four delegations to a row of eight seats.
    assert all(len(p.front_seats) == 2 and len(p.back_seats) == 2 for p in places)
    assert (places[0].front_row, places[0].back_row, places[0].front_seats) == (1, 2, [1, 2])
    assert (places[3].front_row, places[3].front_seats) == (1, [7, 8])
    assert (places[4].front_row, places[4].back_row, places[4].front_seats) == (3, 4, [1, 2])


def test_meeting_logistics_give_the_seats(period, registered):
    period.meeting.front_row_seats = 1
    period.meeting.back_row_seats = 3
    period.meeting.save()
    layout = SeatingLayout.objects.create(meeting=period.meeting, first_state=registered)
    place = seating_plan(layout)[0]
    assert (place.front_seats, place.back_seats) == ([1], [1, 2, 3])


def test_rejected_and_withdrawn_registrations_are_not_seated(period, registered, mexico):
    from registration.models import DelegationRegistration

    DelegationRegistration.objects.filter(delegation=mexico).update(state="withdrawn")
    layout = SeatingLayout.objects.create(meeting=period.meeting, first_state=registered)
    assert "Mexico" not in [p.delegation.name for p in seating_plan(layout)]


def test_seating_page_records_the_draw_and_shows_the_plan(client, staff, period, registered):
    client.force_login(staff)
    url = "/meetings/demo-msp/registration/isu/seating/"
    response = client.post(url, {"first_state": registered.pk, "seats_per_row": 3})
    assert response.status_code == 400  # fewer than four seats in a row
    assert "Ensure this value is greater than or equal to 4." in text_of(response)
    response = client.post(url, {"first_state": registered.pk, "seats_per_row": 16})
    assert response.status_code == 302
    layout = SeatingLayout.objects.get(meeting=period.meeting)
    assert layout.first_state == registered
    assert layout.history.first().history_user == staff
    page = client.get(url).content.decode()
    assert "<svg" in page and 'role="img"' in page and ">Peru</text>" in page
    table = text_of(client.get(url)).split("Seating order")[1]
    assert table.index("Peru") < table.index("Zambia") < table.index("Afghanistan") < table.index("Indonesia")


def test_seating_plan_pdf_reads_back_in_the_seating_order(client, staff, period, registered):
    SeatingLayout.objects.create(meeting=period.meeting, first_state=registered, seats_per_row=8)
    client.force_login(staff)
    response = client.get("/meetings/demo-msp/registration/isu/seating.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Drawn by lot: Peru. Each delegation has 2 seats in front and 2 behind." in text
    table = text.split("Front row Back row Seats")[1]
    order = [
        "1 Peru 1 2 1, 2",
        "2 Zambia 1 2 3, 4",
        "3 Afghanistan",
        "4 Austria 1 2 7, 8",
        "5 Chile 3 4 1, 2",
        "6 Mexico",
        "7 Indonesia",
        "8 United States of America",
        "9 United Nations Development Programme",
        "10 International Committee of the Red Cross",
        "11 Cluster Munition Coalition",
    ]
    positions = [table.index(row) for row in order]
    assert positions == sorted(positions), table


def test_name_plates_one_tent_card_per_approved_delegation_in_the_portals_languages(
    client, staff, period, registered, mexico, chile
):
    Delegation.objects.filter(pk=mexico.pk).update(name_fr="Mexique", name_es="México")
    DelegationRegistration.objects.filter(delegation__in=[mexico, chile]).update(state="approved")
    SeatingLayout.objects.create(meeting=period.meeting, first_state=registered)
    client.force_login(staff)
    response = client.get("/meetings/demo-msp/registration/isu/name-plates.pdf")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2  # Chile and Mexico: the others are pending
    first, second = (page.extract_text() for page in reader.pages)
    assert "Chile" in first and "Mexico" not in first
    assert second.count("Mexico") == 2 and second.count("Mexique") == 2 and second.count("México") == 2
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert width > height  # A4 landscape, folded along the middle
