import pytest
from django.core.management import call_command

from consultations.models import Intervention

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
