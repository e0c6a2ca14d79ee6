"""The demonstration set of the embedded default: every page filled, clearly marked, and
the "Done when" of the issue on 1 May 2026."""

import io
import re
from datetime import date

import pytest
from django.core.management import call_command

from reporting import demo
from reporting.models import Article7Report
from reporting.status import mandate_list, reporting_on

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).replace("&#x27;", "'")


def test_demonstration_is_refused_when_debug_is_off(ccm_data, settings):
    settings.DEBUG = False
    demo.create()
    assert not Article7Report.objects.exists()


def test_demonstration_on_1_may_2026(ccm_data, settings, client):
    settings.DEBUG = True
    demo.create()
    demo.create()  # a second run adds nothing
    assert Article7Report.objects.filter(state__iso3="IRQ", year=2025).count() == 1
    assert not Article7Report.objects.exclude(source_note=demo.DEMO_NOTE).exists()

    r = reporting_on(date(2026, 5, 1))
    missing_2025 = [row.state.iso3 for row in r.overdue_annual if 2025 in row.years]
    assert "LAO" in missing_2025 and "IRQ" not in missing_2025 and len(missing_2025) > 3
    assert 0 < r.rates[-1].received < r.rates[-1].obliged

    listed = [row.state.iso3 for row in mandate_list(date(2026, 5, 1))]
    assert "LAO" in listed and "IRQ" not in listed

    response = client.get("/reporting/?on=2026-05-01")
    text = _text(response)
    assert "Demonstration data." in text
    table = response.content.decode().split('id="overdue-annual"')[1].split("</table>")[0]
    assert "/delegations/LAO/" in table and "/delegations/IRQ/" not in table
    assert "Granted · DEMO/MSP/2024/1, paragraph 1" in text
    html = response.content.decode()
    bars = dict(re.findall(r'data-year="(\d+)" data-percent="(\d*)"', html.split("</svg>")[0]))
    assert bars["2025"] == str(r.rates[-1].percent)
    # The table gives the same figures as the chart, year by year.
    rate_table = html.split('id="rate-table"')[1].split("</table>")[0]
    rows = dict(
        re.findall(r'<tr data-year="(\d+)">.*?<td class="num"[^>]*>(\d+)%</td></tr>', rate_table, re.S)
    )
    assert rows == {year: percent for year, percent in bars.items() if percent} and len(rows) == len(r.rates)

    iraq = _text(client.get("/delegations/IRQ/"))
    assert "Demonstration data." in iraq and "Article 4: clearance Deadline:" in iraq


def test_demo_accounts_command_creates_the_reporting_demonstration(ccm_data, settings):
    settings.DEBUG = True
    call_command("create_demo_accounts", stdout=io.StringIO())
    assert Article7Report.objects.filter(source_note=demo.DEMO_NOTE).count() > 100
    pdf = Article7Report.objects.get(versions__language="en").versions.get()
    assert pdf.file.read(5) == b"%PDF-"
