from datetime import date

import pytest
from django.core.management import call_command

from meetings.models import Delegation, RegionalGroup
from meetings.treaty import TreatyStatus

pytestmark = pytest.mark.django_db


def _snapshot():
    return {
        "delegations": Delegation.objects.count(),
        "history": Delegation.history.count(),
        "regions": RegionalGroup.objects.count(),
        "rows": list(
            Delegation.objects.order_by("pk").values_list(
                "iso3", "name", "deposit_date", "entry_into_force_date"
            )
        ),
    }


def test_load_ccm_data_loads_the_reference_states(capsys):
    call_command("load_ccm_data")
    today = date(2026, 11, 22)
    states = list(Delegation.objects.states().select_related("region"))
    statuses = [s.status_on(today) for s in states]
    assert statuses.count(TreatyStatus.STATE_PARTY) == 112
    assert statuses.count(TreatyStatus.SIGNATORY) == 12
    assert statuses.count(TreatyStatus.WITHDRAWN) == 1
    americas = [s for s in states if s.region.slug == "americas"]
    assert sum(s.status_on(today) == TreatyStatus.STATE_PARTY for s in americas) == 25
    assert sum(s.status_on(today) == TreatyStatus.SIGNATORY for s in americas) == 2
    # Sources are kept, one per line.
    benin = Delegation.objects.get(iso3="BEN")
    assert "https://clusterconvention.org/benin-becomes-102nd-state-party" in benin.sources.splitlines()
    # Organisations named by the seeds.
    assert set(Delegation.objects.organisations().values_list("acronym", flat=True)) >= {
        "ICRC",
        "UN",
        "CMC",
        "GICHD",
    }
    assert "States in the Convention: 125 created" in capsys.readouterr().out


def test_load_ccm_data_twice_changes_nothing(capsys):
    call_command("load_ccm_data")
    first = _snapshot()
    call_command("load_ccm_data")
    assert _snapshot() == first
    assert "125 unchanged" in capsys.readouterr().out


def test_load_ccm_data_keeps_what_staff_edited(staff):
    call_command("load_ccm_data")
    peru = Delegation.objects.get(iso3="PER")
    peru.deposit_date = date(2012, 5, 26)
    peru._history_user = staff  # as the admin records it
    peru.save()
    call_command("load_ccm_data")
    peru.refresh_from_db()
    assert peru.deposit_date == date(2012, 5, 26)
    assert peru.entry_into_force == date(2012, 11, 1)


def test_entry_into_force_marked_derived_in_the_source_is_computed():
    call_command("load_ccm_data")
    botswana = Delegation.objects.get(iso3="BWA")
    assert botswana.entry_into_force_date is None
    assert botswana.entry_into_force == date(2011, 12, 1)
    assert botswana.entry_into_force_is_derived
