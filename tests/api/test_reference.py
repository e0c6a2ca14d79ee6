"""The API over the reference data (load_ccm_data): the examples of issue 14's "Done when"."""

from datetime import timedelta

import pytest
from django.utils import timezone

from documents.models import Document
from meetings.models import Delegation

pytestmark = pytest.mark.usefixtures("ccm_data")


def test_document_by_symbol_with_its_slashes(client):
    response = client.get("/api/v1/documents/CCM/CONF/2021/6")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = response.json()
    assert data["symbol"] == "CCM/CONF/2021/6"
    assert data["title"] == "[Final report of the Second Review Conference]"
    assert data["kind"] == "report"
    assert data["meeting"]["slug"] == "2rc"
    assert data["url"] == "http://testserver/api/v1/documents/CCM/CONF/2021/6"
    assert data["html_url"] == "http://testserver/documents/CCM/CONF/2021/6/"
    # Cited by the working paper of the First Preparatory Meeting (which has no symbol yet).
    assert [d["slug"] for d in data["cited_by"]] == ["1pm-3rc-machinery-coordination-committee-president"]
    assert data["versions"] == []  # the portal holds no PDF of it


def test_document_by_slug_and_with_a_trailing_slash(client):
    slug = "1pm-3rc-machinery-coordination-committee-president"
    data = client.get(f"/api/v1/documents/{slug}").json()
    assert data["symbol"] is None
    assert data["kind"] == "working_paper"
    assert "CCM/CONF/2021/6" in [c["symbol"] for c in data["cites"]]
    assert client.get("/api/v1/documents/CCM/CONF/2021/6/").json()["symbol"] == "CCM/CONF/2021/6"


def test_document_symbol_in_another_spelling_is_found(client):
    assert client.get("/api/v1/documents/ccm/conf/2021/6").json()["symbol"] == "CCM/CONF/2021/6"


def test_changed_since_returns_only_what_changed_after(client):
    before = client.get("/api/v1/documents/").json()["count"]
    assert before >= 2
    cutoff = timezone.now() + timedelta(seconds=1)
    document = Document.objects.get(symbol="CCM/CONF/2021/6")
    Document.objects.filter(pk=document.pk).update(updated_at=cutoff + timedelta(seconds=5))
    since = cutoff.isoformat().replace("+00:00", "Z")
    data = client.get("/api/v1/documents/", {"changed_since": since}).json()
    assert data["count"] == 1
    assert [d["symbol"] for d in data["results"]] == ["CCM/CONF/2021/6"]
    assert client.get("/api/v1/documents/", {"changed_since": "2999-01-01"}).json()["count"] == 0


def test_lithuania_withdrawn_on_2025_06_01(client):
    data = client.get("/api/v1/delegations/LTU?on=2025-06-01").json()
    assert data["name"] == "Lithuania"
    assert data["status"] == "withdrawn"
    assert data["status_on"] == "2025-06-01"
    assert data["treaty"]["withdrawal_effective_date"] == "2025-03-06"
    assert data["status_history"][-1] == {"start": "2025-03-06", "end": None, "status": "withdrawn"}
    assert client.get("/api/v1/delegations/ltu?on=2024-12-01").json()["status"] == "state_party"


def test_delegations_filtered_by_status_on_a_date(client):
    data = client.get("/api/v1/delegations/", {"status": "withdrawn", "on": "2025-06-01"}).json()
    assert [d["iso3"] for d in data["results"]] == ["LTU"]
    organisations = client.get("/api/v1/delegations/", {"kind": "organisation"}).json()
    assert organisations["count"] == Delegation.objects.organisations().count()
    assert all(d["status"] is None for d in organisations["results"])


def test_delegations_changed_since(client):
    lithuania = Delegation.objects.get(iso3="LTU")
    later = timezone.now() + timedelta(minutes=1)
    Delegation.objects.filter(pk=lithuania.pk).update(last_modified=later)
    data = client.get(
        "/api/v1/delegations/", {"changed_since": (later - timedelta(seconds=1)).isoformat()}
    ).json()
    assert [d["iso3"] for d in data["results"]] == ["LTU"]


def test_machinery_on_2026_03_15(client):
    data = client.get("/api/v1/machinery?on=2026-03-15").json()
    assert data["presidency"]["president"]["state"]["name"] == "Lao PDR"
    assert data["presidency"]["president"]["meeting"] == "3RC"
    assert data["presidency"]["outgoing_president"]["state"]["name"] == "Philippines"
    groups = data["working_groups"]
    assert len(groups) == 9
    coordinators = [c for g in groups for c in g["coordinators"]]
    assert len(coordinators) == 15
    assert {c["source"]["paragraph"].split()[0] for c in coordinators} == {"11"}
    assert "working paper" in coordinators[0]["source"]["note"].lower()
    names = {c["state"]["name"] for c in coordinators}
    assert {"Austria", "Norway", "Mexico", "Japan", "Burkina Faso"} <= names
    committee_roles = [m["role"] for m in data["coordination_committee"]]
    assert committee_roles.count("Coordinator") == 15
    assert "Presidency of the 14MSP: no candidate announced." in data["vacancies"]
    composition = next(m for m in data["mandates"] if m["kind"] == "composition")
    assert composition["source"] == {
        "symbol": "CCM/CONF/2021/6",
        "paragraph": "84 (iii) (a)",
        "note": composition["source"]["note"],
    }


def test_machinery_in_french(client):
    data = client.get("/api/v1/machinery?on=2026-03-15&lang=fr").json()
    assert "Présidence" in data["coordination_committee"][0]["detail"]


def test_meeting_in_french(client):
    data = client.get("/api/v1/meetings/2rc?lang=fr").json()
    assert data["title"] == "Deuxième Conférence d'examen"
    assert data["html_url"] == "http://testserver/fr/meetings/2rc/"
    assert data["time_zone"] == "Europe/Zurich"
    assert "CCM/CONF/2021/6" in [d["symbol"] for d in data["other_documents"]]


def test_meetings_filtered_by_several_kinds(client):
    data = client.get("/api/v1/meetings/", {"kind": "msp,review_conference", "page_size": 200}).json()
    kinds = {m["kind"] for m in data["results"]}
    assert kinds == {"msp", "review_conference"}
    assert "2rc" in [m["slug"] for m in data["results"]]
    assert "1msp" in [m["slug"] for m in data["results"]]


def test_topic_positions(client):
    topics = client.get("/api/v1/topics/").json()
    assert "universalization" in [t["slug"] for t in topics["results"]]
    data = client.get("/api/v1/topics/universalization").json()
    panama = next(p for p in data["positions"] if p["delegation"]["iso3"] == "PAN")
    assert panama["region"] == "Americas"
    assert "goodwill ambassador" in panama["statement"]
