"""Derivations and validation on small hand-made records (no reference data)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from machinery.models import CoordinatorMandate, Presidency, WorkingGroup
from machinery.on_date import machinery_on
from tests.conftest import make_state

from .conftest import make_meeting

pytestmark = pytest.mark.django_db


def test_a_coordinator_must_be_a_state_party_at_the_start(db):
    region_state = make_state(name="Nowhere", iso3="NWH", signed=True, signature_date=date(2009, 1, 1))
    group = WorkingGroup.objects.create(
        name="Clearance", short_name="Clearance", slug="clearance", thematic_area="x"
    )
    mandate = CoordinatorMandate(state=region_state, working_group=group, start_date=date(2025, 1, 1))
    with pytest.raises(ValidationError) as error:
        mandate.full_clean()
    assert "was not a State Party at the start of the term (Signatory)" in str(error.value)
    # An incomplete treaty record only warns.
    unknown = make_state(name="Unrecorded", iso3="UNR", deposited=True)
    mandate = CoordinatorMandate(state=unknown, working_group=group, start_date=date(2025, 1, 1))
    mandate.full_clean()
    assert "does not show whether it was a State Party" in mandate.record_warnings()[0]
    party = make_state(name="Party", iso3="PTY", deposited=True, entry_into_force_date=date(2011, 1, 1))
    mandate = CoordinatorMandate(state=party, working_group=group, start_date=date(2025, 1, 1))
    mandate.full_clean()
    assert mandate.record_warnings() == []


def test_chain_built_from_minimal_records(db):
    """Without the reference data: a meeting known only to the month leaves the close uncertain."""
    a = make_state(name="Aland", iso3="AAA", deposited=True, entry_into_force_date=date(2011, 1, 1))
    b = make_state(name="Bland", iso3="BBB", deposited=True, entry_into_force_date=date(2011, 1, 1))
    first = make_meeting("1X", date(2030, 5, 4), date(2030, 5, 6))
    second = make_meeting("2X", date(2031, 6, 1), date_precision="month")
    Presidency.objects.create(meeting=first, state=a)
    Presidency.objects.create(meeting=second, state=b)
    during = machinery_on(date(2031, 6, 15)).presidency
    assert during.president.state == b and during.current_may_have_closed
    assert machinery_on(date(2030, 5, 6)).presidency.president.state == a
    after = machinery_on(date(2031, 7, 1)).presidency
    assert after.current is None
