"""The office holders on a date as CSV and XLSX (/machinery/?on=...&format=...), over the
reference data: read back with the csv module and openpyxl."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

pytestmark = pytest.mark.usefixtures("ccm_data")


def _csv(client, address: str) -> list[list[str]]:
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="ccm-office-holders-2026-03-15.csv"' in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_page_offers_the_office_holders_of_its_date(client):
    html = client.get("/machinery/?on=2026-03-15").content.decode()
    assert 'href="/machinery/?on=2026-03-15&amp;format=csv"' in html
    assert 'href="/machinery/?on=2026-03-15&amp;format=xlsx"' in html


def test_office_holders_on_15_march_2026_as_csv(client):
    rows = _csv(client, "/machinery/?on=2026-03-15&format=csv")
    assert rows[0] == ["Date", "Role", "Delegation", "ISO code", "For", "Note", "Address"]
    assert rows[1][:4] == ["2026-03-15", "President", "Lao PDR", "LAO"]
    assert rows[1][6] == "http://testserver/delegations/LAO/"
    coordinators = [row for row in rows[1:] if row[1] == "Coordinator"]
    assert len(coordinators) == 15
    assert len({row[4] for row in coordinators}) == 9  # the nine working groups


def test_office_holders_in_french_as_xlsx(client):
    response = client.get("/fr/machinery/?on=2026-03-15&format=xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    assert rows[0][:3] == ["Date", "Rôle", "Délégation"]
    assert rows[1][0].date() == date(2026, 3, 15)
    assert rows[1][1] == "Président(e)"
    assert sum(1 for row in rows[1:] if row[1] == "Coordonnateur") == 15


def test_a_bad_date_is_the_page_with_its_message_not_a_file(client):
    response = client.get("/machinery/?on=2026-13-45&format=csv")
    assert response.status_code == 400
    assert "This is not a date" in response.content.decode()


def test_export_costs_what_the_page_costs(client):
    with CaptureQueriesContext(connection) as page:
        client.get("/machinery/?on=2026-03-15")
    with CaptureQueriesContext(connection) as export:
        _csv(client, "/machinery/?on=2026-03-15&format=csv")
    assert len(export.captured_queries) <= len(page.captured_queries)
