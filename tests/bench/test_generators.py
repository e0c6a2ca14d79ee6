"""generate_bench_data is deterministic: the same seed and scale give the same rows."""

import pytest
from django.core.management import call_command
from django.db import connection

from bench.generators.common import PREFIX
from meetings.models import AgendaItem, Meeting, Participation

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the benchmark data is generated on PostgreSQL"
    ),
]


def snapshot() -> dict[str, list[tuple]]:
    """The generated rows by their natural keys (primary keys change from run to run)."""
    meetings = Meeting.objects.filter(slug__startswith=PREFIX)
    return {
        "meetings": list(
            meetings.order_by("slug").values_list(
                "slug",
                "kind",
                "title",
                "start_date",
                "end_date",
                "date_precision",
                "start_time",
                "time_zone",
                "city",
                "country__iso3",
                "convened_by__slug",
                "regional_group__slug",
                "prepares__slug",
                "status",
                "summary",
            )
        ),
        "agenda": list(
            AgendaItem.objects.filter(meeting__in=meetings)
            .order_by("meeting__slug", "order", "number")
            .values_list("meeting__slug", "number", "title", "order", "parent__number", "status", "outcome")
        ),
        "participations": list(
            Participation.objects.filter(meeting__in=meetings)
            .order_by("meeting__slug", "delegation__slug")
            .values_list(
                "meeting__slug",
                "delegation__slug",
                "head_of_delegation",
                "members",
                "front_row_seats",
                "field_visit",
            )
        ),
    }


def test_same_seed_gives_the_same_rows():
    call_command("generate_bench_data", seed=7, scale=0.01)
    first = snapshot()
    call_command("generate_bench_data", seed=7, scale=0.01, no_reference_data=True)
    second = snapshot()

    assert len(first["meetings"]) == 5  # 500 x 0.01
    assert len(first["agenda"]) >= 5 * 13 and len(first["participations"]) >= 5 * 15
    assert any(row[4] for row in first["agenda"])  # nested items exist
    assert first == second
    # The previous run's rows were replaced, not added to.
    assert Meeting.objects.filter(slug__startswith=PREFIX).count() == 5
    # Reference data is untouched.
    assert Meeting.objects.filter(code="1MSP").exists()


def test_another_seed_gives_other_rows():
    call_command("generate_bench_data", seed=7, scale=0.01)
    first = snapshot()
    call_command("generate_bench_data", seed=8, scale=0.01, no_reference_data=True)
    assert snapshot() != first
