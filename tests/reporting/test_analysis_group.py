"""An extension request names the analysis group of its date (from the machinery's records)."""

from datetime import date

import pytest

from machinery.models import AnalysisGroup, CoordinatorMandate, WorkingGroup
from meetings.models import Delegation
from reporting.status import analysis_group_for

from .conftest import extension

pytestmark = pytest.mark.django_db


def test_extension_request_names_the_analysis_group_of_its_date(ccm_data):
    lebanon = Delegation.objects.get(iso3="LBN")
    request = extension(lebanon, 4, submitted_on=date(2026, 3, 15))
    group = analysis_group_for(request)
    assert group.group.article == 4
    assert {state.iso3 for state, _ in group.members} == {"FRA", "MEX", "LBN", "NLD", "CHE"}
    # A coordinator whose term starts after the request was submitted is not in its group.
    CoordinatorMandate.objects.create(
        state=Delegation.objects.get(iso3="CHL"),
        working_group=WorkingGroup.objects.get(slug="clearance"),
        start_date=date(2026, 4, 1),
    )
    assert "CHL" not in {state.iso3 for state, _ in analysis_group_for(request).members}
    later = extension(lebanon, 4, submitted_on=date(2026, 4, 2))
    assert "CHL" in {state.iso3 for state, _ in analysis_group_for(later).members}
    assert analysis_group_for(extension(lebanon, 3, submitted_on=date(2026, 3, 15))).group.article == 3


def test_the_pages_name_the_analysis_group_of_each_request_with_its_date(ccm_data, client):
    lebanon = Delegation.objects.get(iso3="LBN")
    extension(lebanon, 4, submitted_on=date(2026, 3, 15))
    group = AnalysisGroup.objects.get(article=4)
    link = f'href="/machinery/?on=2026-03-15#analysis-groups">{group.name}</a>'
    assert link in client.get("/reporting/?on=2026-05-01").content.decode()
    assert link in client.get("/delegations/LBN/").content.decode()
