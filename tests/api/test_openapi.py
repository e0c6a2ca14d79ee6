"""The API's description validates as OpenAPI 3.1, and its documentation page works under the
Content Security Policy (no script at all)."""

import re

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.validation import OpenAPIV31SpecValidator

pytestmark = pytest.mark.django_db


def test_openapi_description_is_valid_openapi_3_1(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["openapi"].startswith("3.1")
    validate(spec, cls=OpenAPIV31SpecValidator)
    paths = set(spec["paths"])
    assert {
        "/api/v1/documents/",
        "/api/v1/documents/{key}",
        "/api/v1/meetings/",
        "/api/v1/meetings/{slug}",
        "/api/v1/delegations/",
        "/api/v1/delegations/{key}",
        "/api/v1/machinery",
        "/api/v1/topics/",
        "/api/v1/topics/{slug}",
    } <= paths
    documents = spec["paths"]["/api/v1/documents/"]["get"]
    assert {"q", "kind", "meeting", "year", "language", "changed_since", "page", "page_size", "lang"} <= {
        p["name"] for p in documents["parameters"]
    }
    assert set(documents["responses"]) >= {"200", "400"}
    assert set(documents["responses"]["200"]["content"]) == {
        "application/json",
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }


def test_docs_page_lists_every_operation_without_script(client):
    response = client.get("/api/v1/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "GET /api/v1/documents/{key}" in html
    assert "GET /api/v1/machinery" in html
    assert "changed_since" in html
    assert 'href="/api/v1/openapi.json"' in html
    assert not re.search(r"<script", html)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"].split("script-src")[1].split(";")[0]


def test_docs_page_in_french(client):
    html = client.get("/api/v1/docs/?lang=fr").content.decode()
    assert '<html lang="fr">' in html
    assert "API de données ouvertes" in html
