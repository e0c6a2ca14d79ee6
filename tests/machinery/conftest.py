from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from meetings.models import Meeting


@pytest.fixture(scope="module")
def _ccm_data_for_module(django_db_setup, django_db_blocker):
    """The reference data, loaded once for a whole test module (loading takes seconds). Each test
    still runs in its own transaction, rolled back after it; the module's end empties the tables."""
    with django_db_blocker.unblock():
        call_command("load_ccm_data", stdout=StringIO())
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def ccm_data(_ccm_data_for_module, db):
    """The project's reference data, as `load_ccm_data` loads it (use only in modules where every
    test uses it: the data stay until the module ends)."""


def make_meeting(
    code: str, start: date | None, end: date | None = None, kind: str = "msp", **fields
) -> Meeting:
    return Meeting.objects.create(
        kind=kind,
        code=code,
        title=fields.pop("title", f"Meeting {code}"),
        slug=code.lower(),
        start_date=start,
        end_date=end,
        **fields,
    )


@pytest.fixture
def fresh_ccm_data(db):
    """The reference data loaded inside this test only (for tests of the loader itself)."""
    call_command("load_ccm_data")
