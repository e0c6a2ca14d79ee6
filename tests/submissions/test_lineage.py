"""The lineage of an uploaded version: each paragraph mapped to the previous version's as the
same, changed, split, merged, new or deleted, so that a paragraph's history can be followed back
and comments stay anchored."""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from submissions import services
from submissions.models import Comment, ParagraphLineage
from submissions.parsing import parse_structured_text

from .conftest import make_draft, paragraph, submitted, text_of

pytestmark = pytest.mark.django_db

ZERO = """
1. States Parties reaffirm their commitment to the full implementation of the Convention.
2. They recall the obligations of Article 3 on stockpile destruction within eight years.
3. States Parties will report on clearance of contaminated areas and on risk education, and they will share information on victim assistance every year.
4. The Coordination Committee meets regularly to support the work of the Convention.
5. The Implementation Support Unit keeps the records of the meetings.
6. The review covers the years 2021 to 2025.
"""

NEXT = [
    "States Parties reaffirm their commitment to the full implementation of the Convention and recall the "
    "obligations of Article 3 on stockpile destruction within eight years.",
    "States Parties will report on clearance of contaminated areas and on risk education.",
    "They will share information on victim assistance every year.",
    "The Coordination Committee meets every month to support the work of the Convention.",
    "The review covers the years 2021 to 2025.",
    "A new paragraph on gender and diversity in all the work under the Convention.",
]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def zero(db):
    return make_draft(slug="lineage", code="LIN", text=ZERO)


def _links(version) -> set[tuple[str, str, str]]:
    return {
        (
            link.source.number if link.source else "",
            link.paragraph.number if link.paragraph else "",
            link.kind,
        )
        for link in ParagraphLineage.objects.filter(version=version).select_related("source", "paragraph")
    }


EXPECTED = {
    ("1", "1", "merged"),
    ("2", "1", "merged"),
    ("3", "2", "split"),
    ("3", "3", "split"),
    ("4", "4", "changed"),
    ("6", "5", "same"),
    ("", "6", "new"),
    ("5", "", "deleted"),
}


def test_an_uploaded_version_records_same_changed_split_merged_new_and_deleted(zero, staff):
    text = "\n".join(f"{n}. {t}" for n, t in enumerate(NEXT, start=1))
    rev1 = services.create_version(
        draft=zero.draft, label="Revised draft", paragraphs=parse_structured_text(text), by=staff
    )
    assert _links(rev1) == EXPECTED
    # The merged paragraph keeps the identity of its first source, the split one's first part
    # the identity of the paragraph it comes from: comments on them stay anchored.
    assert paragraph(rev1, 1).paragraph_id == paragraph(zero, 1).paragraph_id
    assert paragraph(rev1, 2).paragraph_id == paragraph(zero, 3).paragraph_id
    assert paragraph(rev1, 5).paragraph_id == paragraph(zero, 6).paragraph_id
    history = services.paragraph_history(paragraph(rev1, 1))
    assert [(step.version.number, step.kind, step.paragraph.number) for step in history] == [
        (2, "merged", "1"),
        (1, "", "1"),
    ]


def test_a_word_file_uploaded_as_the_next_version_records_its_lineage(client, zero, staff, fp_a, mexico):
    submitted(zero, fp_a, mexico, comments=[("3", "comment", "On reporting", "")])
    document = docx.Document()
    for number, text in enumerate(NEXT, start=1):
        document.add_paragraph(f"{number}. {text}")
    out = io.BytesIO()
    document.save(out)
    client.force_login(staff)
    response = client.post(
        "/submissions/isu/drafts/lineage/versions/new/",
        {"label": "Revised draft", "docx": SimpleUploadedFile("revised.docx", out.getvalue(), DOCX)},
    )
    assert response.status_code == 302, text_of(response)
    rev1 = zero.draft.versions.get(number=2)
    assert _links(rev1) == EXPECTED
    # The comment made on paragraph 3 of the zero draft follows it into its first part.
    comment = Comment.objects.get()
    assert paragraph(rev1, 2).paragraph_id == comment.paragraph.paragraph_id


def test_an_upload_with_nothing_changed_is_the_same_paragraph_by_paragraph(zero, staff):
    rev1 = services.create_version(
        draft=zero.draft, label="Same again", paragraphs=parse_structured_text(ZERO), by=staff
    )
    assert _links(rev1) == {(str(n), str(n), "same") for n in range(1, 7)}


def test_a_paragraph_changed_to_hold_its_deleted_neighbour_is_merged_in_the_next_version(
    client, zero, staff, fp_a, mexico, fp_b, chile
):
    submitted(zero, fp_a, mexico, comments=[("1", "amendment", "One paragraph", NEXT[0])])
    submitted(zero, fp_b, chile, comments=[("2", "deletion", "Now in paragraph 1", "")])
    for comment in Comment.objects.all():
        services.record_decision(comment, disposition="taken_up", reason="", text="", by=staff)
    plan = services.merge_plan(zero)
    assert [p.kind for p in plan.paragraphs][:3] == ["merged", "merged", "same"]
    client.force_login(staff)
    assert "(merged into paragraph 1)" in text_of(client.get(f"/submissions/isu/versions/{zero.pk}/merge/"))
    rev1 = services.build_next_version(zero, label="Revised draft", by=staff)
    assert [p.text for p in rev1.paragraphs.all()][:2] == [NEXT[0], paragraph(zero, 3).text]
    assert _links(rev1) == {
        ("1", "1", "merged"),
        ("2", "1", "merged"),
        ("3", "2", "same"),
        ("4", "3", "same"),
        ("5", "4", "same"),
        ("6", "5", "same"),
    }
    links = ParagraphLineage.objects.filter(version=rev1, kind="merged").order_by("source__position")
    assert [
        list(link.amendments.values_list("submission__delegation__name", flat=True)) for link in links
    ] == [
        ["Mexico"],
        ["Chile"],
    ]
    history = services.paragraph_history(paragraph(rev1, 1))
    assert [(step.version.number, step.kind) for step in history] == [(2, "merged"), (1, "")]
