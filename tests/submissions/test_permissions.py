"""Every submissions address for the standard cast: ISU staff, the focal point of Mexico (A,
the owner), the focal point of Chile (B) and an anonymous visitor.

Mexico's submission was submitted, published with consent, then reopened for editing, so that
every address has something to show. B gets 404 on everything of Mexico's except the public
pages; anonymous visitors are sent to sign in except on the public pages; ISU pages are 404 for
focal points.
"""

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from submissions import services
from submissions.models import Comment, Submission

from .conftest import minimal_pdf, paragraph

pytestmark = pytest.mark.django_db

SECRET = "Confidential remark of Mexico on paragraph two"
LOGIN = "login"


@dataclass
class World:
    submission: Submission
    comment: Comment
    attachment_pk: int
    version_pk: int
    window_pk: int
    slug: str


@pytest.fixture
def world(version, fp_a, mexico, fp_b, staff):
    submission = services.start_submission(version=version, delegation=mexico, by=fp_a)
    comment = services.save_comment(
        submission=submission, by=fp_a, paragraph=paragraph(version, 2), kind="comment", text=SECRET
    )
    from submissions.uploads import check_upload

    attachment = services.add_attachment(
        submission=submission, checked=check_upload(SimpleUploadedFile("annex.pdf", minimal_pdf())), by=fp_a
    )
    services.set_consent(submission, consent=True, by=fp_a)
    services.submit(submission, by=fp_a)  # the receipt mail is tested elsewhere
    services.publish(submission, by=staff)
    services.reopen(submission, by=fp_a)
    return World(submission, comment, attachment.pk, version.pk, version.window.pk, version.draft.slug)


def _compilation(world, staff, capture):
    from submissions.models import DraftVersion

    with capture(execute=True):
        services.request_compilation(DraftVersion.objects.get(pk=world.version_pk), by=staff)


# (name, method, address, data, expected for staff, A, B, anonymous, text the allowed ones see)
def cases(w: World):
    s, c = w.submission.pk, w.comment.pk
    v = f"/submissions/drafts/{w.slug}/versions/1"
    return [
        ("index", "get", "/submissions/", None, (200, 200, 200, LOGIN), "Comments on drafts"),
        ("version-detail", "get", f"{v}/", None, (200, 200, 200, LOGIN), "States not party are encouraged"),
        ("version-compare", "get", f"{v}/compare/", None, (200, 200, 200, LOGIN), "first version"),
        ("version-docx", "get", f"{v}/text.docx", None, (200, 200, 200, LOGIN), None),
        ("submission-start", "post", f"{v}/start/", {}, (404, 302, 302, LOGIN), None),
        ("submission-detail", "get", f"/submissions/{s}/", None, (404, 200, 404, LOGIN), SECRET),
        (
            "comment-create",
            "get",
            f"/submissions/{s}/comments/new/",
            None,
            (404, 200, 404, LOGIN),
            "general comment",
        ),
        ("comment-edit", "get", f"/submissions/{s}/comments/{c}/edit/", None, (404, 200, 404, LOGIN), SECRET),
        (
            "comment-delete",
            "get",
            f"/submissions/{s}/comments/{c}/delete/",
            None,
            (404, 200, 404, LOGIN),
            SECRET,
        ),
        (
            "attachment-upload",
            "post",
            f"/submissions/{s}/attachments/",
            {},
            (404, 400, 404, LOGIN),
            "Choose a file to attach",
        ),
        (
            "attachment-download",
            "get",
            f"/submissions/{s}/attachments/{w.attachment_pk}/",
            None,
            (200, 200, 404, LOGIN),
            None,
        ),
        (
            "attachment-delete",
            "post",
            f"/submissions/{s}/attachments/{w.attachment_pk}/delete/",
            {},
            (404, 302, 404, LOGIN),
            None,
        ),
        ("submission-consent", "post", f"/submissions/{s}/consent/", {}, (404, 302, 404, LOGIN), None),
        (
            "submission-submit",
            "post",
            f"/submissions/{s}/submit/",
            {"consent_to_publish": "on"},
            (404, 302, 404, LOGIN),
            None,
        ),
        (
            "submission-reopen",
            "post",
            f"/submissions/{s}/reopen/",
            {},
            (404, 409, 404, LOGIN),
            "can already be edited",
        ),
        ("submission-withdraw", "post", f"/submissions/{s}/withdraw/", {}, (404, 302, 404, LOGIN), None),
        ("receipt", "get", f"/submissions/{s}/receipts/1/", None, (200, 200, 404, LOGIN), SECRET),
        ("receipt-pdf", "get", f"/submissions/{s}/receipts/1.pdf", None, (200, 200, 404, LOGIN), None),
        (
            "draft-evolution",
            "get",
            f"/submissions/drafts/{w.slug}/evolution/",
            None,
            (200, 200, 200, 200),
            "Evolution of the text",
        ),
        ("draft-detail", "get", f"/submissions/drafts/{w.slug}/", None, (200, 200, 200, 200), "Mexico"),
        (
            "published-detail",
            "get",
            f"/submissions/drafts/{w.slug}/published/{s}/",
            None,
            (200, 200, 200, 200),
            SECRET,
        ),
        ("isu-index", "get", "/submissions/isu/", None, (200, 404, 404, LOGIN), "Draft review"),
        (
            "isu-submission-list",
            "get",
            "/submissions/isu/submissions/",
            None,
            (200, 404, 404, LOGIN),
            "Mexico",
        ),
        (
            "isu-submission-detail",
            "get",
            f"/submissions/isu/submissions/{s}/",
            None,
            (200, 404, 404, LOGIN),
            SECRET,
        ),
        (
            "isu-publish",
            "post",
            f"/submissions/isu/submissions/{s}/publication/",
            {"action": "unpublish"},
            (302, 404, 404, LOGIN),
            None,
        ),
        (
            "isu-disposition",
            "post",
            f"/submissions/isu/comments/{c}/disposition/",
            {f"c{c}-disposition": "partly", f"c{c}-note": "n"},
            (302, 404, 404, LOGIN),
            None,
        ),
        ("isu-statistics", "get", "/submissions/isu/statistics/", None, (200, 404, 404, LOGIN), "Mexico"),
        (
            "isu-version-create",
            "get",
            f"/submissions/isu/drafts/{w.slug}/versions/new/",
            None,
            (200, 404, 404, LOGIN),
            "Structured text",
        ),
        (
            "isu-window-extend",
            "get",
            f"/submissions/isu/windows/{w.window_pk}/extend/",
            None,
            (200, 404, 404, LOGIN),
            "Record an extension",
        ),
        (
            "isu-compilation",
            "get",
            f"/submissions/isu/versions/{w.version_pk}/compilation/",
            None,
            (200, 404, 404, LOGIN),
            "Ready",
        ),
        (
            "isu-compilation-status",
            "get",
            f"/submissions/isu/versions/{w.version_pk}/compilation/status/",
            None,
            (200, 404, 404, LOGIN),
            "Ready",
        ),
        (
            "isu-compilation-pdf",
            "get",
            f"/submissions/isu/versions/{w.version_pk}/compilation.pdf",
            None,
            (200, 404, 404, LOGIN),
            None,
        ),
        (
            "isu-compilation-csv",
            "get",
            f"/submissions/isu/versions/{w.version_pk}/compilation.csv",
            None,
            (200, 404, 404, LOGIN),
            None,
        ),
        (
            "isu-merge",
            "get",
            f"/submissions/isu/versions/{w.version_pk}/merge/",
            None,
            (200, 404, 404, LOGIN),
            None,
        ),
        (
            "isu-merge-build",
            "post",
            f"/submissions/isu/versions/{w.version_pk}/merge/build/",
            {},
            (400, 404, 404, LOGIN),
            "This field is required",
        ),
        (  # a comment that is not an amendment has no decision of this kind
            "isu-amendment-decision",
            "post",
            f"/submissions/isu/amendments/{c}/decision/",
            {},
            (404, 404, 404, LOGIN),
            None,
        ),
        (
            "isu-compilation-docx",
            "get",
            f"/submissions/isu/versions/{w.version_pk}/compilation.docx",
            None,
            (200, 404, 404, LOGIN),
            None,
        ),
        # The disposition table, prepared and not published: the ISU's preview only.
        ("disposition-table", "get", f"{v}/dispositions/", None, (200, 404, 404, 404), "Not published yet"),
        ("disposition-table-file", "get", f"{v}/dispositions.pdf", None, (200, 404, 404, 404), None),
        (
            "isu-disposition-table",
            "get",
            f"/submissions/isu/versions/{w.version_pk}/dispositions/",
            None,
            (200, 404, 404, LOGIN),
            "Publish the disposition table",
        ),
        (
            "isu-disposition-table-publication",
            "post",
            f"/submissions/isu/versions/{w.version_pk}/dispositions/publication/",
            {},
            (302, 404, 404, LOGIN),
            None,
        ),
        (
            "isu-disposition-table-file",
            "get",
            f"/submissions/isu/versions/{w.version_pk}/dispositions.docx",
            None,
            (200, 404, 404, LOGIN),
            None,
        ),
    ]


ROLES = ["staff", "A", "B", "anonymous"]
NAMES = [case[0] for case in cases(World(Submission(pk=1), Comment(pk=1), 1, 1, 1, "x"))]


def test_every_address_of_the_app_is_in_the_matrix():
    from django.urls import get_resolver

    from submissions import urls

    names = {p.name for p in urls.urlpatterns}
    covered = {
        n.replace("isu-compilation-pdf", "isu-compilation-file")
        .replace("isu-compilation-csv", "isu-compilation-file")
        .replace("isu-compilation-docx", "isu-compilation-file")
        for n in NAMES
    }
    assert names == covered
    assert get_resolver()  # the project's URLconf loads


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", NAMES)
def test_permission_matrix(client, world, staff, fp_a, fp_b, role, name, django_capture_on_commit_callbacks):
    case = {c[0]: c for c in cases(world)}[name]
    _name, method, address, data, expected, marker = case
    if name.startswith("isu-compilation"):
        _compilation(world, staff, django_capture_on_commit_callbacks)
    if "disposition-table" in name:
        table = services.request_disposition_table(world.submission.version, by=staff)
        services.render_disposition_table(table_id=table.pk)
    user = {"staff": staff, "A": fp_a, "B": fp_b, "anonymous": None}[role]
    if user:
        client.force_login(user)
    response = getattr(client, method)(address, data) if method == "post" else client.get(address)
    want = expected[ROLES.index(role)]
    body = b"".join(response) if response.streaming else response.content
    if want == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
        return
    assert response.status_code == want, (name, role, response.status_code)
    if want == 404:
        assert SECRET.encode() not in body
    if want in (200, 400, 409) and marker:
        assert marker in body.decode(), (name, role)
    if (
        name in ("receipt-pdf", "isu-compilation-pdf", "attachment-download", "disposition-table-file")
        and want == 200
    ):
        assert body.startswith(b"%PDF-")


def test_another_delegations_submission_is_404_before_and_after_the_deadline(client, world, fp_b):
    from submissions.models import SubmissionWindow

    from .conftest import PAST_DEADLINE

    client.force_login(fp_b)
    address = world.submission.get_absolute_url()
    assert client.get(address).status_code == 404
    SubmissionWindow.objects.filter(pk=world.window_pk).update(original_deadline=PAST_DEADLINE)
    assert client.get(address).status_code == 404
    assert client.get(f"{address}receipts/1/").status_code == 404


def test_a_revoked_focal_point_loses_access_at_once(client, world, fp_a, staff):
    from submissions.models import FocalPoint

    client.force_login(fp_a)
    assert client.get(world.submission.get_absolute_url()).status_code == 200
    services.revoke_focal_point(FocalPoint.objects.get(user=fp_a), by=staff)
    assert client.get(world.submission.get_absolute_url()).status_code == 404


def test_staff_cannot_see_a_submission_never_submitted(client, version, fp_b, chile, staff):
    submission = services.start_submission(version=version, delegation=chile, by=fp_b)
    services.save_comment(
        submission=submission, by=fp_b, paragraph=None, kind="comment", text="Work in progress"
    )
    client.force_login(staff)
    assert client.get(f"/submissions/isu/submissions/{submission.pk}/").status_code == 404
    assert b"Work in progress" not in client.get("/submissions/isu/submissions/").content
