"""Query counts of the registration lists, with one and with many rows (the count must not grow)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from registration import badges
from registration.models import DelegationRegistration, SeatingLayout

from .conftest import make_registration, state_party, text_of

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


@pytest.mark.parametrize("rows", [1, 8])
def test_participants_list_page_query_count_does_not_grow(client, staff, period, rows):
    for delegation in _registrations(period, rows):
        DelegationRegistration.objects.filter(delegation=delegation).update(state="approved")
    client.force_login(staff)
    response, queries = _count(client, "/meetings/demo-msp/registration/isu/participants/")
    assert f"State {rows - 1:02d}: 3 members" in text_of(response)
    assert queries <= 10


@pytest.mark.parametrize("rows", [1, 8])
def test_check_in_page_query_count_does_not_grow(client, staff, period, rows):
    for delegation in _registrations(period, rows):
        DelegationRegistration.objects.filter(delegation=delegation).update(state="approved")
    at = timezone.now()
    for member in badges.badge_members(period.meeting):
        badges.check_in(period.meeting, member.badge_token, by=staff, at=at)
    client.force_login(staff)
    response, queries = _count(client, "/meetings/demo-msp/registration/isu/check-in/")
    assert f"{3 * rows} {rows} Latest arrivals" in text_of(response)  # participants, delegations today
    assert queries <= 8
