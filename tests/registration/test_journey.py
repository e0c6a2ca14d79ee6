"""The demonstration (make run): the demo focal point of Mexico registers for the demonstration
meeting with a note verbale and sees it pending; the demo ISU account approves it and seats it."""

import pytest
from django.core.management import call_command

from accounts.models import User
from meetings.models import Meeting
from registration.models import DelegationRegistration, RegistrationPeriod

from .conftest import head_data, pdf_upload, text_of

pytestmark = pytest.mark.django_db

URL = "/meetings/demonstration-meeting/registration/"


@pytest.fixture
def demo(settings):
    call_command("load_ccm_data")
    settings.DEBUG = True
    call_command("create_demo_accounts")
    return RegistrationPeriod.objects.get(meeting__slug="demonstration-meeting")


def test_demo_focal_point_registers_and_demo_isu_approves(client, demo):
    assert "not a Convention meeting" in demo.meeting.title
    response = client.post("/accounts/login/", {"login": "delegate@example.org", "password": "ccm-demo"})
    assert response.status_code == 302
    assert "Note verbale (PDF)" in text_of(client.get(URL))
    response = client.post(URL, {**head_data(), "letter": pdf_upload()})
    assert response.status_code == 302
    page = text_of(client.get(URL))
    assert "Mexico" in page and "Pending" in page and "Alejandra Ruiz" in page

    client.force_login(User.objects.get(email="isu@example.org"))
    registration = DelegationRegistration.objects.get(meeting=demo.meeting, delegation__iso3="MEX")
    assert "Pending" in text_of(client.get(f"{URL}isu/"))
    client.post(f"{URL}isu/decide/", {"decision": "approve", "registrations": [registration.pk]})
    registration.refresh_from_db()
    assert registration.state == "approved"
    seating = text_of(client.get(f"{URL}isu/seating/"))
    assert "Drawn by lot: Peru" in seating and "Mexico" in seating.split("Seating order")[1]


def test_demo_runs_twice_without_duplicates(demo):
    call_command("create_demo_accounts")
    assert Meeting.objects.filter(slug="demonstration-meeting").count() == 1
    assert RegistrationPeriod.objects.count() == 1


def test_demo_is_refused_without_debug(settings, db):
    from registration import demo

    settings.DEBUG = False
    demo.create()
    assert not Meeting.objects.filter(slug="demonstration-meeting").exists()


def test_meeting_page_links_to_its_registration(client, period):
    page = client.get("/meetings/demo-msp/").content.decode()
    assert 'href="/meetings/demo-msp/registration/"' in page
    assert "Registration of delegations" in page
