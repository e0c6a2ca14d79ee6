import pytest
from django.core.management import call_command

from consultations.models import Intervention
from meetings.models import Meeting

pytestmark = pytest.mark.django_db


def test_staff_edit_interventions_and_topics_in_the_admin(client, staff):
    call_command("load_ccm_data")
    client.force_login(staff)
    said = Intervention.objects.get(delegation__iso3="MEX")
    html = client.get(f"/admin/consultations/intervention/{said.pk}/change/").content.decode()
    assert "Mexico welcomed the structure" in html and "Positions on topics" in html
    listing = client.get("/admin/consultations/intervention/?q=gender").content.decode()
    assert "Mexico" in listing and "Canada" in listing
    assert "Gender and diversity" in client.get("/admin/consultations/topic/").content.decode()


def test_staff_list_the_interventions_of_one_meeting(client, staff):
    call_command("load_ccm_data")
    client.force_login(staff)
    said = Intervention.objects.get(delegation__iso3="MEX")
    msp = Meeting.objects.get(code="13MSP")
    Intervention.objects.create(meeting=msp, delegation=said.delegation, summary="Mexico at the 13MSP")
    listing = client.get(f"/admin/consultations/intervention/?meeting__id__exact={said.meeting_id}")
    assert listing.status_code == 200
    shown = listing.context["cl"].result_list
    assert {i.meeting_id for i in shown} == {said.meeting_id}
    assert len(shown) == Intervention.objects.filter(meeting=said.meeting).count() == 13
    # The filter offers the meetings that have interventions, not every meeting.
    sidebar = listing.content.decode().split('id="changelist-filter"')[1].split("</nav>")[0]
    assert "By meeting" in sidebar
    assert said.meeting.title in sidebar and str(msp) in sidebar
    assert "Third Review Conference (3RC)" not in sidebar
