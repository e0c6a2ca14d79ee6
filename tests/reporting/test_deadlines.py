"""The treaty's due dates and deadlines, derived (reporting/deadlines.py): no database."""

from datetime import date

import pytest

from reporting import deadlines
from reporting.deadlines import Grant


@pytest.mark.parametrize(
    ("entry_into_force", "due"),
    [
        (date(2010, 8, 1), date(2011, 1, 28)),  # the Convention's own entry into force
        (date(2026, 3, 1), date(2026, 8, 28)),
        (date(2011, 9, 1), date(2012, 2, 28)),  # across 29 February 2012: 180 days still
        (date(2012, 1, 1), date(2012, 6, 29)),  # a leap year: 29 February counts
        (date(2013, 1, 1), date(2013, 6, 30)),  # a common year
    ],
)
def test_initial_report_due_180_days_after_entry_into_force(entry_into_force, due):
    assert deadlines.initial_report_due(entry_into_force) == due


def test_annual_report_due_30_april_for_previous_year():
    assert deadlines.annual_report_due(2025) == date(2026, 4, 30)


def test_years_due_by_counts_a_year_overdue_from_1_may():
    assert deadlines.years_due_by(date(2026, 4, 30))[-1] == 2024
    assert deadlines.years_due_by(date(2026, 5, 1))[-1] == 2025
    assert deadlines.years_due_by(date(2026, 5, 1))[0] == 2010
    assert deadlines.years_due_by(date(2010, 9, 1)) == []


def test_owes_annual_report_from_first_year_whose_initial_was_due_by_30_april():
    eif = date(2010, 8, 1)  # initial due 28 January 2011: reports on 2010 by 30 April 2011
    assert deadlines.owes_annual_report(2010, entry_into_force=eif)
    late = date(2025, 12, 1)  # initial due 30 May 2026, after 30 April 2026
    assert not deadlines.owes_annual_report(2025, entry_into_force=late)
    assert deadlines.owes_annual_report(2026, entry_into_force=late)
    assert not deadlines.owes_annual_report(2009, entry_into_force=eif)


def test_no_report_owed_once_withdrawal_took_effect():
    eif = date(2011, 3, 1)
    assert not deadlines.owes_annual_report(2024, entry_into_force=eif, withdrawal_effective=date(2025, 3, 1))
    assert deadlines.owes_annual_report(2023, entry_into_force=eif, withdrawal_effective=date(2025, 3, 1))


def test_overdue_on_a_date_and_received_later():
    due = date(2026, 4, 30)
    assert not deadlines.is_overdue(due, None, date(2026, 4, 30))
    assert deadlines.is_overdue(due, None, date(2026, 5, 1))
    # Received on 10 May: overdue on 1 May, no longer on 10 May.
    assert deadlines.is_overdue(due, date(2026, 5, 10), date(2026, 5, 1))
    assert not deadlines.is_overdue(due, date(2026, 5, 10), date(2026, 5, 10))


def test_reporting_rate():
    assert deadlines.reporting_rate(3, 4) == 0.75
    assert deadlines.reporting_rate(0, 0) is None


def test_article3_deadline_eight_years_then_extension_from_its_decision():
    eif = date(2012, 2, 29)
    grant = Grant(
        decided_on=date(2019, 9, 4), new_deadline=date(2024, 2, 28), reference="CCM/MSP/2019/13, paragraph 31"
    )
    before = deadlines.article3_deadline(eif, [grant], date(2019, 9, 3))
    assert before.original == date(2020, 2, 29)  # eight years on: a leap year again
    assert before.current == date(2020, 2, 29) and not before.extended
    after = deadlines.article3_deadline(eif, [grant], date(2019, 9, 4))
    assert after.current == date(2024, 2, 28) and after.extensions == [grant]


def test_article4_deadline_ten_years_or_from_end_of_hostilities():
    eif = date(2010, 8, 1)
    assert deadlines.article4_deadline(eif, [], date(2015, 1, 1)).current == date(2020, 8, 1)
    later = deadlines.article4_deadline(eif, [], date(2015, 1, 1), hostilities_ended_on=date(2014, 6, 30))
    assert later.original == date(2024, 6, 30)
    # 29 February, ten years on, falls in a common year: 28 February.
    assert deadlines.article4_deadline(date(2012, 2, 29), [], date(2015, 1, 1)).original == date(2022, 2, 28)


def test_article4_second_extension_replaces_the_first():
    eif = date(2010, 8, 1)
    first = Grant(decided_on=date(2019, 9, 4), new_deadline=date(2025, 8, 1))
    second = Grant(decided_on=date(2024, 9, 12), new_deadline=date(2030, 8, 1))
    assert deadlines.article4_deadline(eif, [second, first], date(2020, 1, 1)).current == date(2025, 8, 1)
    assert deadlines.article4_deadline(eif, [second, first], date(2024, 9, 12)).current == date(2030, 8, 1)


def test_mandate_needs_both_latest_years_missed():
    day = date(2026, 5, 1)
    owed = list(range(2011, 2026))
    assert deadlines.missed_both(set(), owed, day) == [2024, 2025]
    assert deadlines.missed_both({2025}, owed, day) == []
    assert deadlines.missed_both({2024}, owed, day) == []
    assert deadlines.missed_both(set(), [2025], day) == []  # 2024 was not owed: not two years
