"""Hostile input: markup in every free-text field is shown as text on every page and in every
PDF, ``next=`` never sends anyone off the site, and hostile uploads are refused with a message
and leave nothing behind (what tests/submissions/test_uploads.py and tests/documents/test_admin.py
do not already cover)."""

import io
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from django.db import models
from django.test import Client

from accounts.models import User
from consultations.models import Intervention, Position, Topic
from documents.models import Document, Rendition
from machinery.models import CoordinatorMandate, Presidency, WorkingGroup
from meetings.models import AgendaItem, Meeting, Participation
from submissions import services
from submissions.models import Attachment, Compilation, Draft, DraftVersion, FocalPoint
from submissions.tasks import send_focal_point_mail
from submissions.uploads import CheckedFile
from tests.conftest import make_state, one_page_pdf
from tests.documents.conftest import committed, make_document, pdf_text
from tests.submissions.conftest import (
    GENEVA,
    make_draft,
    minimal_docx,
    minimal_pdf,
    text_of,
    zip_bytes,
)

from .hostile import (
    admin_document_form,
    build_world,
    files_under,
    lands_on_site,
    multipart,
    post_multipart,
    with_upload,
)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
TEMPLATE = "{{ 7*7 }}"
PAYLOAD = f"{SCRIPT} {IMG} {TEMPLATE}"

# Fields that are not free text: addresses, codes parsed by the portal, numbers, checksums.
NOT_FREE_TEXT = {"slug", "symbol", "iso3", "code", "number", "time_zone", "checksum", "sha256"}
NOT_FREE_TEXT |= {"receipt_number", "email", "password", "parts", "source_symbol", "source_paragraph"}


def poisoned(model: type[models.Model], label: str, **fields) -> dict:
    """``fields`` plus every other free-text field of ``model`` set to the payload (prefixed with
    ``label``, so that unique names stay unique)."""
    values = {}
    for field in model._meta.concrete_fields:
        if (
            isinstance(field, models.CharField | models.TextField)
            and not isinstance(field, models.SlugField | models.EmailField | models.URLField)
            and not field.choices
            and field.name not in NOT_FREE_TEXT
            and (field.max_length or 10_000) >= len(PAYLOAD) + len(label) + 1
        ):
            values[field.name] = f"{label} {PAYLOAD}"
    return values | fields


def poison(obj: models.Model, label: str) -> models.Model:
    """Set every free-text field of a saved row to the payload (an ORM update: no service logic)."""
    type(obj).objects.filter(pk=obj.pk).update(**poisoned(type(obj), label))
    obj.refresh_from_db()
    return obj


def assert_escaped(response) -> None:
    """The page shows the payload as text: escaped, never as markup."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert SCRIPT not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert TEMPLATE in html  # shown as typed, not evaluated


def assert_literal_in_pdf(content: bytes) -> None:
    """The PDF holds the payload as text (its characters, not elements or an image)."""
    assert content.startswith(b"%PDF-")
    text = "".join(pdf_text(content).split())
    for part in (SCRIPT, IMG, TEMPLATE):
        assert "".join(part.split()) in text, (part, text[:2000])


HOSTILE_TEXT = f"""
# I. Introduction {PAYLOAD}
## Purpose {PAYLOAD}
1. The Convention entered into force in 2010. {PAYLOAD}
2. States Parties reviewed its operation regularly.
3. Regional meetings support universalization.
"""


@pytest.fixture
def hostile(db, settings, django_capture_on_commit_callbacks):
    """A world whose every free-text field holds markup: delegations, people, a meeting with its
    agenda, participants, statements and a published document (its PDF rendered), the
    machinery, a draft, and Mexico's submission with every kind of comment, an attachment,
    dispositions, an extension and a publication."""
    settings.SUBMISSIONS_RATE_LIMIT = settings.RECEIPT_PDF_RATE_LIMIT = "1000/m"
    mexico = poison(
        make_state(name="Mexico", iso3="MEX", deposited=True, deposit_date=date(2009, 1, 1)), "MX"
    )
    chile = poison(make_state(name="Chile", iso3="CHL", deposited=True, deposit_date=date(2009, 1, 1)), "CL")
    staff = User.objects.create_user(
        email="staff@isu.example", password="staff-pass-1", is_staff=True, is_superuser=True
    )
    fp_a = User.objects.create_user(email="a@mexico.example", password="focal-pass-1", full_name=PAYLOAD)
    FocalPoint.objects.create(user=fp_a, delegation=mexico)

    meeting = Meeting.objects.create(
        **poisoned(
            Meeting,
            "Meeting",
            kind=Meeting.Kind.MSP,
            code="14MSP",
            slug="14msp",
            start_date=date(2026, 9, 1),
            end_date=date(2026, 9, 3),
            country=chile,
        )
    )
    item = AgendaItem.objects.create(**poisoned(AgendaItem, "Item", meeting=meeting, number="1", order=1))
    Participation.objects.create(**poisoned(Participation, "Delegation", meeting=meeting, delegation=mexico))
    topic = Topic.objects.create(**poisoned(Topic, "Topic", slug="gender"))
    intervention = Intervention.objects.create(
        **poisoned(Intervention, "Said", meeting=meeting, agenda_item=item, delegation=mexico)
    )
    Position.objects.create(**poisoned(Position, "Position", intervention=intervention, topic=topic))
    group = WorkingGroup.objects.create(**poisoned(WorkingGroup, "Group", slug="victim-assistance"))
    CoordinatorMandate.objects.create(
        **poisoned(CoordinatorMandate, "Mandate", state=mexico, working_group=group, start_meeting=meeting)
    )
    Presidency.objects.create(**poisoned(Presidency, "Presidency", meeting=meeting, state=chile))
    document = make_document(
        publish=True,
        **poisoned(
            Document,
            "Paper",
            symbol="CCM/MSP/2026/WP.1",
            meeting=meeting,
            agenda_item=item,
            body=f"# I. {PAYLOAD}\n\n1. First {PAYLOAD}[^1]\n2. Second **{PAYLOAD}**\n- a point {PAYLOAD}\n\n"
            f"[^1]: A note {PAYLOAD}",
        ),
    )

    version = make_draft(text=HOSTILE_TEXT)
    Draft.objects.filter(pk=version.draft_id).update(**poisoned(Draft, "Draft", meeting=meeting))
    DraftVersion.objects.filter(pk=version.pk).update(**poisoned(DraftVersion, "Version"))
    version.refresh_from_db()
    paragraph = version.paragraphs.get(number="1")
    submission = services.start_submission(version=version, delegation=mexico, by=fp_a)
    for kind, text, proposed in [
        ("comment", PAYLOAD, ""),
        ("amendment", PAYLOAD, f"The Convention entered into force in 2011. {PAYLOAD} {PAYLOAD}"),
        ("addition", PAYLOAD, f"A new paragraph {PAYLOAD}"),
        ("deletion", PAYLOAD, ""),
    ]:
        services.save_comment(
            submission=submission, by=fp_a, paragraph=paragraph, kind=kind, text=text, proposed_text=proposed
        )
    services.save_comment(submission=submission, by=fp_a, paragraph=None, kind="comment", text=PAYLOAD)
    content = minimal_pdf()
    services.add_attachment(
        submission=submission,
        checked=CheckedFile(
            name=f"{IMG} {TEMPLATE}.pdf", file_type="pdf", size=len(content), sha256="0" * 64, content=content
        ),
        by=fp_a,
    )
    services.set_consent(submission, consent=True, by=fp_a)
    revision = services.submit(submission, by=fp_a)
    for comment in submission.comments.all():
        services.record_disposition(comment, disposition="taken_up", note=PAYLOAD, by=staff)
    services.extend_window(
        version.window,
        new_deadline=datetime(2099, 12, 31, 23, 59, 30, tzinfo=GENEVA),
        decided_by=PAYLOAD,
        reason=PAYLOAD,
        by=staff,
        delegation=mexico,
    )
    services.publish(submission, by=staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_compilation(version, by=staff)
    return {
        "staff": staff,
        "fp_a": fp_a,
        "mexico": mexico,
        "meeting": meeting,
        "document": document,
        "version": version,
        "submission": submission,
        "revision": revision,
        "comment": submission.comments.filter(kind="amendment").get(),
        "topic": topic,
        "group": group,
    }


# --- markup is shown as text on pages and in PDFs ---------------------------------------------


PUBLIC_PAGES = [
    "/",
    "/meetings/",
    "/meetings/14msp/",
    "/delegations/",
    "/delegations/MEX/",
    "/documents/",
    "/documents/?q=Paper",
    "/documents/CCM/MSP/2026/WP.1/",
    "/consultations/",
    "/consultations/topics/gender/",
    "/machinery/?on=2026-09-02",
    "/machinery/presidencies/",
    "/machinery/working-groups/victim-assistance/",
    "/submissions/drafts/review/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_show_markup_as_text(client, hostile, path):
    assert_escaped(client.get(path))


def test_published_submission_shows_markup_as_text(client, hostile):
    submission = hostile["submission"]
    assert_escaped(client.get(f"/submissions/drafts/review/published/{submission.pk}/"))


def test_the_document_feed_escapes_markup(client, hostile):
    feed = client.get("/documents/feed/").content.decode()
    assert SCRIPT not in feed and "<img src=x" not in feed
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in feed


def test_focal_point_pages_show_markup_as_text(client, hostile):
    submission, comment, revision = hostile["submission"], hostile["comment"], hostile["revision"]
    client.force_login(hostile["fp_a"])
    services.reopen(submission, by=hostile["fp_a"])  # so that the comment form opens
    for path in [
        "/submissions/",
        "/submissions/drafts/review/versions/1/",
        "/submissions/drafts/review/versions/1/compare/",
        f"/submissions/{submission.pk}/",
        f"/submissions/{submission.pk}/comments/{comment.pk}/edit/",
        f"/submissions/{submission.pk}/comments/{comment.pk}/delete/",
        f"/submissions/{submission.pk}/comments/new/?paragraph={comment.paragraph_id}&kind=amendment",
        revision.get_absolute_url(),
    ]:
        assert_escaped(client.get(path))


def test_a_comment_typed_with_markup_is_shown_as_text(client, hostile):
    """The same through the form, as a focal point types it."""
    submission = hostile["submission"]
    client.force_login(hostile["fp_a"])
    services.reopen(submission, by=hostile["fp_a"])
    typed = f"Typed {PAYLOAD}"
    response = client.post(f"/submissions/{submission.pk}/comments/new/", {"kind": "comment", "text": typed})
    assert response.status_code == 302 and submission.comments.filter(text=typed).exists()
    page = client.get(f"/submissions/{submission.pk}/").content.decode()
    assert "Typed &lt;script&gt;alert(1)&lt;/script&gt;" in page and SCRIPT not in page


def test_isu_pages_show_markup_as_text(client, hostile):
    submission, version = hostile["submission"], hostile["version"]
    client.force_login(hostile["staff"])
    for path in [
        "/submissions/isu/",
        "/submissions/isu/submissions/",
        f"/submissions/isu/submissions/{submission.pk}/",
        f"/submissions/isu/statistics/?version={version.pk}&on=2099-01-01",
        f"/submissions/isu/windows/{version.window.pk}/extend/",
        f"/submissions/isu/versions/{version.pk}/compilation/",
    ]:
        assert_escaped(client.get(path))


def test_admin_pages_show_markup_as_text(client, hostile):
    client.force_login(hostile["staff"])
    document, meeting, submission = hostile["document"], hostile["meeting"], hostile["submission"]
    for path in [
        "/admin/documents/document/",
        f"/admin/documents/document/{document.pk}/change/",
        "/admin/meetings/meeting/",
        f"/admin/meetings/meeting/{meeting.pk}/change/",
        "/admin/meetings/delegation/",
        f"/admin/meetings/delegation/{hostile['mexico'].pk}/change/",
        "/admin/submissions/draft/",
        f"/admin/submissions/draft/{hostile['version'].draft_id}/change/",
        "/admin/submissions/submission/",
        f"/admin/submissions/submission/{submission.pk}/change/",
        "/admin/submissions/comment/",
        "/admin/consultations/intervention/",
        "/admin/machinery/workinggroup/",
    ]:
        assert_escaped(client.get(path))


def test_a_document_pdf_holds_markup_as_text(client, hostile):
    rendition = hostile["document"].renditions.get(language="en")
    assert rendition.state == Rendition.State.READY, rendition.error
    response = client.get("/documents/CCM/MSP/2026/WP.1/en.pdf")
    assert_literal_in_pdf(b"".join(response))


def test_the_receipt_pdf_holds_markup_as_text(client, hostile):
    revision = hostile["revision"]
    client.force_login(hostile["fp_a"])
    response = client.get(f"/submissions/{revision.submission_id}/receipts/{revision.number}.pdf")
    assert response.status_code == 200
    assert_literal_in_pdf(response.content)


def test_the_compilation_pdf_holds_markup_as_text(client, hostile):
    version = hostile["version"]
    assert Compilation.objects.get(version=version).state == Compilation.State.READY
    client.force_login(hostile["staff"])
    assert_literal_in_pdf(b"".join(client.get(f"/submissions/isu/versions/{version.pk}/compilation.pdf")))


def test_plain_text_mail_shows_names_as_typed(hostile, mailoutbox):
    """Mail is plain text: markup in a name is neither escaped into entities nor dropped."""
    mexico, revision = hostile["mexico"], hostile["revision"]
    send_focal_point_mail(FocalPoint.objects.get(delegation=mexico).pk, "appointed", "http://testserver")
    services.mail_receipt(revision_id=revision.pk)
    assert len(mailoutbox) == 2
    for message in mailoutbox:
        assert mexico.name in message.subject + message.body
        assert not re.search(r"&(lt|gt|quot|amp|#x27);", message.subject + message.body)


# --- next= never leaves the site --------------------------------------------------------------

OFF_SITE = [
    "https://evil.example/",
    "http://evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    " //evil.example",
    "https:evil.example",
    "https:/evil.example",
    "https://testserver@evil.example",
    "https://evil.example\\@testserver",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "%2F%2Fevil.example",  # as decoded once more by a careless proxy: still a path here
    "/%2F%2Fevil.example",
    "/%5Cevil.example",
    "https%3A%2F%2Fevil.example",
    "%68ttps://evil.example",
    "//evil%2Eexample",
    "//ｅｖｉｌ.example",
]
ON_SITE = "/documents/?q=mine"


def _stays(response) -> str:
    assert response.status_code == 302, response.status_code
    location = response["Location"]
    assert lands_on_site(location), location
    return location


@pytest.fixture
def signed_out(db):
    return build_world()


@pytest.mark.parametrize("target", OFF_SITE)
def test_signing_in_refuses_an_off_site_next(signed_out, target):
    client = Client()
    page = client.get("/accounts/login/", {"next": target})
    assert page.status_code == 200
    response = client.post(
        "/accounts/login/", {"login": "a@mexico.example", "password": "focal-pass-1", "next": target}
    )
    _stays(response)
    assert response.wsgi_request.user.is_authenticated


def test_signing_in_follows_a_next_on_the_site(signed_out):
    response = Client().post(
        "/accounts/login/", {"login": "a@mexico.example", "password": "focal-pass-1", "next": ON_SITE}
    )
    assert response["Location"] == ON_SITE


@pytest.mark.parametrize("target", OFF_SITE)
def test_signing_out_refuses_an_off_site_next(client, signed_out, target):
    client.force_login(signed_out.fp_a)
    _stays(client.post("/accounts/logout/", {"next": target}))


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_language_links_refuse_an_off_site_next(client, target):
    _stays(client.get("/language/fr/", {"next": target}))


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_set_language_view_refuses_an_off_site_next_and_referer(client, target):
    response = client.post("/i18n/setlang/", {"language": "es", "next": target}, HTTP_REFERER=target)
    _stays(response)
    assert response.cookies["django_language"].value == "es"


def test_the_language_switchers_follow_a_next_on_the_site_to_its_page_in_that_language(client):
    assert client.get("/language/fr/", {"next": ON_SITE})["Location"] == "/fr" + ON_SITE
    assert client.post("/i18n/setlang/", {"language": "fr", "next": ON_SITE})["Location"] == "/fr" + ON_SITE
    assert client.get("/language/en/", {"next": "/es" + ON_SITE})["Location"] == ON_SITE


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_admin_sign_in_refuses_an_off_site_next(client, staff, target):
    """Staff already signed in who open the admin's sign-in page go to the admin, not away."""
    client.force_login(staff)
    response = client.get("/admin/login/", {"next": target})
    if response.status_code == 302:
        _stays(response)
    else:
        assert response.status_code == 200 and "evil" not in response.content.decode().lower()


# --- hostile uploads: refused with a message, nothing stored ---------------------------------

# About 20 KB on the wire, 20 MB once inflated (the check reads only the archive's directory).
BOMB = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * 20_000_000})
HTML = b"<!doctype html><html><script>alert(1)</script></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00 an executable"
DAMAGED_DOCX = zip_bytes({"[Content_Types].xml": b"not xml", "word/document.xml": b"not xml"})


def _media(settings) -> Path:
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def focal_point(client, settings):
    world = build_world()
    settings.SUBMISSIONS_RATE_LIMIT = "1000/m"
    client.force_login(world.fp_a)
    return world


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("annex.pdf", HTML, "named .pdf but its content is not a PDF file"),
        ("annex.pdf", EXE, "named .pdf but its content is not a PDF file"),
        ("annex.docx", minimal_pdf(), "named .docx but its content is a PDF file"),
        ("annex.html", minimal_pdf(), "Only PDF, Word (DOCX), OpenDocument (ODT) files are accepted"),
        (
            "annex.svg",
            b"<svg onload=alert(1)/>",
            "Only PDF, Word (DOCX), OpenDocument (ODT) files are accepted",
        ),
        ("annex.pdf\x00.html", minimal_pdf(), "Only PDF, Word (DOCX), OpenDocument (ODT) files are accepted"),
        ("bomb.docx", BOMB, "compressed bomb"),
        ("..%2F..%2Fetc%2Fpasswd.pdf", minimal_pdf(), "is not a plain file name"),
        ("..", minimal_pdf(), "Choose a file to attach"),
        ("annex.pdf", b"", "The file is empty"),
    ],
)
def test_a_hostile_attachment_is_refused_with_a_message_and_nothing_stored(
    client, focal_point, settings, name, content, message
):
    submission = focal_point.draft_submission
    response = post_multipart(
        client, f"/submissions/{submission.pk}/attachments/", multipart({}, name, content)
    )
    assert response.status_code == 400
    assert message in text_of(response)
    assert not Attachment.objects.exists() and not files_under(_media(settings))


def test_an_oversize_attachment_is_refused_through_the_form(client, focal_point, settings):
    settings.SUBMISSIONS_MAX_UPLOAD_BYTES = 1000
    submission = focal_point.draft_submission
    body = multipart({}, "annex.pdf", minimal_pdf() + b"\0" * 2000)
    response = post_multipart(client, f"/submissions/{submission.pk}/attachments/", body)
    assert response.status_code == 400 and "the limit is" in text_of(response)
    assert not Attachment.objects.exists() and not files_under(_media(settings))


def test_an_archive_that_expands_past_the_limit_is_refused_through_the_form(client, focal_point, settings):
    settings.SUBMISSIONS_MAX_EXPANDED_BYTES = 50_000
    content = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": bytes(range(256)) * 400})
    response = post_multipart(
        client,
        f"/submissions/{focal_point.draft_submission.pk}/attachments/",
        multipart({}, "a.docx", content),
    )
    assert response.status_code == 400 and "expands to more than the portal accepts" in text_of(response)
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    "sent, kept",
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\annex.pdf", "annex.pdf"),
        ("C:\\x\\y.pdf", "y.pdf"),
        ("/etc/annex.pdf", "annex.pdf"),
        ("&#47;etc&#47;annex.pdf", "annex.pdf"),
        ("an\x00nex.pdf", "annex.pdf"),
        ("an\x1bnex.pdf", "annex.pdf"),
    ],
)
def test_folders_and_control_characters_in_a_file_name_never_reach_the_disk(
    client, focal_point, settings, sent, kept
):
    """Django's request parser drops the folders and the unprintable characters of a sent
    file name before the portal sees it: the file is kept under that plain name, at a random
    address inside the submission's folder, and nothing is written anywhere else."""
    submission = focal_point.draft_submission
    response = post_multipart(
        client, f"/submissions/{submission.pk}/attachments/", multipart({}, sent, minimal_pdf())
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.name == kept
    folder = (_media(settings) / "submissions" / str(submission.pk)).resolve()
    assert files_under(_media(settings)) == {Path(attachment.file.path)}
    assert Path(attachment.file.path).resolve().parent == folder and kept not in attachment.file.name


# Admin: a language version's PDF (the size limit and fake PDFs: tests/documents/test_admin.py).


@pytest.fixture
def admin_document(client, staff):
    client.force_login(staff)
    return make_document(symbol="CCM/MSP/2026/WP.1", title="Original title")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("version.html", one_page_pdf(), "is not named as a PDF"),
        ("version.svg", one_page_pdf(), "is not named as a PDF"),
        ("version.docx", one_page_pdf(), "is not named as a PDF"),
        ("version.pdf.exe", one_page_pdf(), "is not named as a PDF"),
        ("version.pdf", HTML, "The file is not a PDF"),
        ("version.pdf", minimal_docx(), "The file is not a PDF"),
        ("version.pdf", b"%PDF-1.7\n<html><script>alert(1)</script>", "damaged"),
        ("version.pdf\x00.html", one_page_pdf(), "is not named as a PDF"),
    ],
)
def test_a_hostile_admin_upload_is_refused_with_a_message_and_nothing_stored(
    client, admin_document, settings, name, content, message
):
    document = admin_document
    body = multipart(
        with_upload(admin_document_form(document, title="Changed title")),
        name,
        content,
        field="renditions-0-file",
    )
    response = post_multipart(client, f"/admin/documents/document/{document.pk}/change/", body)
    assert response.status_code == 200
    assert message in response.content.decode()
    document.refresh_from_db()
    assert document.title == "Original title" and not document.renditions.filter(language="fr").exists()
    assert not [p for p in files_under(_media(settings)) if "/fr/" in str(p)]


@pytest.mark.parametrize("sent", ["../../etc/passwd.pdf", "C:\\x\\version.pdf", "ver\x00sion.pdf"])
def test_an_admin_upload_is_stored_in_its_documents_folder_whatever_its_name(
    client, admin_document, settings, sent
):
    document = admin_document
    body = multipart(
        with_upload(admin_document_form(document)), sent, one_page_pdf(), field="renditions-0-file"
    )
    with committed():
        response = post_multipart(client, f"/admin/documents/document/{document.pk}/change/", body)
    assert response.status_code == 302
    rendition = document.renditions.get(language="fr")
    folder = (_media(settings) / "documents" / str(document.pk) / "fr").resolve()
    assert Path(rendition.file.path).resolve().parent == folder
    assert re.fullmatch(r"[\w.-]+\.pdf", Path(rendition.file.name).name)


# ISU: a new version from a Word file.


@pytest.fixture
def isu(client, staff):
    client.force_login(staff)
    return make_draft()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("revised.docx", minimal_pdf(), "named .docx but its content is a PDF file"),
        ("revised.docx", HTML, "named .docx but its content is not a Word (DOCX) file"),
        ("revised.docx", EXE, "named .docx but its content is not a Word (DOCX) file"),
        ("revised.pdf", minimal_pdf(), "Only Word (DOCX) files are accepted"),
        ("revised.html", minimal_docx(), "Only Word (DOCX) files are accepted"),
        ("bomb.docx", BOMB, "compressed bomb"),
        ("revised.docx", DAMAGED_DOCX, "could not be read as a Word document"),
        (
            "revised.docx",
            zip_bytes({"[Content_Types].xml": b"x", "word/document.xml": b"x", "../../evil.sh": b"x"}),
            "a path outside the document",
        ),
        ("..%2Frevised.docx", minimal_docx(), "is not a plain file name"),
    ],
)
def test_a_hostile_word_file_is_refused_with_a_message_and_no_version_made(
    client, isu, name, content, message
):
    version = isu
    body = multipart({"label": "Revised draft"}, name, content, field="docx")
    response = post_multipart(client, f"/submissions/isu/drafts/{version.draft.slug}/versions/new/", body)
    assert response.status_code == 400
    assert message in text_of(response)
    assert DraftVersion.objects.count() == 1


def test_an_oversize_word_file_is_refused(client, isu, settings):
    settings.SUBMISSIONS_MAX_UPLOAD_BYTES = 1000
    body = multipart({"label": "Revised draft"}, "revised.docx", minimal_docx(), field="docx")
    response = post_multipart(client, f"/submissions/isu/drafts/{isu.draft.slug}/versions/new/", body)
    assert response.status_code == 400 and "the limit is" in text_of(response)
    assert DraftVersion.objects.count() == 1


def test_a_word_file_sent_with_folders_in_its_name_keeps_only_its_name(client, isu):
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph("1. A paragraph of the revised draft.")
    out = io.BytesIO()
    document.save(out)
    body = multipart({"label": "Revised draft"}, "../../tmp/revised.docx", out.getvalue(), field="docx")
    response = post_multipart(client, f"/submissions/isu/drafts/{isu.draft.slug}/versions/new/", body)
    assert response.status_code == 302
    assert DraftVersion.objects.latest("pk").source_name == "revised.docx"
