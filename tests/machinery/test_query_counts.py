"""Every list page with 1 and with many rows: the number of queries must not grow."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from machinery.models import AnalysisGroup, CoordinatorMandate, Mandate, Presidency, WorkingGroup
from meetings.models import Meeting, RegionalGroup
from tests.conftest import make_state

from .conftest import make_meeting

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# --- query counts: 1 and many rows -----------------------------------------------------------


def _build(rows: int) -> None:
    decision_meeting = make_meeting("0MSP", date(2010, 11, 1), date(2010, 11, 2))
    decision = Mandate.objects.create(
        body=Mandate.Body.ANALYSIS_GROUPS, kind=Mandate.Kind.ANALYSIS_GROUPS, title="Groups", summary="x",
        meeting=decision_meeting, source_symbol="CCM/X/1", source_paragraph="1",
    )  # fmt: skip
    analysis = AnalysisGroup.objects.create(
        name="Article 3 group", slug="article-3", article=3, decision=decision
    )
    region = RegionalGroup.objects.create(name="Europe", slug="europe", order=3)
    for i in range(rows):
        state = make_state(
            name=f"State {i}",
            iso3=f"S{i:02d}",
            region=region,
            deposited=True,
            entry_into_force_date=date(2011, 1, 1),
        )
        meeting = make_meeting(f"{i + 1}MSP", date(2011 + i, 9, 1), date(2011 + i, 9, 3))
        Presidency.objects.create(meeting=meeting, state=state)
        group = WorkingGroup.objects.create(
            name=f"Group {i}", short_name=f"Group {i}", slug=f"group-{i}", order=i, thematic_area="x"
        )
        CoordinatorMandate.objects.create(state=state, working_group=group, start_meeting=meeting)
        analysis.working_groups.add(group)
        decision.working_groups.add(group)


def _count(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), _text(response)


@pytest.mark.parametrize("rows", [1, 12])
def test_overview_query_count_is_constant(client, rows):
    _build(rows)
    queries, text = _count(client, f"/machinery/?on={2010 + rows}-06-01")
    assert f"State {rows - 1}" in text
    assert "Article 3 group" in text and "CCM/X/1" in text
    if rows > 1:
        assert f"State {rows - 2} (Group {rows - 2})" in text  # a member of the analysis group
    # meetings with their Presidencies, candidacies and reports for the next Presidency,
    # coordinator mandates, working groups, decisions (+2 prefetches), analysis groups with the
    # ids of their working groups, the reported figure: at most the goal of issue 8
    assert queries <= 10


@pytest.mark.parametrize("rows", [1, 12])
def test_presidency_list_query_count_is_constant(client, rows):
    _build(rows)
    queries, text = _count(client, "/machinery/presidencies/")
    assert f"State {rows - 1}" in text
    assert "No Presidency is recorded for: Meeting 0MSP." in text
    assert queries <= 3  # meetings with their Presidencies, regions, candidacies and reports


@pytest.mark.parametrize("rows", [1, 12])
def test_working_group_query_count_is_constant(client, rows):
    _build(1)
    group = WorkingGroup.objects.get()
    meeting = Meeting.objects.get(code="1MSP")
    for i in range(rows):
        state = make_state(
            name=f"Coordinator {i}", iso3=f"C{i:02d}", deposited=True, entry_into_force_date=date(2011, 1, 1)
        )
        CoordinatorMandate.objects.create(state=state, working_group=group, start_meeting=meeting)
    queries, text = _count(client, f"/machinery/working-groups/{group.slug}/")
    assert f"Coordinator {rows - 1}" in text
    assert queries <= 5
