"""The Convention's own dates and rules, used to derive a State's status on any date."""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

OPENED_FOR_SIGNATURE = date(2008, 12, 3)
# The thirtieth instrument was deposited on 16 February 2010 (Article 17(1)).
THIRTIETH_DEPOSIT = date(2010, 2, 16)
CONVENTION_ENTRY_INTO_FORCE = date(2010, 8, 1)
WITHDRAWAL_NOTICE_MONTHS = 6  # Article 20(2)


class TreatyStatus(models.TextChoices):
    STATE_PARTY = "state_party", _("State Party")
    SIGNATORY = "signatory", _("Signatory")
    NOT_PARTY = "not_party", _("State not party")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    UNKNOWN = "unknown", _("Not recorded")


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    # Clamp to the end of shorter months (31 August + 6 months -> 28/29 February).
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)


def entry_into_force_for_deposit(deposit: date) -> date:
    """Article 17: a deposit by the thirtieth instrument takes effect with the Convention
    (1 August 2010); a later one on the first day of the sixth month after the month of deposit."""
    if deposit <= THIRTIETH_DEPOSIT:
        return CONVENTION_ENTRY_INTO_FORCE
    first_of_month = deposit.replace(day=1)
    return add_months(first_of_month, 6)
