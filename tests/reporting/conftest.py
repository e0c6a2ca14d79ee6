from datetime import date

from reporting.models import Article3Obligation, Article4Obligation, Article7Report, ExtensionRequest
from tests.conftest import make_state
from tests.machinery.conftest import _ccm_data_for_module, ccm_data, make_meeting  # noqa: F401 - fixtures

__all__ = ["annual", "initial", "make_meeting", "make_state", "party"]


def party(name: str, iso3: str, eif: date, **fields):
    """A State Party whose entry into force is ``eif``."""
    return make_state(name=name, iso3=iso3, deposited=True, entry_into_force_date=eif, **fields)


def annual(state, year: int, received_on: date | None = None, **fields) -> Article7Report:
    return Article7Report.objects.create(
        state=state,
        kind=Article7Report.Kind.ANNUAL,
        year=year,
        received_on=received_on or date(year + 1, 4, 15),
        **fields,
    )


def initial(state, received_on: date) -> Article7Report:
    return Article7Report.objects.create(
        state=state, kind=Article7Report.Kind.INITIAL, received_on=received_on
    )


def clearance(state, **fields) -> Article4Obligation:
    return Article4Obligation.objects.create(state=state, **fields)


def stockpile(state, **fields) -> Article3Obligation:
    return Article3Obligation.objects.create(state=state, **fields)


def extension(state, article: int, **fields) -> ExtensionRequest:
    fields.setdefault("submitted_on", date(2024, 3, 1))
    fields.setdefault("period_months", 24)
    return ExtensionRequest.objects.create(state=state, article=article, **fields)
