"""The open-data API's list of participants: exactly what the published list says (members who
consented by name, the others counted), in the reader's language; nothing before the ISU
publishes a list, and nothing approved since until it is issued again."""

import pytest

from registration.models import DelegationRegistration, Participant
from tests.documents.conftest import committed

from .conftest import make_registration, organisation, signatory

pytestmark = pytest.mark.django_db

ISSUE = "/meetings/demo-msp/registration/isu/participants/"
API = "/api/v1/meetings/demo-msp/participants"


@pytest.fixture
def approved(period, mexico, chile):
    registration = make_registration(period, mexico, state=DelegationRegistration.State.APPROVED)
    registration.participants.update(name="Alejandra Ruiz", title="H.E. Ms", consent_to_publish=True)
    Participant.objects.create(
        registration=registration,
        name="Hidden Person",
        role=Participant.Role.ADVISER,
        email="hidden@example.org",
    )
    make_registration(period, chile)  # pending: never in the list
    make_registration(period, signatory("Indonesia", "IDN"), state=DelegationRegistration.State.APPROVED)
    make_registration(
        period, organisation("Geneva Call", "other"), state=DelegationRegistration.State.APPROVED
    )
    return registration


def _issue(client, staff):
    client.force_login(staff)
    with committed():
        assert client.post(ISSUE, {"languages": ["en", "fr"]}).status_code == 302
    client.logout()


def test_no_list_is_served_before_the_isu_publishes_one(client, approved):
    response = client.get(API)
    assert response.status_code == 404
    assert "No list of participants" in response.json()["message"]
    assert "Alejandra" not in response.content.decode()


def test_the_published_list_names_only_those_who_consented(client, staff, approved):
    _issue(client, staff)
    data = client.get(API).json()
    assert data["document"]["symbol"] == "CCM/MSP/2099/INF.1"
    assert [group["key"] for group in data["groups"]] == ["party", "signatory", "other"]
    parties = data["groups"][0]
    assert parties["label"] == "States Parties"
    assert [d["iso3"] for d in parties["delegations"]] == ["MEX"]  # Chile is pending
    mexico = parties["delegations"][0]
    assert mexico["members"] == [
        {"name": "H.E. Ms Alejandra Ruiz", "role": "head", "role_label": "Head of delegation", "function": ""}
    ]
    assert mexico["other_members"] == 1
    body = client.get(API).content.decode()
    assert "Hidden Person" not in body and "hidden@example.org" not in body and "@" not in body


def test_the_labels_follow_the_language_asked(client, staff, approved):
    _issue(client, staff)
    data = client.get(API + "?lang=fr").json()
    assert data["groups"][0]["label"] == "États parties"
    assert data["groups"][0]["delegations"][0]["members"][0]["role_label"] == "Chef de délégation"


def test_a_registration_approved_after_the_list_waits_for_the_next_issue(client, staff, approved, chile):
    _issue(client, staff)
    DelegationRegistration.objects.filter(delegation=chile).update(
        state=DelegationRegistration.State.APPROVED
    )
    Participant.objects.filter(registration__delegation=chile).update(
        consent_to_publish=True, name="Carla Soto"
    )
    assert "Carla Soto" not in client.get(API).content.decode()
    _issue(client, staff)  # Rev.1
    data = client.get(API).json()
    assert data["document"]["symbol"] == "CCM/MSP/2099/INF.1/Rev.1"
    assert [d["iso3"] for d in data["groups"][0]["delegations"]] == ["CHL", "MEX"]
    assert "Carla Soto" in client.get(API).content.decode()


def test_the_list_is_read_in_a_constant_number_of_queries(
    client, staff, approved, django_assert_max_num_queries
):
    _issue(client, staff)
    with django_assert_max_num_queries(5):
        response = client.get(API)
    assert len(response.json()["groups"]) == 3
