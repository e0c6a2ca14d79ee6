"""Done when: with the deadline passed, a submit is refused with a clear message and nothing
already typed is lost. The server enforces the deadline, whatever the page showed."""

import pytest
from django.utils import timezone

from submissions import services
from submissions.models import Comment, Submission, SubmissionWindow

from .conftest import PAST_DEADLINE, paragraph, text_of

pytestmark = pytest.mark.django_db


def _close(version):
    SubmissionWindow.objects.filter(version=version).update(original_deadline=PAST_DEADLINE)


def test_submit_after_the_deadline_is_refused_and_keeps_everything(client, version, fp_a, mexico):
    submission = services.start_submission(version=version, delegation=mexico, by=fp_a)
    services.save_comment(
        submission=submission,
        by=fp_a,
        paragraph=paragraph(version, 2),
        kind="comment",
        text="Keep this remark.",
    )
    _close(version)
    client.force_login(fp_a)
    response = client.post(f"/submissions/{submission.pk}/submit/", {"consent_to_publish": "on"})
    text = text_of(response)
    assert response.status_code == 409
    assert (
        "The deadline for submissions on this version passed on 1 March 2021, 17:00 (Europe/Zurich)" in text
    )
    assert "everything saved before is kept" in text
    assert "Keep this remark." in text
    # The ticked box is still ticked, the submission still a draft, the comment still there.
    assert response.context["consent_form"]["consent_to_publish"].value() is True
    submission.refresh_from_db()
    assert submission.state == Submission.State.DRAFT
    assert not submission.revisions.exists()
    assert Comment.objects.get(submission=submission).text == "Keep this remark."


def test_comment_typed_before_the_deadline_and_saved_after_it_is_shown_back(client, version, fp_a, mexico):
    submission = services.start_submission(version=version, delegation=mexico, by=fp_a)
    p4 = paragraph(version, 4)
    client.force_login(fp_a)
    form = client.get(f"/submissions/{submission.pk}/comments/new/?paragraph={p4.pk}&kind=addition")
    assert form.status_code == 200
    _close(version)  # the deadline passes while the person types
    typed = "A new paragraph on regional cooperation, typed at length."
    response = client.post(
        f"/submissions/{submission.pk}/comments/new/",
        {"paragraph": p4.pk, "kind": "addition", "text": "Why we propose it.", "proposed_text": typed},
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "The deadline for submissions on this version passed" in text_of(response)
    assert typed in html and "Why we propose it." in html
    assert not Comment.objects.filter(submission=submission).exists()


def test_editing_an_existing_comment_after_the_deadline_keeps_the_saved_one(client, version, fp_a, mexico):
    submission = services.start_submission(version=version, delegation=mexico, by=fp_a)
    comment = services.save_comment(
        submission=submission, by=fp_a, paragraph=paragraph(version, 1), kind="comment", text="Saved text."
    )
    _close(version)
    client.force_login(fp_a)
    response = client.post(
        f"/submissions/{submission.pk}/comments/{comment.pk}/edit/",
        {"kind": "comment", "text": "New typing."},
    )
    assert response.status_code == 409
    assert "New typing." in response.content.decode()
    comment.refresh_from_db()
    assert comment.text == "Saved text."


def test_attachment_withdrawal_and_reopening_are_refused_after_the_deadline(version, fp_a, mexico):
    from .conftest import submitted

    submission = submitted(version, fp_a, mexico)
    _close(version)
    with pytest.raises(services.DeadlinePassed):
        services.withdraw(submission, by=fp_a)
    with pytest.raises(services.DeadlinePassed):
        services.reopen(submission, by=fp_a)
    submission.refresh_from_db()
    assert submission.state == Submission.State.SUBMITTED


def test_deadline_is_enforced_at_the_exact_moment(version, fp_a, mexico):
    window = SubmissionWindow.objects.get(version=version)
    submission = services.start_submission(version=version, delegation=mexico, by=fp_a)
    services.save_comment(submission=submission, by=fp_a, paragraph=None, kind="comment", text="General.")
    deadline = window.deadline
    with pytest.raises(services.DeadlinePassed):
        services.submit(submission, by=fp_a, at=deadline)
    revision = services.submit(submission, by=fp_a, at=deadline - timezone.timedelta(seconds=1))
    assert revision.submitted_at < deadline


def test_an_extension_for_one_delegation_reopens_it_for_that_delegation_only(
    version, fp_a, mexico, fp_b, chile, staff
):
    _close(version)
    window = SubmissionWindow.objects.get(version=version)
    services.extend_window(
        window,
        new_deadline=PAST_DEADLINE + timezone.timedelta(days=365 * 80),
        decided_by="The President",
        reason="Capital consultations still under way.",
        delegation=mexico,
        by=staff,
    )
    window = SubmissionWindow.objects.get(version=version)
    version = window.version  # fresh, with the window as now recorded
    services.start_submission(version=version, delegation=mexico, by=fp_a)
    with pytest.raises(services.DeadlinePassed):
        services.start_submission(version=version, delegation=chile, by=fp_b)
    assert window.deadline == PAST_DEADLINE
    assert window.deadline_for(mexico) > PAST_DEADLINE
