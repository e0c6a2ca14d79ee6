"""Guarded transitions: two clicks cannot both win; every submitted revision is kept."""

import pytest
from django.core import mail

from submissions import services
from submissions.models import Comment, Submission, SubmissionRevision
from submissions.tasks import send_submission_receipt

from .conftest import paragraph, submitted, text_of

pytestmark = pytest.mark.django_db


def test_a_second_submit_loses(version, fp_a, mexico):
    submission = submitted(version, fp_a, mexico)
    with pytest.raises(services.Refused, match="already submitted .receipt RSO-V1-MEX-R1"):
        services.submit(submission, by=fp_a)
    assert SubmissionRevision.objects.count() == 1


def test_double_click_on_submit_shows_the_first_receipt(client, version, fp_a, mexico):
    submission = services.start_submission(version=version, delegation=mexico, by=fp_a)
    services.save_comment(submission=submission, by=fp_a, paragraph=None, kind="comment", text="General")
    client.force_login(fp_a)
    first = client.post(f"/submissions/{submission.pk}/submit/")
    second = client.post(f"/submissions/{submission.pk}/submit/")
    assert first.status_code == 302
    assert second.status_code == 409 and "already submitted (receipt RSO-V1-MEX-R1)" in text_of(second)
    assert submission.revisions.count() == 1


def test_nothing_to_submit_is_refused(version, fp_a, mexico):
    submission = services.start_submission(version=version, delegation=mexico, by=fp_a)
    with pytest.raises(services.Refused, match="nothing to submit"):
        services.submit(submission, by=fp_a)


def test_edit_and_resubmit_keeps_every_revision(version, fp_a, mexico):
    submission = submitted(version, fp_a, mexico, comments=(("1", "comment", "First thought", ""),))
    services.reopen(submission, by=fp_a)
    comment = submission.comments.get()
    services.save_comment(
        submission=submission,
        by=fp_a,
        paragraph=comment.paragraph,
        comment=comment,
        kind="comment",
        text="Second thought",
    )
    services.save_comment(
        submission=submission, by=fp_a, paragraph=paragraph(version, 6), kind="deletion", text=""
    )
    services.submit(submission, by=fp_a)
    first, second = submission.revisions.order_by("number")
    assert first.receipt_number == "RSO-V1-MEX-R1" and second.receipt_number == "RSO-V1-MEX-R2"
    assert [c["text"] for c in first.comments] == ["First thought"]
    assert [c["text"] for c in second.comments] == ["Second thought", ""]
    assert [c["kind"] for c in second.comments] == ["comment", "deletion"]


def test_withdraw_then_submit_again(version, fp_a, mexico):
    submission = submitted(version, fp_a, mexico)
    services.withdraw(submission, by=fp_a)
    with pytest.raises(services.Refused, match="already withdrawn|no submitted text"):
        services.withdraw(submission, by=fp_a)
    assert submission.state == Submission.State.WITHDRAWN
    assert submission.revisions.get().withdrawn_at is not None
    services.reopen(submission, by=fp_a)
    revision = services.submit(submission, by=fp_a)
    assert revision.number == 2 and submission.state == Submission.State.SUBMITTED


def test_a_submitted_submission_cannot_be_edited_until_reopened(version, fp_a, mexico):
    submission = submitted(version, fp_a, mexico)
    with pytest.raises(services.Refused, match="Edit again"):
        services.save_comment(
            submission=submission, by=fp_a, paragraph=None, kind="comment", text="Late idea"
        )
    assert Comment.objects.count() == 1


def test_a_window_limited_to_states_parties_refuses_an_organisation(version, fp_a, mexico):
    from meetings.models import Delegation
    from submissions.models import DraftVersion, SubmissionWindow

    from .conftest import make_focal_point

    SubmissionWindow.objects.filter(version=version).update(organisations=False)
    version = DraftVersion.objects.get(pk=version.pk)
    icrc = Delegation.objects.create(kind="organisation", name="ICRC", slug="icrc", category="icrc")
    user = make_focal_point("icrc@example.org", icrc)
    with pytest.raises(services.Refused, match="open to States Parties, signatories, States not party only"):
        services.start_submission(version=version, delegation=icrc, by=user)
    services.start_submission(version=version, delegation=mexico, by=fp_a)


def test_the_receipt_mail_is_sent_once(version, fp_a, mexico):
    submission = submitted(version, fp_a, mexico)
    revision = submission.revisions.get()
    assert send_submission_receipt(revision.pk) == 1
    assert send_submission_receipt(revision.pk) == 0
    assert send_submission_receipt(987654) == 0
    assert len(mail.outbox) == 1


def test_comment_form_errors_keep_the_text(client, version, fp_a, mexico):
    submission = services.start_submission(version=version, delegation=mexico, by=fp_a)
    p = paragraph(version, 2)
    client.force_login(fp_a)
    response = client.post(
        f"/submissions/{submission.pk}/comments/new/",
        {"paragraph": p.pk, "kind": "amendment", "text": "Why we change it", "proposed_text": p.text},
    )
    assert response.status_code == 200
    assert "The proposed text is the same as the current text" in text_of(response)
    assert "Why we change it" in response.content.decode()
    assert not Comment.objects.exists()
