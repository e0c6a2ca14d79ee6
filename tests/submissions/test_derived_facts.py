"""Facts derived from the records, each answered by one method: the revision of a submission
that stands (Submission.standing_revision), and whether a window admits a delegation now
(SubmissionWindow.admits, derived with is_open from SubmissionWindow.refusal)."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from meetings.models import Delegation
from submissions import services
from submissions.models import DraftVersion, Submission, SubmissionWindow
from submissions.permissions import can_start_submission

from .conftest import GENEVA, make_focal_point, paragraph

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=GENEVA)


def _submit(submission, user, at):
    services.save_comment(
        submission=submission,
        by=user,
        paragraph=paragraph(submission.version, 1),
        kind="comment",
        text=f"Written {at:%A}",
        at=at,
    )
    return services.submit(submission, by=user, at=at)


def test_the_revision_that_stands_now_and_at_a_moment(version, fp_a, mexico):
    submission = services.start_submission(version=version, delegation=mexico, by=fp_a, at=MONDAY)
    assert submission.standing_revision() is None and submission.latest_revision() is None
    first = _submit(submission, fp_a, MONDAY)
    services.reopen(submission, by=fp_a, at=MONDAY + timedelta(days=1))
    submission = Submission.objects.get(pk=submission.pk)
    assert submission.standing_revision() == first  # reopened: what was submitted still stands
    second = _submit(submission, fp_a, MONDAY + timedelta(days=2))
    services.withdraw(submission, by=fp_a, at=MONDAY + timedelta(days=3))
    submission = Submission.objects.get(pk=submission.pk)

    assert submission.latest_revision() == second
    assert submission.standing_revision() is None  # the latest was withdrawn: nothing stands
    assert submission.standing_revision(at=MONDAY - timedelta(hours=1)) is None
    assert submission.standing_revision(at=MONDAY + timedelta(hours=1)) == first
    assert submission.standing_revision(at=MONDAY + timedelta(days=2, hours=1)) == second
    # The earlier revision never stands again: it was superseded, not withdrawn.
    assert submission.standing_revision(at=MONDAY + timedelta(days=4)) is None


def test_statistics_leave_out_a_resubmitted_submission_once_withdrawn(client, staff, version, fp_a, mexico):
    submission = services.start_submission(version=version, delegation=mexico, by=fp_a, at=MONDAY)
    _submit(submission, fp_a, MONDAY)
    services.reopen(submission, by=fp_a, at=MONDAY + timedelta(days=1))
    _submit(Submission.objects.get(pk=submission.pk), fp_a, MONDAY + timedelta(days=1))
    services.withdraw(submission, by=fp_a, at=MONDAY + timedelta(days=2))
    version = DraftVersion.objects.select_related("window").get(pk=version.pk)
    counted = {
        day: services.statistics(version, on=(MONDAY + timedelta(days=day)).date()).total
        for day in range(-1, 4)
    }
    assert counted == {-1: 0, 0: 1, 1: 1, 2: 0, 3: 0}


def test_a_window_refuses_to_start_exactly_when_the_permission_says_no(version, fp_a, mexico):
    icrc = Delegation.objects.create(kind="organisation", name="ICRC", slug="icrc", category="icrc")
    icrc_user = make_focal_point("icrc@example.org", icrc)
    SubmissionWindow.objects.filter(version=version).update(organisations=False)
    now = timezone.now()
    for user, delegation, admitted in ((fp_a, mexico, True), (icrc_user, icrc, False)):
        version = DraftVersion.objects.with_window().get(pk=version.pk)
        assert version.window.admits(delegation, at=now) is admitted
        assert can_start_submission(user, version, at=now) is admitted
        if admitted:
            assert services.start_submission(version=version, delegation=delegation, by=user, at=now)
        else:
            refusal = version.window.refusal(delegation, at=now, starting=True)
            assert (
                refusal
                == "Submissions on this version are open to States Parties, signatories, States not party only."
            )
            with pytest.raises(services.Refused, match="open to States Parties"):
                services.start_submission(version=version, delegation=delegation, by=user, at=now)
    # Past the deadline nobody is admitted, and starting is refused with the deadline's reason.
    late = version.window.deadline + timedelta(seconds=1)
    assert not version.window.admits(mexico, at=late) and not version.window.is_open(at=late)
    assert not can_start_submission(fp_a, version, at=late)
    with pytest.raises(services.DeadlinePassed, match="deadline for submissions on this version passed"):
        services.start_submission(version=version, delegation=icrc, by=icrc_user, at=late)
