"""A delegation's page: its treaty record and meetings (meetings), what it said (consultations)
and the offices it has held (machinery)."""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


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


def test_delegation_detail_shows_mexico_with_dates_and_sources(client):
    call_command("load_ccm_data")
    response = client.get("/delegations/MEX/")
    text = _text(response)
    assert "Mexico" in text and "State Party" in text
    assert "Entry into force 1 August 2010" in text
    assert "https://clusterconvention.org/states-parties/" in text
    assert client.get("/delegations/mex/").status_code == 200


def test_delegation_detail_of_an_organisation_by_slug(client):
    call_command("load_ccm_data")
    text = _text(client.get("/delegations/icrc/"))
    assert "International Committee of the Red Cross" in text


def test_delegation_detail_unknown_is_404(client, db):
    assert client.get("/delegations/XXX/").status_code == 404


def test_delegation_page_lists_offices_held(client):
    call_command("load_ccm_data", verbosity=0)
    text = _text(client.get("/delegations/LAO/"))
    assert "Offices held Presidency of the 1MSP" in text
    assert "Presidency of the 3RC (from the close of the 13MSP (19 September 2025)" in text
    japan = _text(client.get("/delegations/JPN/"))
    assert "Victim Assistance" in japan


def test_delegation_page_lists_its_meetings_and_interventions(client):
    call_command("load_ccm_data")
    text = _text(client.get("/delegations/PAN/"))
    _in_order(
        text,
        "Meetings attended",
        "Informal regional consultation with the Americas Group",
        "Interventions",
        "item 2 (a)",
        "Panama welcomed the consultative approach",
    )
    canada = _text(client.get("/delegations/CAN/"))
    assert "Canada valued the open, structured process" in canada
    assert "Canada again asked that gender mainstreaming" in canada
    lao = _text(client.get("/delegations/LAO/"))
    assert "as the Presidency" in lao
