"""Every list of the API as ?format=csv: exactly the filtered rows (all of them, not a page),
read back with the csv module."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import Document
from meetings.models import Meeting
from tests.conftest import make_state

pytestmark = pytest.mark.django_db


def _rows(client, address: str) -> list[dict]:
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def _documents(count: int, **fields) -> None:
    Document.objects.bulk_create(
        Document(
            symbol=f"CCM/MSP/2026/WP.{n}",
            slug=f"wp-{n}",
            title=f"Paper {n}",
            kind=fields.get("kind", Document.Kind.WORKING_PAPER),
            date=date(2026, 1, 1),
            status=Document.Status.PUBLISHED,
        )
        for n in range(1, count + 1)
    )


def test_documents_csv_has_every_filtered_row(client):
    _documents(120)
    Document.objects.create(
        symbol="CCM/MSP/2026/1", slug="report", title="A report", kind="report", status="published"
    )
    Document.objects.create(
        symbol="CCM/MSP/2026/2", slug="draft", title="A draft", kind="report", status="draft"
    )
    rows = _rows(client, "/api/v1/documents/?format=csv&kind=working_paper")
    assert len(rows) == 120  # beyond a page of 50
    assert {row["kind"] for row in rows} == {"working_paper"}
    assert rows[0]["url"].startswith("http://testserver/api/v1/documents/CCM/MSP/2026/WP.")
    everything = _rows(client, "/api/v1/documents/?format=csv")
    assert "A report" in [row["title"] for row in everything]
    assert "A draft" not in [row["title"] for row in everything]


def test_csv_streams_in_a_fixed_number_of_queries_per_chunk(client):
    _documents(30)
    with CaptureQueriesContext(connection) as ctx:
        rows = _rows(client, "/api/v1/documents/?format=csv")
    assert len(rows) == 30
    assert len(ctx.captured_queries) <= 3  # documents with meeting and item, their versions


def test_csv_cells_never_start_a_formula(client):
    Document.objects.create(slug="formula", title='=HYPERLINK("http://x")', status="published")
    row = _rows(client, "/api/v1/documents/?format=csv")[0]
    assert row["title"] == '\'=HYPERLINK("http://x")'


def test_delegations_and_meetings_csv(client):
    make_state(
        name="Lithuania",
        iso3="LTU",
        deposited=True,
        deposit_date=date(2011, 3, 24),
        withdrawal_effective_date=date(2025, 3, 6),
    )
    make_state(name="Mexico", iso3="MEX", deposited=True, deposit_date=date(2009, 5, 6))
    rows = _rows(client, "/api/v1/delegations/?format=csv&on=2025-06-01")
    assert [(r["iso3"], r["status"], r["region.slug"]) for r in rows] == [
        ("LTU", "withdrawn", "americas"),
        ("MEX", "state_party", "americas"),
    ]
    Meeting.objects.create(
        kind="msp", code="14MSP", title="Fourteenth Meeting", slug="14msp", start_date=date(2026, 9, 1)
    )
    Meeting.objects.create(kind="retreat", title="A retreat", slug="retreat", start_date=date(2026, 5, 1))
    rows = _rows(client, "/api/v1/meetings/?format=csv&kind=msp")
    assert [(r["slug"], r["start_date"]) for r in rows] == [("14msp", "2026-09-01")]


def test_csv_in_french(client):
    Meeting.objects.create(
        kind="msp", code="14MSP", title="Fourteenth Meeting", title_fr="Quatorzième Assemblée", slug="14msp"
    )
    rows = _rows(client, "/api/v1/meetings/?format=csv&lang=fr")
    assert rows[0]["title"] == "Quatorzième Assemblée"


def test_documents_xlsx_has_every_filtered_row(client):
    from openpyxl import load_workbook

    _documents(60)
    Document.objects.create(
        symbol="CCM/MSP/2026/2", slug="draft", title="A draft", kind="report", status="draft"
    )
    response = client.get("/api/v1/documents/?format=xlsx&kind=working_paper")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert 'filename="ccm-documents.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:3] == ["symbol", "slug", "title"]
    assert len(rows) == 61
    assert {row[3] for row in rows[1:]} == {"working_paper"}
