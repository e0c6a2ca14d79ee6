"""HTTP as a program expects it: JSON errors naming the field, conditional requests, CORS, cache
headers, the rate limit, and nothing unpublished."""

import pytest

from documents.models import Document
from tests.conftest import make_state
from tests.documents.conftest import make_document, make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(db):
    meeting = make_meeting()
    return make_document(symbol="CCM/MSP/2026/WP.1", title="Options paper", meeting=meeting, publish=True)


def _error(response, status: int, field: str | None) -> str:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["status"] == status
    assert body["field"] == field
    assert body["message"]
    return body["message"]


@pytest.mark.parametrize(
    ("address", "field", "words"),
    [
        ("/api/v1/documents/?kind=working_paper,bogus", "kind", "bogus"),
        ("/api/v1/documents/?year=20x6", "year", "20x6"),
        ("/api/v1/documents/?language=xx", "language", "xx"),
        ("/api/v1/documents/?meeting=no-such-meeting", "meeting", "no-such-meeting"),
        ("/api/v1/documents/?changed_since=yesterday", "changed_since", "yesterday"),
        ("/api/v1/documents/?page_size=201", "page_size", "200"),
        ("/api/v1/documents/?page_size=ten", "page_size", "integer"),
        ("/api/v1/documents/?page=0", "page", "1"),
        ("/api/v1/documents/?lang=de", "lang", "de"),
        ("/api/v1/documents/CCM/NOPE", "symbol", "CCM/NOPE"),
        ("/api/v1/delegations/?on=2025-02-30", "on", "2025-02-30"),
        ("/api/v1/delegations/MEX?on=01/06/2025", "on", "01/06/2025"),
        ("/api/v1/delegations/?status=party", "status", "party"),
        ("/api/v1/delegations/?region=oceania", "region", "oceania"),
        ("/api/v1/meetings/?kind=summit", "kind", "summit"),
        ("/api/v1/meetings/?when=soon", "when", "soon"),
        ("/api/v1/machinery?on=tomorrow", "on", "tomorrow"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(client, published, address, field, words):
    assert words in _error(client.get(address), 400, field)


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/documents/CCM/MSP/2026/WP.9",
        "/api/v1/documents/no-such-document",
        "/api/v1/meetings/no-such-meeting",
        "/api/v1/delegations/XYZ",
        "/api/v1/topics/no-such-topic",
        "/api/v1/no-such-resource",
        "/api/v1/documents/?page=3",
    ],
)
def test_unknown_is_a_json_404(client, published, address):
    field = "page" if "page=" in address else ("path" if "resource" in address else None)
    _error(client.get(address), 404, field)


def test_post_is_a_json_405(client, published):
    response = client.post("/api/v1/documents/")
    assert "GET" in _error(response, 405, None)
    assert "GET" in response["Allow"]


def test_drafts_and_withdrawn_documents_never_appear(client, published):
    make_document(symbol="CCM/MSP/2026/WP.2", title="Secret draft", publish=False)
    withdrawn = make_document(symbol="CCM/MSP/2026/WP.3", title="Withdrawn paper", publish=True)
    Document.objects.filter(pk=withdrawn.pk).update(status=Document.Status.WITHDRAWN)
    listed = client.get("/api/v1/documents/?page_size=200").json()
    assert [d["symbol"] for d in listed["results"]] == ["CCM/MSP/2026/WP.1"]
    assert client.get("/api/v1/documents/CCM/MSP/2026/WP.2").status_code == 404
    assert client.get("/api/v1/documents/CCM/MSP/2026/WP.3").status_code == 404
    assert b"Secret draft" not in client.get("/api/v1/documents/?q=secret").content


def test_conditional_get_answers_304(client, published):
    first = client.get("/api/v1/documents/CCM/MSP/2026/WP.1")
    assert first.json()["title"] == "Options paper"
    assert first["ETag"]
    assert first["Last-Modified"]
    assert "public" in first["Cache-Control"]
    again = client.get("/api/v1/documents/CCM/MSP/2026/WP.1", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_a_change_gives_a_new_etag(client, published):
    first = client.get("/api/v1/documents/")
    published.title = "Options paper, revised"
    published.save()
    second = client.get("/api/v1/documents/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second.json()["results"][0]["title"] == "Options paper, revised"


def test_cors_for_any_origin(client, published):
    response = client.get("/api/v1/documents/", HTTP_ORIGIN="https://monitor.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.get("/api/v1/documents/?kind=bogus")["Access-Control-Allow-Origin"] == "*"


def test_rate_limit_per_client_address(client, published, settings):
    settings.API_RATE_LIMIT = "3/m"
    for page_size in (1, 2, 3):
        assert client.get(f"/api/v1/documents/?page_size={page_size}").status_code == 200
    refused = client.get("/api/v1/documents/?page_size=4")
    assert "Too many requests" in _error(refused, 429, None)
    assert int(refused["Retry-After"]) > 0
    other = client.get("/api/v1/documents/?page_size=5", REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 200


def test_pagination_links(client, db):
    meeting = make_meeting()
    for number in range(1, 6):
        make_document(
            symbol=f"CCM/MSP/2026/WP.{number}", title=f"Paper {number}", meeting=meeting, publish=True
        )
    first = client.get("/api/v1/documents/?kind=working_paper,report&page_size=2").json()
    assert first["count"] == 5
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/documents/?kind=working_paper,report&page_size=2&page=2"
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()
    assert third["next"] is None
    assert second["previous"].endswith("page=1")
    symbols = [d["symbol"] for page in (first, second, third) for d in page["results"]]
    assert sorted(symbols) == [f"CCM/MSP/2026/WP.{n}" for n in range(1, 6)]  # each once: stable order


def test_filters_take_several_values(client, db):
    meeting = make_meeting()
    make_document(symbol="CCM/MSP/2026/WP.1", title="A paper", meeting=meeting, publish=True)
    make_document(symbol="CCM/MSP/2026/1", title="A report", kind="report", meeting=meeting, publish=True)
    make_document(symbol="CCM/MSP/2026/INF.1", title="A note", kind="information", publish=True)
    data = client.get("/api/v1/documents/?kind=report,working_paper").json()
    assert sorted(d["title"] for d in data["results"]) == ["A paper", "A report"]
    assert client.get("/api/v1/documents/?meeting=14msp&kind=information").json()["count"] == 0


def test_delegation_by_slug_for_organisations(client, db):
    make_state(name="Mexico", iso3="MEX")
    from meetings.models import Delegation

    Delegation.objects.create(
        kind="organisation", name="International Committee of the Red Cross", slug="icrc", category="icrc"
    )
    data = client.get("/api/v1/delegations/icrc").json()
    assert data["kind"] == "organisation"
    assert data["treaty"] is None
    assert data["status"] is None
    assert client.get("/api/v1/delegations/mex").json()["iso3"] == "MEX"


def test_a_nul_character_is_a_400_naming_the_field(client):
    response = client.get("/api/v1/documents/?q=mine%00s")
    assert response.status_code == 400
    assert response.json()["field"] == "q"
    assert "NUL" in response.json()["message"]
