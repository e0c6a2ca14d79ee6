import re

import pytest

from machinery.models import CoordinatorMandate, Presidency, WorkingGroup
from meetings.models import Delegation, Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.parametrize(
    "url, expected",
    [
        ("/admin/machinery/workinggroup/", "Risk education"),
        ("/admin/machinery/coordinatormandate/", "until the end of the 14MSP"),
        ("/admin/machinery/presidency/", "Philippines"),
        ("/admin/machinery/mandate/", "Gender focal points"),
        ("/admin/machinery/analysisgroup/", "Article 4"),
        ("/admin/machinery/presidencybody/", "Technical Group"),
        ("/admin/machinery/successionreport/", "mid-March 2026"),
        ("/admin/machinery/reportedfigure/", "43"),
        ("/admin/machinery/candidacy/", "0 candidacies"),
    ],
)
def test_admin_lists(staff_client, ccm_data, url, expected):
    assert expected in _text(staff_client.get(url))


def test_admin_refuses_a_second_presidency_for_a_meeting(staff_client, ccm_data):
    meeting = Meeting.objects.get(code="3RC")
    response = staff_client.post(
        "/admin/machinery/presidency/add/",
        {"meeting": meeting.pk, "state": Delegation.objects.get(iso3="MEX").pk, "president_name": "Someone"},
    )
    assert response.status_code == 200
    assert "This meeting already has a Presidency." in _text(response)
    assert Presidency.objects.get(meeting=meeting).state.iso3 == "LAO"


def _mandate_form(**fields):
    data = {
        "start_precision": "day",
        "acceptance": "",
        "notes": "",
        "source_symbol": "",
        "source_paragraph": "",
        "source_note": "",
    }
    data.update(fields)
    return data


def test_admin_refuses_a_term_ending_before_it_starts(staff_client, ccm_data):
    before = CoordinatorMandate.objects.count()
    response = staff_client.post(
        "/admin/machinery/coordinatormandate/add/",
        _mandate_form(
            state=Delegation.objects.get(iso3="CHL").pk,
            working_group=WorkingGroup.objects.get(slug="clearance").pk,
            start_meeting=Meeting.objects.get(code="13MSP").pk,
            end_meeting=Meeting.objects.get(code="12MSP").pk,
        ),
    )
    assert response.status_code == 200
    assert "The term cannot end before it starts." in _text(response)
    assert CoordinatorMandate.objects.count() == before


def test_admin_warns_when_the_treaty_record_is_incomplete(staff_client, ccm_data):
    # Lebanon's entry into force is not dated in the reference data.
    response = staff_client.post(
        "/admin/machinery/coordinatormandate/add/",
        _mandate_form(
            state=Delegation.objects.get(iso3="LBN").pk,
            working_group=WorkingGroup.objects.get(slug="clearance").pk,
            start_meeting=Meeting.objects.get(code="13MSP").pk,
            end_meeting=Meeting.objects.get(code="14MSP").pk,
        ),
        follow=True,
    )
    assert "does not show whether it was a State Party" in _text(response)
    assert CoordinatorMandate.objects.filter(state__iso3="LBN", working_group__slug="clearance").exists()


def test_admin_blocks_a_state_not_party(staff_client, ccm_data):
    response = staff_client.post(
        "/admin/machinery/coordinatormandate/add/",
        _mandate_form(
            state=Delegation.objects.get(iso3="USA").pk,
            working_group=WorkingGroup.objects.get(slug="clearance").pk,
            start_date="2026-01-10",
        ),
    )
    assert "was not a State Party at the start of the term" in _text(response)
    assert not CoordinatorMandate.objects.filter(state__iso3="USA").exists()
