"""The Convention's reporting and destruction deadlines, derived from a State's dates.

Pure functions of dates and records passed in: no query, nothing stored. The rules:

- Article 7(1): the initial report is due 180 days after entry into force for the State.
- Article 7(2): each year, by 30 April, an update covering the last calendar year. A State owes
  the update for a calendar year in which it was a State Party, once its initial report fell due
  before that 30 April (a State whose initial report is due after 30 April first reports on the
  following year), and not once its withdrawal took effect.
- Article 3(2): stockpiles destroyed within eight years of entry into force; Article 4(1): remnants
  cleared within ten years of entry into force or, for remnants that appear later, of the end of
  active hostilities. Article 3(3) and 4(5): a Meeting of States Parties or a Review Conference
  may grant an extension; from its decision on, the deadline is the one granted.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from meetings.treaty import CONVENTION_ENTRY_INTO_FORCE, add_months

INITIAL_REPORT_DAYS = 180  # Article 7(1)
ANNUAL_DUE_MONTH, ANNUAL_DUE_DAY = 4, 30  # Article 7(2)
ARTICLE_3_YEARS = 8  # Article 3(2)
ARTICLE_4_YEARS = 10  # Article 4(1)
MANDATE_YEARS = 2  # the President's mandate: two consecutive years without a report
FIRST_REPORTING_YEAR = CONVENTION_ENTRY_INTO_FORCE.year


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)


def initial_report_due(entry_into_force: date) -> date:
    return entry_into_force + timedelta(days=INITIAL_REPORT_DAYS)


def annual_report_due(year: int) -> date:
    """The due date of the annual report covering calendar year ``year``."""
    return date(year + 1, ANNUAL_DUE_MONTH, ANNUAL_DUE_DAY)


def owes_annual_report(
    year: int, *, entry_into_force: date, withdrawal_effective: date | None = None
) -> bool:
    due = annual_report_due(year)
    if withdrawal_effective and withdrawal_effective <= due:
        return False
    return entry_into_force <= date(year, 12, 31) and initial_report_due(entry_into_force) < due


def owes_initial_report(*, entry_into_force: date, withdrawal_effective: date | None = None) -> bool:
    return not (withdrawal_effective and withdrawal_effective <= initial_report_due(entry_into_force))


def years_due_by(day: date) -> list[int]:
    """The calendar years whose annual reports were due before ``day`` (overdue from 1 May)."""
    last = day.year - 1 if day > annual_report_due(day.year - 1) else day.year - 2
    return list(range(FIRST_REPORTING_YEAR, last + 1))


def is_overdue(due: date, received_on: date | None, day: date) -> bool:
    """Whether a report due on ``due`` is overdue on ``day``: the day is past and nothing was
    received by then (a report received later was still overdue on that day)."""
    return due < day and (received_on is None or received_on > day)


def reporting_rate(received: int, obliged: int) -> float | None:
    return received / obliged if obliged else None


@dataclass(frozen=True)
class Grant:
    """An extension granted: in force from the close of the meeting that decided it."""

    decided_on: date
    new_deadline: date
    reference: str = ""


@dataclass(frozen=True)
class Deadline:
    """A deadline on a date: the original one, and the one in force after the extensions decided by then."""

    original: date
    current: date
    extensions: list[Grant] = field(default_factory=list)

    @property
    def extended(self) -> bool:
        return bool(self.extensions)

    def passed_on(self, day: date) -> bool:
        return self.current < day


def _with_extensions(original: date, grants: list[Grant], day: date) -> Deadline:
    decided = sorted((g for g in grants if g.decided_on <= day), key=lambda g: g.decided_on)
    current = decided[-1].new_deadline if decided else original
    return Deadline(original=original, current=current, extensions=decided)


def article3_deadline(entry_into_force: date, grants: list[Grant], day: date) -> Deadline:
    return _with_extensions(add_years(entry_into_force, ARTICLE_3_YEARS), grants, day)


def article4_deadline(
    entry_into_force: date, grants: list[Grant], day: date, *, hostilities_ended_on: date | None = None
) -> Deadline:
    original = add_years(entry_into_force, ARTICLE_4_YEARS)
    if hostilities_ended_on and hostilities_ended_on > entry_into_force:
        original = add_years(hostilities_ended_on, ARTICLE_4_YEARS)
    return _with_extensions(original, grants, day)


def mandate_years(day: date) -> list[int]:
    """The two latest calendar years whose annual reports were due before ``day``."""
    return years_due_by(day)[-MANDATE_YEARS:]


def missed_both(received_years: set[int], owed_years: list[int], day: date) -> list[int]:
    """The mandate's years missed: both latest years due, when both were owed and neither
    received by ``day`` (empty otherwise)."""
    years = mandate_years(day)
    if len(years) < MANDATE_YEARS or any(y not in owed_years for y in years):
        return []
    return years if not any(y in received_years for y in years) else []
