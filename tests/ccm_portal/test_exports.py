"""CSV and XLSX of the public list pages (ccm_portal/lib/exports.py): every row the page's filters
select (not one page), read back with the csv module and openpyxl, the header in the page's
language, and a number of queries that does not grow with the rows."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from consultations.models import Intervention, Position, Topic
from documents import services
from documents.models import Document
from meetings.models import Delegation, Meeting
from tests.conftest import make_state

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def read_csv(client, address: str) -> list[list[str]]:
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response.streaming
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def read_xlsx(client, address: str) -> list[list]:
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert ".xlsx" in response["Content-Disposition"]
    assert response.streaming
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def _documents(count: int, *, kind: str = Document.Kind.WORKING_PAPER, start: int = 1) -> None:
    Document.objects.bulk_create(
        Document(
            symbol=f"CCM/MSP/2026/WP.{n}",
            slug=f"wp-{n}",
            title=f"Paper {n}",
            kind=kind,
            date=date(2026, 1, 1),
            status=Document.Status.PUBLISHED,
        )
        for n in range(start, start + count)
    )


def test_documents_page_offers_its_filtered_list(client):
    html = client.get("/documents/?kind=report&page=1").content.decode()
    assert 'href="/documents/?kind=report&amp;format=csv"' in html
    assert 'href="/documents/?kind=report&amp;format=xlsx"' in html


def test_documents_csv_has_every_filtered_row_not_one_page(client):
    _documents(60)
    Document.objects.create(
        symbol="CCM/MSP/2026/1", slug="report", title="A report", kind="report", status="published"
    )
    Document.objects.create(
        symbol="CCM/MSP/2026/2", slug="draft", title="A draft", kind="report", status="draft"
    )
    rows = read_csv(client, "/documents/?kind=working_paper&format=csv")
    assert rows[0] == [
        "Symbol",
        "Title",
        "Kind",
        "Meeting",
        "Agenda item",
        "Date",
        "Language versions",
        "Address",
    ]
    assert len(rows) == 61  # the header and 60 papers: more than a page of 50
    assert {row[2] for row in rows[1:]} == {"Working paper"}
    assert rows[1][7].startswith("http://testserver/documents/CCM/MSP/2026/WP.")
    reports = read_csv(client, "/documents/?kind=report&format=csv")
    assert [row[1] for row in reports[1:]] == ["A report"]  # never the draft


def test_documents_xlsx_has_the_filtered_rows(client):
    _documents(3)
    Document.objects.create(
        symbol="CCM/MSP/2026/1", slug="report", title="A report", kind="report", status="published"
    )
    rows = read_xlsx(client, "/documents/?kind=working_paper&format=xlsx")
    assert rows[0][:3] == ["Symbol", "Title", "Kind"]
    assert sorted(row[0] for row in rows[1:]) == [
        "CCM/MSP/2026/WP.1",
        "CCM/MSP/2026/WP.2",
        "CCM/MSP/2026/WP.3",
    ]
    assert rows[1][5].date() == date(2026, 1, 1)  # a date cell, not text


def test_documents_search_exports_its_matches(client):
    _documents(2)
    services.refresh_index(
        Document.objects.create(slug="landmines", title="Landmines and more", status="published")
    )  # the search vector, on PostgreSQL
    rows = read_csv(client, "/documents/?q=landmines&format=csv")
    assert [row[1] for row in rows[1:]] == ["Landmines and more"]
    # An exact symbol exports that document instead of going to its page.
    rows = read_csv(client, "/documents/?q=CCM/MSP/2026/WP.2&format=csv")
    assert [row[0] for row in rows[1:]] == ["CCM/MSP/2026/WP.2"]


def test_export_header_in_french(client):
    _documents(1)
    rows = read_csv(client, "/fr/documents/?format=csv")
    assert rows[0][:3] == ["Cote", "Titre", "Type"]
    assert rows[1][2] == "Document de travail"
    rows = read_xlsx(client, "/fr/documents/?format=xlsx")
    assert rows[0][:3] == ["Cote", "Titre", "Type"]


def test_cells_never_start_a_formula(client):
    Document.objects.create(slug="formula", title='=HYPERLINK("http://x")', status="published")
    assert read_csv(client, "/documents/?format=csv")[1][1] == '\'=HYPERLINK("http://x")'
    assert read_xlsx(client, "/documents/?format=xlsx")[1][1] == '\'=HYPERLINK("http://x")'


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_documents_export_queries_are_constant_in_rows(client, fmt):
    def queries(count: int) -> int:
        Document.objects.all().delete()
        _documents(count)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"/documents/?format={fmt}")
            b"".join(response.streaming_content)
        return len(ctx.captured_queries)

    assert queries(1) == queries(3)
    assert queries(3) <= 6


def _meetings() -> None:
    Meeting.objects.create(
        kind="msp", code="13MSP", title="Thirteenth Meeting", slug="13msp", start_date=date(2025, 9, 1)
    )
    Meeting.objects.create(
        kind="msp", code="20MSP", title="Twentieth Meeting", slug="20msp", start_date=date(2032, 9, 1)
    )
    Meeting.objects.create(kind="retreat", title="A retreat", slug="retreat", start_date=date(2026, 5, 1))


def test_meetings_export_both_lists_filtered(client):
    _meetings()
    html = client.get("/meetings/?kind=msp").content.decode()
    assert 'href="/meetings/?kind=msp&amp;format=xlsx"' in html
    rows = read_csv(client, "/meetings/?kind=msp&format=csv")
    assert rows[0][:3] == ["Meeting", "Code", "Kind"]
    assert [(row[1], row[4]) for row in rows[1:]] == [("20MSP", "2032-09-01"), ("13MSP", "2025-09-01")]
    rows = read_xlsx(client, "/es/meetings/?kind=msp&format=xlsx")
    assert rows[0][:3] == ["Reunión", "Código", "Tipo"]
    assert [row[1] for row in rows[1:]] == ["20MSP", "13MSP"]


def test_meetings_export_queries_are_constant_in_rows(client):
    Meeting.objects.create(kind="msp", code="1MSP", title="First", slug="1msp", start_date=date(2010, 11, 9))
    with CaptureQueriesContext(connection) as one:
        read_csv(client, "/meetings/?format=csv")
    _meetings()
    with CaptureQueriesContext(connection) as four:
        assert len(read_csv(client, "/meetings/?format=csv")) == 5
    assert len(one.captured_queries) == len(four.captured_queries)


def _delegations() -> None:
    make_state(
        name="Lithuania",
        iso3="LTU",
        deposited=True,
        deposit_date=date(2011, 3, 24),
        withdrawal_effective_date=date(2025, 3, 6),
    )
    make_state(name="Mexico", iso3="MEX", deposited=True, deposit_date=date(2009, 5, 6))
    make_state(name="Canada", iso3="CAN", signed=True, signature_date=date(2008, 12, 3))


def test_delegations_export_as_the_page_lists_them(client):
    _delegations()
    Delegation.objects.create(
        kind=Delegation.Kind.ORGANISATION, name="Cluster Munition Coalition", slug="cmc"
    )
    assert "format=csv" in client.get("/delegations/").content.decode()
    rows = read_csv(client, "/delegations/?format=csv")
    assert rows[0] == ["Name", "ISO code", "Region", "Status today", "Address"]
    assert [row[:4] for row in rows[1:4]] == [
        ["Mexico", "MEX", "Americas", "State Party"],
        ["Canada", "CAN", "Americas", "Signatory"],
        ["Lithuania", "LTU", "Americas", "Withdrawn"],
    ]
    assert rows[4][0] == "Cluster Munition Coalition"
    assert rows[1][4] == "http://testserver/delegations/MEX/"
    french = read_xlsx(client, "/fr/delegations/?format=xlsx")
    assert french[0][:4] == ["Nom", "Code ISO", "Région", "Statut à ce jour"]
    assert french[1][3] == "État partie"


def test_delegations_export_queries_are_constant_in_rows(client):
    make_state(name="Mexico", iso3="MEX", deposited=True, deposit_date=date(2009, 5, 6))
    with CaptureQueriesContext(connection) as one:
        read_csv(client, "/delegations/?format=csv")
    make_state(name="Chile", iso3="CHL", deposited=True, deposit_date=date(2010, 12, 16))
    make_state(name="Norway", iso3="NOR", deposited=True, deposit_date=date(2008, 12, 3))
    with CaptureQueriesContext(connection) as three:
        assert len(read_csv(client, "/delegations/?format=csv")) == 4
    assert len(one.captured_queries) == len(three.captured_queries)


def _positions() -> Topic:
    mexico = make_state(name="Mexico", iso3="MEX")
    chile = make_state(name="Chile", iso3="CHL")
    meeting = Meeting.objects.create(
        kind="msp", code="14MSP", title="Fourteenth Meeting", slug="14msp", start_date=date(2026, 9, 1)
    )
    universal = Topic.objects.create(name="Universalization", slug="universalization", order=1)
    clearance = Topic.objects.create(name="Clearance", slug="clearance", order=2)
    for state, text in ((mexico, "More States should join."), (chile, "Outreach in the region.")):
        intervention = Intervention.objects.create(meeting=meeting, delegation=state, summary=text)
        Position.objects.create(intervention=intervention, topic=universal)
    chile_again = Intervention.objects.create(meeting=meeting, delegation=chile, summary="Said", order=2)
    Position.objects.create(intervention=chile_again, topic=clearance, statement="=Clear it all")
    return universal


def test_positions_by_topic_export(client):
    _positions()
    assert "format=xlsx" in client.get("/consultations/").content.decode()
    rows = read_csv(client, "/consultations/?format=csv")
    assert rows[0][:4] == ["Topic", "Region", "Delegation", "Position"]
    assert [row[:4] for row in rows[1:]] == [
        ["Universalization", "Americas", "Chile", "Outreach in the region."],
        ["Universalization", "Americas", "Mexico", "More States should join."],
        ["Clearance", "Americas", "Chile", "'=Clear it all"],
    ]
    one_topic = read_xlsx(client, "/consultations/topics/universalization/?format=xlsx")
    assert [row[2] for row in one_topic[1:]] == ["Chile", "Mexico"]
    assert read_csv(client, "/fr/consultations/?format=csv")[0][:3] == ["Thème", "Région", "Délégation"]


def test_positions_export_queries_are_constant_in_rows(client):
    topic = _positions()
    with CaptureQueriesContext(connection) as three:
        assert len(read_csv(client, "/consultations/?format=csv")) == 4
    meeting = Meeting.objects.get(slug="14msp")
    for name, iso3 in (("Norway", "NOR"), ("Peru", "PER"), ("Ghana", "GHA")):
        state = make_state(name=name, iso3=iso3)
        intervention = Intervention.objects.create(meeting=meeting, delegation=state, summary="Yes")
        Position.objects.create(intervention=intervention, topic=topic)
    with CaptureQueriesContext(connection) as six:
        assert len(read_csv(client, "/consultations/?format=csv")) == 7
    assert len(three.captured_queries) == len(six.captured_queries)


def test_an_unknown_format_shows_the_page(client):
    html = client.get("/documents/?format=pdf").content.decode()
    assert "<h1>Documents</h1>" in html
