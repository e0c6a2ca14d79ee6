"""The reporting pages: what they show, the chart and the table agreeing, bad dates, who may
see the ISU's list, the PDFs of reports and the State's page."""

import csv
import io
import re
from datetime import date

import pytest
from django.core.files.base import ContentFile

from accounts.models import User
from reporting.models import Article7Report, ExtensionRequest, ReportVersion
from tests.conftest import one_page_pdf

from .conftest import annual, clearance, extension, initial, make_meeting, party

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", body.replace("&#x27;", "'").replace("&quot;", '"'))


@pytest.fixture
def states():
    early = party("Early State", "EAR", date(2010, 8, 1))
    late = party("Late State", "LAT", date(2010, 8, 1))
    new = party("Newer State", "NEW", date(2026, 3, 1))
    for state in (early, late):
        initial(state, date(2011, 1, 10))
        for year in range(2010, 2025):
            annual(state, year)
    annual(early, 2025)
    return early, late, new


def test_overview_lists_2025_reports_not_received_on_1_may_2026(client, states):
    response = client.get("/reporting/?on=2026-05-01")
    assert response.status_code == 200
    text = _text(response)
    assert "On 1 May 2026" in text
    table = response.content.decode().split('id="overdue-annual"')[1].split("</table>")[0]
    assert "Late State" in table and "Early State" not in table and "2025" in table
    assert "No initial report is overdue." in text  # the newer State's is due on 28 August 2026
    on_30_april = _text(client.get("/reporting/?on=2026-04-30"))
    assert "No annual report is overdue." in on_30_april


def test_chart_and_table_agree(client, states):
    html = client.get("/reporting/?on=2026-05-01").content.decode()
    bars = dict(re.findall(r'data-year="(\d+)" data-percent="(\d*)"', html.split("</svg>")[0]))
    table = html.split('id="rate-table"')[1].split("</table>")[0]
    rows = dict(
        re.findall(
            r'<tr data-year="(\d+)">.*?class="num"[^>]*>(?:\d+)</td><td class="num"[^>]*>(?:\d+)</td>'
            r'<td class="num"[^>]*>(\d+)%',
            table,
            re.S,
        )
    )
    assert bars["2025"] == rows["2025"] == "50"
    assert bars["2010"] == rows["2010"] == "100"
    assert bars == rows and len(bars) == 16
    assert 'role="img"' in html and "Article 7 reporting rate by year" in html


def test_bad_date_gives_a_message_not_an_error(client):
    response = client.get("/reporting/?on=2026-13-45")
    assert response.status_code == 400
    assert "This is not a date. Give it as YYYY-MM-DD" in _text(response)
    assert 'value="2026-13-45"' in response.content.decode()


def test_extension_request_shows_decision_symbol_and_paragraph(client):
    state = party("Clearing State", "CLE", date(2011, 3, 1))
    clearance(state)
    msp = make_meeting("12MSP", date(2024, 9, 10), date(2024, 9, 13))
    extension(
        state, 4, deciding_meeting=msp, decision=ExtensionRequest.Decision.GRANTED,
        decision_symbol="CCM/MSP/2024/8", decision_paragraph="27", new_deadline=date(2026, 3, 1),
    )  # fmt: skip
    text = _text(client.get("/reporting/?on=2025-01-01"))
    assert "Granted · CCM/MSP/2024/8, paragraph 27" in text
    assert "new deadline: 1 March 2026" in text
    assert "1 March 2021 1 March 2026 extended by CCM/MSP/2024/8, paragraph 27 (13 September 2024)" in text
    before = _text(client.get("/reporting/?on=2024-09-12"))
    assert "1 March 2021 1 March 2021" in before


def test_state_page_shows_reports_with_pdf_and_deadlines(client, states):
    early = states[0]
    report = Article7Report.objects.get(state=early, year=2025)
    version = ReportVersion(report=report, language="fr")
    version.file.save("r.pdf", ContentFile(one_page_pdf()), save=False)
    version.save()
    clearance(early)
    text = _text(client.get("/delegations/EAR/"))
    assert "Article 7 reports and treaty deadlines" in text
    assert "due 28 January 2011 · received 10 January 2011" in text
    assert "Article 4: clearance Deadline: 1 August 2020" in text
    pdf = client.get(version.get_absolute_url())
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF-")
    assert version.get_absolute_url() in client.get("/delegations/EAR/").content.decode()
    assert client.get(f"/reporting/reports/{report.pk}/es.pdf").status_code == 404


@pytest.fixture
def mandate_states():
    silent = party("Silent State", "SIL", date(2011, 3, 1))
    reported = party("Reporting State", "REP", date(2011, 3, 1))
    for state in (silent, reported):
        clearance(state)
        for year in range(2011, 2024):
            annual(state, year)
    annual(reported, 2025)
    return silent, reported


def test_mandate_page_for_isu_only(client, staff, mandate_states):
    assert client.get("/reporting/mandate/").status_code == 302
    focal_point = User.objects.create_user(email="fp@example.org", password="x-pass-12345")
    client.force_login(focal_point)
    assert client.get("/reporting/mandate/?on=2026-05-01").status_code == 404
    assert client.get("/reporting/mandate.csv?on=2026-05-01").status_code == 404
    client.force_login(staff)
    text = _text(client.get("/reporting/mandate/?on=2026-05-01"))
    assert "Silent State Article 4: clearance 2024, 2025 15 April 2024" in text
    assert "Reporting State" not in text


def test_mandate_csv_export(client, staff, mandate_states):
    client.force_login(staff)
    response = client.get("/reporting/mandate.csv?on=2026-05-01")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "State"
    assert rows[1:] == [["Silent State", "SIL", "Article 4", "2024, 2025", "2024-04-15"]]
    bad = client.get("/reporting/mandate.csv?on=yesterday")
    assert bad.status_code == 400 and "This is not a date" in _text(bad)


def test_site_navigation_links_to_reporting(client):
    html = client.get("/reporting/").content.decode()
    assert '<a href="/reporting/" aria-current="page">Reporting</a>' in html
