"""The admin pages of the app open for ISU staff, with their filters and history."""

import pytest

from submissions import services
from submissions.models import Comment

from .conftest import submitted, text_of

pytestmark = pytest.mark.django_db

MODELS = [
    "focalpoint",
    "draft",
    "draftversion",
    "submissionwindow",
    "reportedstatistic",
    "submission",
    "comment",
    "compilation",
    "submissionrevision",
]


def test_every_admin_list_and_change_page_opens(
    client, staff, version, fp_a, mexico, django_capture_on_commit_callbacks
):
    submission = submitted(
        version, fp_a, mexico, comments=(("1", "amendment", "Why", "A better paragraph one."),)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.request_compilation(version, by=staff)
    client.force_login(staff)
    objects = {
        "draft": version.draft,
        "draftversion": version,
        "submissionwindow": version.window,
        "submission": submission,
        "comment": submission.comments.get(),
        "submissionrevision": submission.revisions.get(),
    }
    for model in MODELS:
        listing = client.get(f"/admin/submissions/{model}/")
        assert listing.status_code == 200, model
        if model in objects:
            page = client.get(f"/admin/submissions/{model}/{objects[model].pk}/change/")
            assert page.status_code == 200, model
            assert "history" in page.content.decode().lower()
    assert "RSO-V1-MEX-R1" in text_of(client.get("/admin/submissions/submissionrevision/"))


def test_the_submission_admin_shows_the_revision_that_stands(client, staff, version, fp_a, mexico):
    submission = submitted(version, fp_a, mexico)
    client.force_login(staff)
    assert "RSO-V1-MEX-R1" in text_of(client.get("/admin/submissions/submission/"))
    services.withdraw(submission, by=fp_a)
    listing = text_of(client.get("/admin/submissions/submission/"))
    assert "Withdrawn" in listing and "RSO-V1-MEX-R1" not in listing


def test_a_disposition_recorded_in_the_admin_names_who(client, staff, version, fp_a, mexico):
    submission = submitted(version, fp_a, mexico)
    comment = submission.comments.get()
    client.force_login(staff)
    response = client.post(
        f"/admin/submissions/comment/{comment.pk}/change/",
        {"disposition": "for_discussion", "disposition_note": "At the Preparatory Meeting"},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.disposition == Comment.Disposition.FOR_DISCUSSION and comment.disposition_by == staff


def test_csv_cells_never_start_a_formula(version, fp_a, mexico):
    submitted(version, fp_a, mexico, comments=(("1", "comment", '=HYPERLINK("http://x")', ""),))
    sections, _ = services.compile_version(version, at=version.created_at)
    raw = services.compilation_csv(sections).decode("utf-8-sig")
    assert "'=HYPERLINK" in raw
