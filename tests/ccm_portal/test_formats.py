"""Dates, times and percentages as each language writes them (issue 13: "20 février 2026,
10 h 00", "24 %", "20 de febrero de 2026"), from the named formats of ccm_portal/formats/."""

import re
from datetime import date, datetime
from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command
from django.template import engines
from django.utils import translation

from meetings.models import Meeting


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return engines["django"].from_string(source).render(context)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "20 February 2026 · 20 February 2026, 10:00 · 24% · 3.5%"),
        ("fr", "20 février 2026 · 20 février 2026, 10 h 00 · 24\u202f% · 3,5\u202f%"),
        ("es", "20 de febrero de 2026 · 20 de febrero de 2026, 10:00 · 24\u00a0% · 3,5\u00a0%"),
    ],
)
def test_dates_times_and_percentages_in_each_language(language, expected):
    shown = render(
        '{{ d|date:"DATE_FORMAT" }} · {{ t|date:"DATETIME_FORMAT" }} · {{ 24.4|percent }} · {{ 3.46|percent:1 }}',
        language,
        d=date(2026, 2, 20),
        t=datetime(2026, 2, 20, 10, 0),
    )
    assert shown == expected


@pytest.mark.parametrize(
    ("language", "same_month", "two_months"),
    [
        ("en", "9–12 November 2010", "28 November – 2 December 2026"),
        ("fr", "9–12 novembre 2010", "28 novembre – 2 décembre 2026"),
        ("es", "9–12 de noviembre de 2010", "28 de noviembre – 2 de diciembre de 2026"),
    ],
)
def test_a_meetings_dates_read_in_each_language(language, same_month, two_months):
    with translation.override(language):
        assert Meeting._range_display(date(2010, 11, 9), date(2010, 11, 12)) == same_month
        assert Meeting._range_display(date(2026, 11, 28), date(2026, 12, 2)) == two_months


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "dates", "share"),
    [
        ("", "9–12 November 2010", r"\d+%"),
        ("/fr", "9–12 novembre 2010", "\\d+\u202f%"),
        ("/es", "9–12 de noviembre de 2010", "\\d+\u00a0%"),
    ],
)
def test_pages_show_dates_and_shares_in_their_language(client, prefix, dates, share):
    call_command("load_ccm_data", stdout=StringIO())
    meeting = unescape(client.get(f"{prefix}/meetings/1msp/").content.decode())
    assert dates in meeting
    delegations = unescape(client.get(f"{prefix}/delegations/").content.decode())
    assert re.search(rf">{share}<", delegations)
