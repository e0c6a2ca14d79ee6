"""Attachments are checked by content: PDF, DOCX or ODT, within a size limit; lying extensions,
zip bombs and path names are refused with a clear message next to the field."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from submissions import services
from submissions.models import Attachment
from submissions.uploads import UploadRefused, check_upload

from .conftest import minimal_docx, minimal_pdf, text_of, zip_bytes

pytestmark = pytest.mark.django_db


class RawUpload(io.BytesIO):
    """An upload exactly as a client named it (Django's own upload classes already drop folders
    from the name; the check must not rely on that)."""

    def __init__(self, name: str, content: bytes):
        super().__init__(content)
        self.name, self.size = name, len(content)


ODT = zip_bytes(
    {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:document/>"},
    zipfile.ZIP_STORED,
)


@pytest.mark.parametrize(
    "name, content, file_type",
    [("annex.pdf", minimal_pdf(), "pdf"), ("Annex.DOCX", minimal_docx(), "docx"), ("note.odt", ODT, "odt")],
)
def test_accepted_files(name, content, file_type):
    checked = check_upload(SimpleUploadedFile(name, content))
    assert checked.file_type == file_type and checked.size == len(content) and len(checked.sha256) == 64


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("annex.pdf", minimal_docx(), "named .pdf but its content is a Word (DOCX) file"),
        ("annex.docx", minimal_pdf(), "named .docx but its content is a PDF file"),
        ("annex.pdf", b"MZ\x90\x00 an executable", "named .pdf but its content is not a PDF file"),
        ("annex.exe", minimal_pdf(), "Only PDF, Word (DOCX), OpenDocument (ODT) files are accepted"),
        ("../../etc/annex.pdf", minimal_pdf(), "is not a plain file name"),
        ("C:\\Users\\annex.pdf", minimal_pdf(), "is not a plain file name"),
        ("annex.pdf", b"", "The file is empty"),
        (
            "annex.docx",
            zip_bytes({"[Content_Types].xml": b"x", "word/document.xml": b"x", "../../evil.sh": b"x"}),
            "a path outside the document",
        ),
        (
            "bomb.docx",
            zip_bytes({"[Content_Types].xml": b"x", "word/document.xml": b"\0" * 50_000_000}),
            "compressed bomb",
        ),
        ("annex.odt", zip_bytes({"mimetype": b"application/zip", "content.xml": b"x"}), "not a OpenDocument"),
    ],
)
def test_refused_files(name, content, message):
    with pytest.raises(UploadRefused) as error:
        check_upload(RawUpload(name, content))
    assert message.replace("not a OpenDocument", "not a OpenDocument (ODT)") in str(error.value)


def test_the_size_limit(settings):
    settings.SUBMISSIONS_MAX_UPLOAD_BYTES = 100
    with pytest.raises(UploadRefused) as error:
        check_upload(SimpleUploadedFile("annex.pdf", minimal_pdf() + b"\0" * 200))
    assert "the limit is" in str(error.value)


def test_expanded_size_limit(settings):
    settings.SUBMISSIONS_MAX_EXPANDED_BYTES = 1000
    content = zip_bytes({"[Content_Types].xml": b"x", "word/document.xml": b"a" * 5000})
    with pytest.raises(UploadRefused, match="expands to more than the portal accepts"):
        check_upload(SimpleUploadedFile("annex.docx", content))


def test_a_refused_upload_is_explained_next_to_the_field(client, version, fp_a, mexico):
    submission = services.start_submission(version=version, delegation=mexico, by=fp_a)
    client.force_login(fp_a)
    response = client.post(
        f"/submissions/{submission.pk}/attachments/",
        {"file": SimpleUploadedFile("annex.pdf", minimal_docx())},
    )
    assert response.status_code == 400
    assert "named .pdf but its content is a Word (DOCX) file" in text_of(response)
    assert not Attachment.objects.exists()


def test_an_accepted_upload_is_stored_under_a_random_name_and_downloads_with_its_own(
    client, version, fp_a, mexico
):
    submission = services.start_submission(version=version, delegation=mexico, by=fp_a)
    client.force_login(fp_a)
    client.post(
        f"/submissions/{submission.pk}/attachments/",
        {"file": SimpleUploadedFile("Position paper.pdf", minimal_pdf())},
    )
    attachment = Attachment.objects.get()
    assert "Position" not in attachment.file.name
    response = client.get(f"/submissions/{submission.pk}/attachments/{attachment.pk}/")
    assert b"".join(response) == minimal_pdf()
    assert 'filename="Position paper.pdf"' in response["Content-Disposition"]
    # Removed from the draft, the file stays for earlier revisions.
    client.post(f"/submissions/{submission.pk}/attachments/{attachment.pk}/delete/")
    attachment.refresh_from_db()
    assert attachment.removed_at is not None and attachment.file.storage.exists(attachment.file.name)
