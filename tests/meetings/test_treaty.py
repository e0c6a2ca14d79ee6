from datetime import date

import pytest

from meetings.treaty import TreatyStatus, add_months, entry_into_force_for_deposit
from tests.conftest import make_state

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("deposit", "expected"),
    [
        (date(2008, 12, 3), date(2010, 8, 1)),  # among the first thirty instruments
        (date(2010, 2, 16), date(2010, 8, 1)),  # the thirtieth
        (date(2010, 2, 17), date(2010, 8, 1)),  # first of the sixth month after February
        (date(2011, 6, 27), date(2011, 12, 1)),  # Botswana
        (date(2017, 7, 10), date(2018, 1, 1)),  # Benin, across the year
        (date(2025, 9, 5), date(2026, 3, 1)),  # Vanuatu
    ],
)
def test_entry_into_force_follows_article_17(deposit, expected):
    assert entry_into_force_for_deposit(deposit) == expected


def test_add_months_clamps_to_month_end():
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert add_months(date(2025, 3, 6), -6) == date(2024, 9, 6)


def test_status_before_entry_into_force_is_signatory():
    canada = make_state(
        name="Canada",
        iso3="CAN",
        signed=True,
        signature_date=date(2008, 12, 3),
        deposited=True,
        deposit_date=date(2015, 3, 16),
    )
    assert canada.entry_into_force == date(2015, 9, 1)
    assert canada.status_on(date(2008, 12, 2)) == TreatyStatus.NOT_PARTY
    assert canada.status_on(date(2015, 8, 31)) == TreatyStatus.SIGNATORY
    assert canada.status_on(date(2015, 9, 1)) == TreatyStatus.STATE_PARTY


def test_lithuania_is_withdrawn_after_2025_03_06():
    lithuania = make_state(
        name="Lithuania",
        iso3="LTU",
        deposited=True,
        withdrawal_effective_date=date(2025, 3, 6),
        record_as_of=date(2026, 1, 1),
    )
    assert lithuania.status_on(date(2025, 3, 6)) == TreatyStatus.WITHDRAWN
    assert lithuania.status_on(date(2026, 1, 1)) == TreatyStatus.WITHDRAWN
    # A State notifies its withdrawal as a party, six months before it takes effect.
    assert lithuania.status_on(date(2025, 3, 5)) == TreatyStatus.STATE_PARTY
    assert lithuania.status_on(date(2024, 9, 6)) == TreatyStatus.STATE_PARTY
    # Before that no date is recorded: unknown, not a guess.
    assert lithuania.status_on(date(2020, 1, 1)) == TreatyStatus.UNKNOWN


def test_missing_dates_are_unknown_not_defaults():
    peru = make_state(name="Peru", iso3="PER", deposited=True, record_as_of=date(2026, 1, 1))
    assert peru.entry_into_force is None
    assert peru.status_on(date(2026, 2, 20)) == TreatyStatus.STATE_PARTY
    assert peru.status_on(date(2015, 1, 1)) == TreatyStatus.UNKNOWN


def test_signatory_with_undated_signature_is_signatory_once_signature_closed():
    haiti = make_state(name="Haiti", iso3="HTI", signed=True)
    assert haiti.status_on(date(2026, 1, 1)) == TreatyStatus.SIGNATORY
    assert haiti.status_on(date(2010, 8, 1)) == TreatyStatus.SIGNATORY
    assert haiti.status_on(date(2009, 6, 1)) == TreatyStatus.UNKNOWN


def test_state_not_party_and_accession_before_force():
    brazil = make_state(name="Brazil", iso3="BRA", signed=False)
    assert brazil.status_on(date(2026, 1, 1)) == TreatyStatus.NOT_PARTY
    vanuatu = make_state(
        name="Vanuatu", iso3="VUT", signed=False, deposited=True, deposit_date=date(2025, 9, 5)
    )
    assert vanuatu.status_on(date(2026, 2, 28)) == TreatyStatus.NOT_PARTY
    assert vanuatu.status_on(date(2026, 3, 1)) == TreatyStatus.STATE_PARTY


def test_status_history_lists_derived_periods():
    canada = make_state(
        name="Canada",
        iso3="CAN",
        signed=True,
        signature_date=date(2008, 12, 3),
        deposited=True,
        deposit_date=date(2015, 3, 16),
    )
    periods = [(p.start, p.end, p.status) for p in canada.status_history()]
    assert periods == [
        (None, date(2008, 12, 3), TreatyStatus.NOT_PARTY),
        (date(2008, 12, 3), date(2015, 9, 1), TreatyStatus.SIGNATORY),
        (date(2015, 9, 1), None, TreatyStatus.STATE_PARTY),
    ]
