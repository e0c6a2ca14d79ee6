"""Reporting on a date, from the records (reporting/status.py)."""

from datetime import date

import pytest
from django.contrib.auth.models import Group, Permission

from accounts.reference_data import ISU_STAFF_GROUP
from ccm_portal.lib.refdata import Tally
from reporting import reference_data
from reporting.models import ExtensionRequest, Retention
from reporting.status import mandate_list, reporting_on, state_reporting

from .conftest import annual, clearance, extension, initial, make_meeting, party, stockpile

pytestmark = pytest.mark.django_db

MAY_2026 = date(2026, 5, 1)


def _fill(state, years, **fields):
    for year in years:
        annual(state, year, **fields)


def test_reports_not_received_for_2025_are_overdue_on_1_may_2026():
    early = party("Early State", "EAR", date(2010, 8, 1))
    late = party("Late State", "LAT", date(2010, 8, 1))
    initial(early, date(2011, 1, 10))
    initial(late, date(2011, 1, 10))
    _fill(early, range(2010, 2026))
    _fill(late, range(2010, 2025))
    on_30_april = reporting_on(date(2026, 4, 30))
    assert on_30_april.overdue_annual == []
    on_1_may = reporting_on(MAY_2026)
    assert [(r.state.iso3, r.years) for r in on_1_may.overdue_annual] == [("LAT", [2025])]
    rate_2025 = on_1_may.rates[-1]
    assert (rate_2025.year, rate_2025.obliged, rate_2025.received, rate_2025.percent) == (2025, 2, 1, 50)
    assert on_1_may.rates[0].year == 2010 and on_1_may.rates[0].percent == 100


def test_report_received_after_the_date_is_still_overdue_on_that_date():
    state = party("Tardy State", "TAR", date(2010, 8, 1))
    initial(state, date(2011, 1, 10))
    _fill(state, range(2010, 2025))
    annual(state, 2025, received_on=date(2026, 6, 10))
    assert [r.years for r in reporting_on(MAY_2026).overdue_annual] == [[2025]]
    assert reporting_on(date(2026, 6, 10)).overdue_annual == []


def test_initial_report_overdue_after_180_days():
    state = party("New State", "NEW", date(2026, 3, 1))
    assert reporting_on(date(2026, 8, 28)).overdue_initial == []
    overdue = reporting_on(date(2026, 8, 29)).overdue_initial
    assert [(r.state.iso3, r.due) for r in overdue] == [("NEW", date(2026, 8, 28))]
    initial(state, date(2026, 9, 2))
    assert reporting_on(date(2026, 9, 2)).overdue_initial == []


def test_mandate_list_takes_obligations_and_two_missed_years():
    silent = party("Silent State", "SIL", date(2011, 3, 1))
    clearance(silent, declared_on=date(2012, 1, 1))
    _fill(silent, range(2011, 2024))
    reported = party("Reporting State", "REP", date(2011, 3, 1))
    clearance(reported, declared_on=date(2012, 1, 1))
    _fill(reported, range(2011, 2024))
    annual(reported, 2025)
    no_obligation = party("Clear State", "CLR", date(2011, 3, 1))
    retaining = party("Retaining State", "RET", date(2011, 3, 1))
    Retention.objects.create(state=retaining, year=2024, submunitions=200)
    completed = party("Completed State", "CMP", date(2011, 3, 1))
    stockpile(completed, completion_declared_on=date(2019, 6, 1))
    assert {no_obligation.iso3}  # a State Party with no obligation is never listed
    rows = mandate_list(MAY_2026)
    assert [(row.state.iso3, row.years) for row in rows] == [("RET", [2024, 2025]), ("SIL", [2024, 2025])]
    assert rows[1].reasons == ["article-4"]
    assert rows[1].last_report == date(2024, 4, 15)
    # The day before the 2025 reports fell due, the two latest years were 2023 and 2024.
    assert [row.state.iso3 for row in mandate_list(date(2026, 4, 30))] == ["RET"]


def test_an_extension_moves_the_deadline_from_the_decision_on():
    state = party("Clearing State", "CLE", date(2011, 3, 1))
    clearance(state)
    msp = make_meeting("12MSP", date(2024, 9, 10), date(2024, 9, 13))
    extension(
        state,
        4,
        deciding_meeting=msp,
        decision=ExtensionRequest.Decision.GRANTED,
        decision_symbol="CCM/MSP/2024/8",
        decision_paragraph="27",
        new_deadline=date(2026, 3, 1),
    )
    before = reporting_on(date(2024, 9, 12)).deadlines
    assert [(r.state.iso3, r.article, r.deadline.current) for r in before] == [("CLE", 4, date(2021, 3, 1))]
    after = reporting_on(date(2024, 9, 13)).deadlines[0].deadline
    assert after.current == date(2026, 3, 1)
    assert after.extensions[0].reference == "CCM/MSP/2024/8, paragraph 27"
    page = state_reporting(state, date(2025, 1, 1))
    assert page.article4[1].current == date(2026, 3, 1)


def test_state_reporting_lists_each_year_owed_with_its_report():
    state = party("Annual State", "ANN", date(2023, 8, 1))
    initial(state, date(2024, 1, 15))
    annual(state, 2024, received_on=date(2025, 4, 1))
    page = state_reporting(state, MAY_2026)
    assert page.initial_due == date(2024, 1, 28) and not page.initial_overdue
    assert [(row.year, row.overdue, bool(row.report)) for row in page.annual] == [
        (2025, True, False),
        (2024, False, True),
        (2023, True, False),
    ]


def test_isu_staff_group_created_before_reporting_is_given_its_permissions_once():
    group = Group.objects.create(name=ISU_STAFF_GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label="documents"))
    reference_data.load(Tally())
    assert group.permissions.filter(codename="change_extensionrequest").exists()
    group.permissions.remove(Permission.objects.get(codename="delete_article7report"))
    reference_data.load(Tally())
    assert not group.permissions.filter(codename="delete_article7report").exists()
