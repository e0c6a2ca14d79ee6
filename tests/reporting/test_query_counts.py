"""Reporting's list pages with one and with many rows: the number of queries is fixed."""

import re
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reporting.models import ExtensionRequest, ReportVersion, Retention
from tests.conftest import one_page_pdf

from .conftest import annual, clearance, extension, initial, make_meeting, party, stockpile

pytestmark = pytest.mark.django_db


def _get(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _world(rows: int):
    msp = make_meeting("12MSP", date(2024, 9, 10), date(2024, 9, 13))
    states = []
    for i in range(rows):
        state = party(f"State {i}", f"S{i:02d}", date(2011, 3, 1))
        initial(state, date(2011, 8, 1))
        for year in range(2011, 2024):
            report = annual(state, year)
        version = ReportVersion(report=report, language="en")
        version.file.save("r.pdf", ContentFile(one_page_pdf()), save=False)
        version.save()
        clearance(state)
        stockpile(state)
        Retention.objects.create(state=state, year=2024, submunitions=10 + i)
        extension(
            state, 4, deciding_meeting=msp, decision=ExtensionRequest.Decision.GRANTED,
            decision_symbol=f"CCM/MSP/2024/{i + 1}", decision_paragraph="27", new_deadline=date(2026, 3, 1),
        )  # fmt: skip
        extension(state, 3, submitted_on=date(2025, 2, 1))
        states.append(state)
    return states


@pytest.mark.parametrize("rows", [1, 4])
def test_overview_query_count_does_not_grow(client, rows):
    _world(rows)
    queries, text = _get(client, "/reporting/?on=2026-05-01")
    assert f"State {rows - 1} 2025" in text and f"CCM/MSP/2024/{rows}, paragraph 27" in text
    # States; reports received; extension requests; analysis groups; Article 3 and 4 obligations
    assert queries == 6


@pytest.mark.parametrize("rows", [1, 4])
def test_mandate_query_count_does_not_grow(client, staff, rows):
    _world(rows)
    client.force_login(staff)
    queries, text = _get(client, "/reporting/mandate/?on=2026-05-01")
    assert f"State {rows - 1} Article 3: stockpile destruction; Article 4: clearance; Article 3(6)" in text
    # the session and the user; States; Article 3 and 4 obligations; retentions; reports
    # received (years, then last dates)
    assert queries == 8


@pytest.mark.parametrize("rows", [1, 6])
def test_state_page_query_count_does_not_grow_with_reports(client, rows):
    state = _world(1)[0]
    for year in range(2024, 2024 + rows - 1):
        annual(state, year, received_on=date(2026, 6, 1))
    queries, text = _get(client, f"/delegations/{state.iso3}/")
    assert "Annual reports (Article 7(2))" in text and "PDF (English)" in text
    # the page's own 7, then reporting's: reports and their versions, extension requests and
    # the analysis groups, Article 3, Article 4, retentions
    assert queries == 14


def _count(client, method: str, url: str, **kwargs) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, method)(url, **kwargs)
    assert response.status_code == 200, response.content.decode()[:2000]
    return len(ctx.captured_queries), response


@pytest.mark.parametrize("rows", [1, 4])
def test_mandate_csv_query_count_does_not_grow(client, staff, rows):
    _world(rows)
    client.force_login(staff)
    queries, response = _count(client, "get", "/reporting/mandate.csv?on=2026-05-01")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == rows + 1 and lines[-1].startswith(f"State {rows - 1},S{rows - 1:02d},")
    assert queries == 8  # as the page: the session and the user, then the list's six


@pytest.mark.parametrize("rows", [1, 5])
def test_import_preview_query_count_does_not_grow(client, staff, rows):
    from django.core.files.uploadedfile import SimpleUploadedFile

    states = _world(rows)
    client.force_login(staff)
    body = "state,report,year,received_on,received_by,source\n" + "".join(
        f"{state.iso3},annual,2024,2025-04-28,un,ISU inbox\n" for state in states
    )
    upload = SimpleUploadedFile("reports.csv", body.encode(), content_type="text/csv")
    queries, response = _count(client, "post", "/reporting/import/", data={"file": upload})
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    assert f"{rows} report" in text and f"State {rows - 1}" in text
    # the session and the user; the States named; the reports already recorded
    assert queries == 4


@pytest.mark.parametrize("rows", [1, 5])
def test_reminders_admin_list_query_count_does_not_grow(client, staff, rows):
    from reporting.models import Reminder

    for state in _world(rows):
        Reminder.objects.create(state=state, year=2025, kind=Reminder.Kind.DUE, recipients="fp@example.org")
    client.force_login(staff)
    queries, response = _count(client, "get", "/admin/reporting/reminder/")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    assert f"State {rows - 1}" in text and "Annual report due (focal points)" in text
    # the same with one reminder or five (the States come with the rows)
    assert queries == 8
