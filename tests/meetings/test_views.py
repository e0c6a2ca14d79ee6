import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_state

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_delegation_list_shows_membership_by_region(client):
    call_command("load_ccm_data")
    response = client.get("/delegations/")
    text = _text(response)
    assert "the Convention has 112 States Parties and 12 signatories" in text
    assert re.search(r"Americas 25 2 22% 24%", text), text[:2000]
    assert re.search(r"Africa 36 8 ", text)
    assert re.search(r"Asia/Pacific 18 1 ", text)
    assert re.search(r"Europe 33 1 ", text)
    assert "1 State has withdrawn" in text
    assert "International Committee of the Red Cross (ICRC)" in text


@pytest.mark.parametrize("rows", [1, 20])
def test_delegation_list_query_count_is_constant(client, rows, django_assert_max_num_queries):
    for i in range(rows):
        make_state(name=f"State {i}", iso3=f"S{i:02d}", signed=True)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/delegations/")
    assert response.status_code == 200
    assert f"State {rows - 1}" in response.content.decode()
    # session-free anonymous page: regions, States, organisations
    assert len(ctx.captured_queries) <= 3
