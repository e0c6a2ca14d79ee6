"""Submits racing at the deadline, on PostgreSQL (skipped on SQLite, which serialises writers):
threads with their own database connections submit the same submission at once. The row lock in
``submissions.services.submit`` makes one of them win; the others are refused with the reason;
there is one revision, one receipt number, one outbox message and one receipt mail."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, connections

from ccm_portal.models import OutboxMessage
from submissions import services
from submissions.models import Submission, SubmissionRevision
from tests.submissions.conftest import make_draft, make_focal_point, state_party

pytestmark = pytest.mark.django_db(transaction=True)


def _race(n: int, action) -> list:
    barrier = threading.Barrier(n)
    outcomes: list = [None] * n

    def run(i: int):
        try:
            barrier.wait(timeout=30)
            outcomes[i] = action(i)
        except Exception as error:  # the outcome of this contender
            outcomes[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


@pytest.fixture
def world(db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL): concurrent writers")
    mexico = state_party("Mexico", "MEX")
    users = [make_focal_point(f"fp{i}@mexico.example", mexico) for i in range(2)]
    version = make_draft()
    submission = services.start_submission(version=version, delegation=mexico, by=users[0])
    services.save_comment(submission=submission, by=users[0], paragraph=None, kind="comment", text="Ours")
    return submission, users, version.window.deadline_for(mexico)


def _receipts() -> list:
    return [m for m in mail.outbox if "receipt" in m.subject.lower()]


def test_many_submits_of_one_submission_at_once_give_one_receipt(world):
    submission, users, deadline = world
    at = deadline - timedelta(seconds=1)
    outcomes = _race(8, lambda i: services.submit(submission, by=users[i % 2], at=at))
    won = [o for o in outcomes if isinstance(o, SubmissionRevision)]
    refused = [o for o in outcomes if isinstance(o, services.Refused)]
    assert len(won) == 1 and len(refused) == 7, outcomes
    assert all("already submitted" in str(r) and won[0].receipt_number in str(r) for r in refused)
    assert SubmissionRevision.objects.count() == 1 and OutboxMessage.objects.count() == 1
    assert Submission.objects.get(pk=submission.pk).state == Submission.State.SUBMITTED
    [receipt] = _receipts()
    assert won[0].receipt_number in receipt.body


def test_submits_on_either_side_of_the_deadline_give_one_consistent_outcome(world):
    submission, users, deadline = world
    # Half the contenders a microsecond before the deadline, half exactly at it.
    moments = [deadline - timedelta(microseconds=1), deadline] * 3
    outcomes = _race(len(moments), lambda i: services.submit(submission, by=users[i % 2], at=moments[i]))
    won = [o for o in outcomes if isinstance(o, SubmissionRevision)]
    assert len(won) == 1, outcomes
    assert won[0].submitted_at < deadline
    for outcome, moment in zip(outcomes, moments, strict=True):
        if outcome is won[0]:
            continue
        assert isinstance(outcome, services.Refused), outcome
        # Refused either as already submitted, or (at the deadline, if it ran first) as too late.
        assert "already submitted" in str(outcome) or (
            moment == deadline and isinstance(outcome, services.DeadlinePassed)
        )
    assert SubmissionRevision.objects.count() == 1 and len(_receipts()) == 1
    assert OutboxMessage.objects.get().state == OutboxMessage.State.DONE


def test_a_submit_racing_a_comment_saved_at_the_deadline_freezes_a_consistent_text(world):
    submission, users, deadline = world
    at = deadline - timedelta(microseconds=1)

    def contender(i: int):
        if i == 0:
            return services.submit(submission, by=users[0], at=at)
        return services.save_comment(
            submission=submission, by=users[1], paragraph=None, kind="comment", text="Late addition", at=at
        )

    outcomes = _race(2, contender)
    revision = SubmissionRevision.objects.get()
    frozen = [c["text"] for c in revision.comments]
    if isinstance(outcomes[1], services.Refused):  # the submit came first: the addition waits
        assert frozen == ["Ours"] and "Edit again" in str(outcomes[1])
    else:  # the comment came first: it is part of what was submitted
        assert sorted(frozen) == ["Late addition", "Ours"]
    assert isinstance(outcomes[0], SubmissionRevision)
