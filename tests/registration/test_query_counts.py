"""Query counts of the registration lists, with one and with many rows (the count must not grow)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registration.models import SeatingLayout

from .conftest import make_registration, state_party

pytestmark = pytest.mark.django_db


def _count(client, path: str):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    return response, len(ctx.captured_queries)


def _registrations(period, rows: int):
    delegations = [state_party(f"State {i:02d}", f"S{i:02d}") for i in range(rows)]
    for delegation in delegations:
        make_registration(period, delegation, members=3)
    return delegations


@pytest.mark.parametrize("rows", [1, 8])
def test_isu_list_query_count_does_not_grow(client, staff, period, rows):
    _registrations(period, rows)
    client.force_login(staff)
    response, queries = _count(client, "/meetings/demo-msp/registration/isu/")
    assert f"State {rows - 1:02d}" in response.content.decode()
    # session, user, period, its extensions, registrations, regions (filter), decision choices,
    # not registered
    assert queries <= 10


@pytest.mark.parametrize("rows", [1, 8])
def test_export_query_count_does_not_grow(client, staff, period, rows):
    _registrations(period, rows)
    client.force_login(staff)
    response, queries = _count(client, "/meetings/demo-msp/registration/isu/export.csv")
    assert f"State {rows - 1:02d} Member 3" in response.content.decode()
    assert queries <= 8


@pytest.mark.parametrize("rows", [1, 8])
def test_seating_query_count_does_not_grow(client, staff, period, rows):
    delegations = _registrations(period, rows)
    SeatingLayout.objects.create(meeting=period.meeting, first_state=delegations[0])
    client.force_login(staff)
    response, queries = _count(client, "/meetings/demo-msp/registration/isu/seating/")
    assert f"State {rows - 1:02d}" in response.content.decode()
    assert queries <= 10


@pytest.mark.parametrize("rows", [1, 8])
def test_delegation_members_query_count_does_not_grow(client, fp_a, mexico, period, rows):
    make_registration(period, mexico, members=rows)
    client.force_login(fp_a)
    response, queries = _count(client, "/meetings/demo-msp/registration/")
    assert f"Mexico Member {rows}" in response.content.decode()
    assert queries <= 10
