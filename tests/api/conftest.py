from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture(scope="module")
def _ccm_data_for_module(django_db_setup, django_db_blocker):
    """The reference data, loaded once for a whole test module (as tests/machinery does); each
    test runs in its own transaction, rolled back after it; the module's end empties the tables."""
    with django_db_blocker.unblock():
        call_command("load_ccm_data", stdout=StringIO())
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def ccm_data(_ccm_data_for_module, db):
    """The project's reference data, as `load_ccm_data` loads it."""
