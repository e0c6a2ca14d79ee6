"""Versions made of stable paragraphs: pasted text or a Word file, identity carried into the
next version, comparison paragraph by paragraph."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from submissions import services
from submissions.models import DraftVersion, Paragraph
from submissions.parsing import ParseError, docx_to_structured_text, parse_structured_text

from .conftest import TEXT, paragraph, submitted, text_of

pytestmark = pytest.mark.django_db


def test_structured_text_is_split_into_parts_headings_and_paragraphs():
    paragraphs = parse_structured_text(TEXT + "\n7. Last one\n(a) with a sub-paragraph\n8 bis. Inserted")
    assert [p.number for p in paragraphs] == ["1", "2", "3", "4", "5", "6", "7", "8 bis"]
    third = paragraphs[2]
    assert (third.part, third.heading) == ("II. Universalization", "Joining the Convention")
    assert paragraphs[6].text == "Last one\n(a) with a sub-paragraph"
    assert paragraphs[0].heading == ""


@pytest.mark.parametrize(
    "text, message",
    [
        ("Preamble text\n1. First", "Line 1: “Preamble text” comes before any numbered paragraph"),
        ("1. First\n2. Second\n1. Again", "Line 3: paragraph 1 appears twice"),
        ("# Only a part", "No numbered paragraph was found"),
    ],
)
def test_structured_text_errors_say_where(text, message):
    with pytest.raises(ParseError) as error:
        parse_structured_text(text)
    assert message in str(error.value)


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Review of the Status and Operation", style="Title")
    document.add_paragraph("I. Introduction", style="Heading 1")
    document.add_paragraph("Purpose", style="Heading 2")
    document.add_paragraph("The first paragraph, numbered by Word.", style="List Number")
    document.add_paragraph("The second paragraph, numbered by Word.", style="List Number")
    document.add_paragraph("A continuation of the second paragraph.")
    document.add_paragraph("II. Substance", style="Heading 1")
    document.add_paragraph("7. A paragraph numbered by hand.")
    document.add_paragraph("The next one, numbered by Word after it.", style="List Number")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_file_is_read_into_parts_and_numbered_paragraphs():
    paragraphs = parse_structured_text(docx_to_structured_text(_docx()))
    assert [(p.number, p.part, p.heading) for p in paragraphs] == [
        ("1", "I. Introduction", "Purpose"),
        ("2", "I. Introduction", "Purpose"),
        ("7", "II. Substance", ""),
        ("8", "II. Substance", ""),
    ]
    assert paragraphs[1].text.endswith("A continuation of the second paragraph.")


def test_staff_create_a_version_from_pasted_text_and_then_from_a_word_file(client, staff, version):
    client.force_login(staff)
    draft = version.draft
    revised = (
        TEXT.replace("without delay", "at the earliest opportunity")
        .replace("6. The review covers", "6. New paragraph on funding for clearance.\n7. The review covers")
        .replace("2. States Parties reviewed its operation regularly.\n", "")
    )
    response = client.post(
        f"/submissions/isu/drafts/{draft.slug}/versions/new/", {"label": "Revised draft", "text": revised}
    )
    assert response.status_code == 302
    second = DraftVersion.objects.get(draft=draft, number=2)
    assert second.paragraphs.count() == 6
    assert second.created_by == staff

    response = client.post(
        f"/submissions/isu/drafts/{draft.slug}/versions/new/",
        {"label": "Second revised draft", "docx": SimpleUploadedFile("rev2.docx", _docx())},
    )
    assert response.status_code == 302
    third = DraftVersion.objects.get(draft=draft, number=3)
    assert third.source_name == "rev2.docx"
    assert list(third.paragraphs.values_list("number", flat=True)) == ["1", "2", "7", "8"]


def test_bad_version_input_keeps_the_text_and_says_why(client, staff, version):
    client.force_login(staff)
    typed = "Some preamble\n1. A paragraph typed with care"
    response = client.post(
        f"/submissions/isu/drafts/{version.draft.slug}/versions/new/", {"label": "Revised", "text": typed}
    )
    assert response.status_code == 400
    assert "comes before any numbered paragraph" in text_of(response)
    assert "1. A paragraph typed with care" in response.content.decode()
    response = client.post(
        f"/submissions/isu/drafts/{version.draft.slug}/versions/new/",
        {"label": "Revised", "docx": SimpleUploadedFile("rev.docx", b"%PDF-1.4 not a word file")},
    )
    assert "its content is a PDF file" in text_of(response)
    assert DraftVersion.objects.filter(draft=version.draft).count() == 1


def test_carried_paragraphs_keep_their_identity_and_comments_stay_attached(version, fp_a, mexico):
    submission = submitted(version, fp_a, mexico, comments=(("3", "comment", "On universalization", ""),))
    comment = submission.comments.get()
    revised = TEXT.replace("without delay", "at the earliest opportunity").replace(
        "1. The Convention entered into force in 2010.\n",
        "1. A wholly new opening paragraph about something else entirely.\n2. The Convention entered into force in 2010.\n",
    )
    revised = revised.replace("\n2. States Parties", "\n3. States Parties").replace(
        "\n3. States not party", "\n4. States not party"
    )
    revised = (
        revised.replace("\n4. Regional", "\n5. Regional")
        .replace("\n5. Survivors", "\n6. Survivors")
        .replace("\n6. The review", "\n7. The review")
    )
    second = services.create_version(
        draft=version.draft, label="Revised draft", paragraphs=parse_structured_text(revised), by=None
    )

    old = {p.number: p.paragraph_id for p in version.paragraphs.all()}
    new = {p.number: p.paragraph_id for p in second.paragraphs.all()}
    assert new["2"] == old["1"]  # renumbered, same text
    assert new["4"] == old["3"]  # renumbered and reworded
    assert new["1"] not in old.values()  # new
    assert Paragraph.objects.filter(draft=version.draft).count() == 7
    # The comment made on the zero draft is attached to the same paragraph in the revised draft.
    assert comment.paragraph.paragraph_id == second.paragraphs.get(number="4").paragraph_id


def test_compare_shows_changes_paragraph_by_paragraph(client, staff, version, fp_a, mexico):
    submitted(version, fp_a, mexico, comments=(("3", "comment", "On universalization", ""),))
    revised = (
        TEXT.replace("without delay", "at the earliest opportunity")
        .replace("2. States Parties reviewed its operation regularly.\n", "")
        .replace(
            "6. The review covers",
            "6. A new paragraph on funding for clearance and assistance.\n7. The review covers",
        )
    )
    revised = (
        revised.replace("\n3. States not", "\n2. States not")
        .replace("\n4. Regional", "\n3. Regional")
        .replace("\n5. Survivors", "\n4. Survivors")
        .replace("\n6. A new", "\n5. A new")
        .replace("\n7. The review", "\n6. The review")
    )
    second = services.create_version(
        draft=version.draft, label="Revised draft", paragraphs=parse_structured_text(revised), by=None
    )
    client.force_login(staff)
    response = client.get(f"/submissions/drafts/{version.draft.slug}/versions/{second.number}/compare/")
    html = response.content.decode()
    text = text_of(response)
    assert "<del>without delay</del><ins>at the earliest opportunity</ins>" in html
    assert "2 (was 3) Changed" in text
    assert "5 New A new paragraph on funding" in text
    assert "was 2 Removed States Parties reviewed its operation regularly." in text
    assert "1 Unchanged The Convention entered into force in 2010. 0" in text
    # The ISU sees that paragraph 2 (formerly 3) had a comment on the zero draft.
    assert "at the earliest opportunity . 1 3 (was 4) Unchanged" in text
    assert paragraph(second, 2).paragraph_id == paragraph(version, 3).paragraph_id
