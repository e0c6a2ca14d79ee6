"""Hostile uploads are refused with a message and leave nothing behind: a focal point's
attachment, the admin's PDF of a language version and ISU's Word file for a new draft version
(content that is not what the name says, markup, executables, compressed bombs, archives that
reach outside, oversize files); folders and control characters in a sent file name never reach
the disk. What tests/submissions/test_uploads.py and tests/documents/test_admin.py do not
already cover."""

import io
import re
from pathlib import Path

import pytest

from submissions.models import Attachment, DraftVersion
from tests.conftest import one_page_pdf
from tests.documents.conftest import committed, make_document
from tests.submissions.conftest import make_draft, minimal_docx, minimal_pdf, text_of, zip_bytes

from .hostile import (
    admin_document_form,
    build_world,
    files_under,
    multipart,
    post_multipart,
    with_upload,
)

pytestmark = pytest.mark.django_db

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
