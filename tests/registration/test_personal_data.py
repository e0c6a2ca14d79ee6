"""Personal data: erased after the retention period (counts remain, logged), through the outbox
and the beat task; only staff and the delegation's own focal points see members."""

from datetime import date

import pytest

from ccm_portal.models import OutboxMessage
from registration import services
from registration.models import DelegationRegistration, Participant, RegistrationPeriod, SecurityEvent

from .conftest import make_meeting, make_registration, open_registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def past_period(db):
    meeting = make_meeting(slug="past-msp", start_date=date(2024, 1, 10), end_date=date(2024, 1, 12))
    return open_registration(meeting, retention_days=30)


def test_erasure_after_retention_keeps_counts_and_is_logged(past_period, mexico, chile):
    make_registration(past_period, mexico, members=3)
    make_registration(past_period, chile, members=2)
    assert services.erase_personal_data(past_period, today=date(2024, 2, 11)) == 0  # last day of retention
    assert Participant.objects.filter(name="Mexico Member 1").exists()

    assert services.erase_personal_data(past_period, today=date(2024, 2, 12)) == 5
    members = Participant.objects.filter(registration__meeting=past_period.meeting)
    assert members.count() == 5
    assert set(members.values_list("name", "email", "function", "title")) == {("", "", "", "")}
    assert members.filter(role="head").count() == 2
    assert members.counts_by_gender() == {"man": 2, "woman": 3}
    assert set(DelegationRegistration.objects.values_list("letter", "letter_name")) == {("", "")}
    event = SecurityEvent.objects.get()
    assert (event.action, event.user, event.meeting) == ("erased", None, past_period.meeting)
    assert "5 members" in event.detail
    past_period.refresh_from_db()
    assert past_period.personal_data_erased_at is not None
    assert services.erase_personal_data(past_period, today=date(2024, 3, 1)) == 0  # once only
    assert SecurityEvent.objects.count() == 1


def test_beat_task_queues_erasure_through_the_outbox(
    past_period, period, mexico, django_capture_on_commit_callbacks
):
    from registration import tasks

    make_registration(past_period, mexico, members=2)
    make_registration(period, mexico, members=1)  # the 2099 meeting: kept
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.queue_erasures.delay().get() == 1
    message = OutboxMessage.objects.get()
    assert (message.key, message.state) == (f"registration.erase:{past_period.pk}", "done")
    assert not Participant.objects.filter(registration__meeting=past_period.meeting).exclude(name="").exists()
    assert Participant.objects.filter(registration__meeting=period.meeting, name="Mexico Member 1").exists()
    # Run again: nothing more is due.
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.queue_erasures.delay().get() == 0
    assert RegistrationPeriod.objects.get(pk=past_period.pk).personal_data_erased_at is not None


def test_members_are_not_shown_to_another_delegation_or_the_public(client, fp_b, period, mexico):
    registration = make_registration(period, mexico)
    client.force_login(fp_b)
    for path in ("", f"isu/{registration.pk}/", "isu/export.csv"):
        response = client.get(f"/meetings/demo-msp/registration/{path}")
        assert b"Mexico Member 1" not in response.content
    client.logout()
    response = client.get("/meetings/demo-msp/registration/isu/export.csv")
    assert response.status_code == 302 and b"Mexico Member 1" not in response.content
