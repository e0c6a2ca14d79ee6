"""What the submission form says when something is wrong: next to the field, with how to fix it."""

import pytest

from submissions import services

from .conftest import text_of

pytestmark = pytest.mark.django_db


def test_attaching_nothing_says_to_choose_a_file(client, fp_a, mexico, version):
    submission = services.start_submission(version=version, delegation=mexico, by=fp_a)
    client.force_login(fp_a)
    page = client.post(f"/submissions/{submission.pk}/attachments/", {})
    assert page.status_code == 400
    html = page.content.decode()
    assert 'aria-invalid="true"' in html and 'id="id_file_error"' in html
    assert "Choose a file to attach: a PDF, Word (DOCX) or OpenDocument (ODT) file." in text_of(page)


def test_an_empty_comment_says_to_write_it_and_keeps_the_choice(client, fp_a, mexico, version):
    submission = services.start_submission(version=version, delegation=mexico, by=fp_a)
    paragraph = version.paragraphs.first()
    client.force_login(fp_a)
    page = client.post(
        f"/submissions/{submission.pk}/comments/new/",
        {"paragraph": paragraph.pk, "kind": "amendment", "text": "Why", "proposed_text": ""},
    )
    assert "Give the paragraph as you would have it." in text_of(page)
    assert 'value="amendment" required id="id_kind_1" checked' in page.content.decode()
    assert ">Why</textarea>" in page.content.decode().replace("\n", "")
