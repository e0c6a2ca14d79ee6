"""From the amendments on the demonstration draft to its revised version: the ISU's decisions,
conflicts resolved before anything is built, the next version and each paragraph's lineage;
Rev.1 in Word with its changes tracked (each by the delegation whose amendment made it), and a
Word file in which the ISU accepted one change and rejected another, uploaded as the next version."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from lxml import etree

from submissions import services
from submissions.demo import DEMO_TEXT
from submissions.models import Comment, ParagraphLineage, SubmissionWindow

from .conftest import (
    FAR_DEADLINE,
    OPEN_FROM,
    make_draft,
    make_focal_point,
    paragraph,
    state_party,
    submitted,
    text_of,
)

pytestmark = pytest.mark.django_db

P3 = "States Parties would continue to encourage States not party to join the Convention at the earliest opportunity."
P3_MEXICO = (
    "States Parties would continue to encourage States not party to join the Convention without delay."
)
P5_CHILE = (
    "States Parties would strengthen the full and meaningful participation of survivors in the design "
    "of the services meant for them."
)
P4_PERU = "States Parties would report every two years on their contacts with States not party."


@pytest.fixture
def demo(db):
    return make_draft(slug="demonstration-draft", code="DEMO", text=DEMO_TEXT)


@pytest.fixture
def amended(demo, fp_a, mexico, fp_b, chile):
    """Mexico changes paragraph 3, Chile paragraph 5, Peru paragraph 4; Mexico comments on 2."""
    submitted(
        demo,
        fp_a,
        mexico,
        comments=[("2", "comment", "Mexico on the journey", ""), ("3", "amendment", "Sooner", P3_MEXICO)],
    )
    submitted(demo, fp_b, chile, comments=[("5", "amendment", "", P5_CHILE)])
    peru = state_party("Peru", "PER")
    submitted(
        demo, make_focal_point("p@peru.example", peru), peru, comments=[("4", "amendment", "", P4_PERU)]
    )
    return demo


def _amendment(version, number) -> Comment:
    return Comment.objects.get(
        paragraph=paragraph(version, number), kind__in=["amendment", "deletion", "addition"]
    )


def test_two_amendments_accepted_and_one_declined_give_exactly_two_changes(amended, staff, fp_a, mexico):
    services.record_decision(_amendment(amended, 3), disposition="taken_up", reason="", text="", by=staff)
    services.record_decision(_amendment(amended, 5), disposition="taken_up", reason="", text="", by=staff)
    services.record_decision(
        _amendment(amended, 4),
        disposition="not_taken_up",
        reason="Annual reporting is agreed",
        text="",
        by=staff,
    )
    rev1 = services.build_next_version(amended, label="Revised draft", by=staff)

    assert rev1.number == 2
    previous, changes = services.version_changes(rev1)
    assert previous == amended
    changed = {c.paragraph.number: c.paragraph.text for c in changes if c.status == "changed"}
    assert changed == {"3": P3_MEXICO, "5": P5_CHILE}
    assert [c.status for c in changes].count("unchanged") == 4
    assert paragraph(rev1, 4).text == paragraph(amended, 4).text  # Peru's was declined
    declined = _amendment(amended, 4)
    assert (declined.disposition, declined.disposition_note) == ("not_taken_up", "Annual reporting is agreed")
    lineage = {link.paragraph.number: link for link in ParagraphLineage.objects.filter(version=rev1)}
    assert {n: link.kind for n, link in lineage.items()} == {
        "1": "same",
        "2": "same",
        "3": "changed",
        "4": "same",
        "5": "changed",
        "6": "same",
    }
    assert list(lineage["3"].amendments.all()) == [_amendment(amended, 3)]

    SubmissionWindow.objects.create(version=rev1, opens_at=OPEN_FROM, original_deadline=FAR_DEADLINE)
    # A comment on Rev.1 is anchored to a paragraph whose lineage leads back to the zero draft.
    comment = submitted(rev1, fp_a, mexico, comments=[("3", "comment", "Thank you", "")]).comments.get()
    history = services.paragraph_history(comment.paragraph)
    assert [(step.version.number, step.kind, step.paragraph.text) for step in history] == [
        (2, "changed", P3_MEXICO),
        (1, "", P3),
    ]
    assert comment.paragraph.paragraph_id == paragraph(amended, 3).paragraph_id
    assert history[0].amendments == [_amendment(amended, 3)]


def test_nothing_is_built_while_an_amendment_has_no_decision(amended, staff):
    services.record_decision(_amendment(amended, 3), disposition="taken_up", reason="", text="", by=staff)
    with pytest.raises(services.Refused, match="2 amendments have no decision"):
        services.build_next_version(amended, label="Revised draft", by=staff)
    assert amended.draft.versions.count() == 1


def test_conflicting_amendments_must_be_resolved_before_building(amended, staff, fp_b, chile):
    chile_sub = chile.submissions.get()
    services.reopen(chile_sub, by=fp_b)
    services.save_comment(
        submission=chile_sub,
        by=fp_b,
        paragraph=paragraph(amended, 3),
        kind="amendment",
        text="",
        proposed_text=P3.replace("at the earliest opportunity", "as soon as possible"),
    )
    services.submit(chile_sub, by=fp_b)
    for comment in Comment.objects.filter(kind="amendment"):
        services.record_decision(comment, disposition="taken_up", reason="", text="", by=staff)
    plan = services.merge_plan(amended)
    assert [p.source.number for p in plan.conflicted] == ["3"]
    assert sorted(p.entry.delegation.name for p in plan.conflicted[0].conflicts) == ["Chile", "Mexico"]
    with pytest.raises(services.Refused, match="conflict on paragraphs 3"):
        services.build_next_version(amended, label="Revised draft", by=staff)

    chile_3 = Comment.objects.get(submission=chile_sub, paragraph=paragraph(amended, 3))
    services.record_decision(
        chile_3, disposition="not_taken_up", reason="Mexico's wording kept", text="", by=staff
    )
    rev1 = services.build_next_version(amended, label="Revised draft", by=staff)
    assert paragraph(rev1, 3).text == P3_MEXICO


def test_taken_up_with_changes_deletion_and_new_paragraph(demo, staff, fp_a, mexico):
    submitted(
        demo,
        fp_a,
        mexico,
        comments=[
            ("1", "deletion", "Not needed", ""),
            ("3", "amendment", "", P3_MEXICO),
            ("6", "addition", "", "A report would be made to the Review Conference."),
        ],
    )
    services.record_decision(_amendment(demo, 1), disposition="taken_up", reason="", text="", by=staff)
    services.record_decision(
        _amendment(demo, 3),
        disposition="partly",
        reason="Split in two",
        text="States Parties would encourage States not party to join.\n\nThey would do so without delay.",
        by=staff,
    )
    services.record_decision(_amendment(demo, 6), disposition="taken_up", reason="", text="", by=staff)
    rev1 = services.build_next_version(demo, label="Revised draft", by=staff)
    texts = [p.text for p in rev1.paragraphs.all()]
    assert texts[1:3] == [
        "States Parties would encourage States not party to join.",
        "They would do so without delay.",
    ]
    assert texts[-1] == "A report would be made to the Review Conference."
    assert [p.number for p in rev1.paragraphs.all()] == [str(n) for n in range(1, 8)]
    kinds = sorted((link.kind, link.source.number if link.source else None) for link in rev1.lineage.all())
    assert ("deleted", "1") in kinds and kinds.count(("split", "3")) == 2 and ("new", None) in kinds
    with pytest.raises(services.Refused, match="later version"):
        services.build_next_version(demo, label="Again", by=staff)


def test_the_isu_decides_and_builds_on_the_merge_page(client, amended, staff):
    client.force_login(staff)
    page = text_of(client.get(f"/submissions/isu/versions/{amended.pk}/merge/"))
    assert "Mexico · Proposed amendment" in page and "Peru · Proposed amendment" in page
    assert "Without a decision 3" in page

    mexico_3, peru_4, chile_5 = (_amendment(amended, n) for n in (3, 4, 5))
    # Declined without a reason: refused, with what was typed kept.
    response = client.post(
        f"/submissions/isu/amendments/{peru_4.pk}/decision/",
        {
            f"a{peru_4.pk}-disposition": "not_taken_up",
            f"a{peru_4.pk}-text": "Kept as typed",
            f"a{peru_4.pk}-reason": "",
        },
    )
    assert response.status_code == 400
    assert "Give the reason why the amendment is not taken up." in text_of(response)
    assert "Kept as typed" in response.content.decode()
    peru_4.refresh_from_db()
    assert peru_4.disposition == ""

    for comment, disposition, reason in (
        (mexico_3, "taken_up", ""),
        (chile_5, "taken_up", ""),
        (peru_4, "not_taken_up", "Annual reporting is agreed"),
    ):
        response = client.post(
            f"/submissions/isu/amendments/{comment.pk}/decision/",
            {f"a{comment.pk}-disposition": disposition, f"a{comment.pk}-reason": reason},
        )
        assert response["Location"] == f"/submissions/isu/versions/{amended.pk}/merge/#a-{comment.pk}"
    page = text_of(client.get(f"/submissions/isu/versions/{amended.pk}/merge/"))
    assert "Every amendment has a decision and no conflict remains." in page

    response = client.post(f"/submissions/isu/versions/{amended.pk}/merge/build/", {"label": ""})
    assert response.status_code == 400 and "This field is required." in text_of(response)
    assert amended.draft.versions.count() == 1
    response = client.post(f"/submissions/isu/versions/{amended.pk}/merge/build/", {"label": "Revised draft"})
    assert response["Location"] == "/submissions/drafts/demonstration-draft/versions/2/compare/"
    rev1 = amended.draft.versions.get(number=2)
    assert [p.text for p in rev1.paragraphs.all()][2:5] == [P3_MEXICO, paragraph(amended, 4).text, P5_CHILE]


def test_a_refused_build_says_why_and_keeps_the_label(client, amended, staff):
    client.force_login(staff)
    response = client.post(
        f"/submissions/isu/versions/{amended.pk}/merge/build/", {"label": "Rev. 1 as typed"}
    )
    assert response.status_code == 400
    assert "3 amendments have no decision yet" in text_of(response)
    assert 'value="Rev. 1 as typed"' in response.content.decode()


def test_the_merge_pages_are_for_the_isu_only(client, amended, fp_a):
    comment = _amendment(amended, 3)
    urls = [
        ("get", f"/submissions/isu/versions/{amended.pk}/merge/"),
        ("post", f"/submissions/isu/versions/{amended.pk}/merge/build/"),
        ("post", f"/submissions/isu/amendments/{comment.pk}/decision/"),
    ]
    for method, url in urls:
        assert getattr(client, method)(url)["Location"].startswith("/accounts/login/")
    client.force_login(fp_a)
    for method, url in urls:
        assert getattr(client, method)(url).status_code == 404
    assert amended.draft.versions.count() == 1


@pytest.mark.parametrize("extra", [0, 4])
def test_the_merge_page_query_count_does_not_grow(
    client, demo, staff, fp_a, mexico, extra, django_assert_max_num_queries
):
    submitted(demo, fp_a, mexico, comments=[("3", "amendment", "", P3_MEXICO)])
    for i in range(extra):
        state = state_party(f"State {i}", f"X{i}A")
        submitted(
            demo,
            make_focal_point(f"s{i}@example.org", state),
            state,
            comments=[("4", "amendment", "", f"{P4_PERU} {i}"), ("2", "comment", "Noted", "")],
        )
    client.force_login(staff)
    with django_assert_max_num_queries(14):
        response = client.get(f"/submissions/isu/versions/{demo.pk}/merge/")
    assert text_of(response).count("Proposed amendment") == 1 + extra


# --- Rev.1 in Word, and back ---

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def rev1(amended, staff):
    for number, disposition, reason in ((3, "taken_up", ""), (5, "taken_up", ""), (4, "not_taken_up", "No")):
        comment = Comment.objects.get(paragraph=paragraph(amended, number), kind="amendment")
        services.record_decision(comment, disposition=disposition, reason=reason, text="", by=staff)
    return services.build_next_version(amended, label="Revised draft", by=staff)


def _tracked(client, user) -> bytes:
    client.force_login(user)
    response = client.get("/submissions/drafts/demonstration-draft/versions/2/text.docx?changes=tracked")
    assert 'filename="demo-v2-changes.docx"' in response["Content-Disposition"]
    return response.content


def _resolve(data: bytes, *, accept: str, reject: str) -> bytes:
    """What Word does when one accepts every change by ``accept`` and rejects every change by
    ``reject``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(source.read("word/document.xml"))
    for element in list(root.iter(f"{W}ins", f"{W}del")):
        author = element.get(f"{W}author")
        keep = (element.tag == f"{W}ins") == (author == accept)
        parent = element.getparent()
        if keep:
            for t in element.iter(f"{W}delText"):
                t.tag = f"{W}t"
            index = parent.index(element)
            for child in list(element):
                parent.insert(index, child)
                index += 1
        parent.remove(element)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = etree.tostring(root) if item.filename == "word/document.xml" else source.read(item)
            target.writestr(item, content)
    return out.getvalue()


def test_rev1_in_word_tracks_each_change_by_the_delegation_that_proposed_it(client, rev1, fp_a):
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(_tracked(client, fp_a))).read("word/document.xml"))
    changes = {
        (etree.QName(e).localname, e.get(f"{W}author"), "".join(e.itertext()).strip())
        for e in root.iter(f"{W}ins", f"{W}del")
    }
    assert changes == {
        ("del", "Mexico", "at the earliest opportunity"),
        ("ins", "Mexico", "without delay"),
        ("ins", "Chile", "full and meaningful"),
    }


def test_a_word_file_with_one_change_accepted_and_one_rejected_becomes_the_next_version(
    client,
    rev1,
    staff,
    demo,
):
    resolved = _resolve(_tracked(client, staff), accept="Mexico", reject="Chile")
    response = client.post(
        "/submissions/isu/drafts/demonstration-draft/versions/new/",
        {"label": "Revised draft 2", "docx": SimpleUploadedFile("rev1-reviewed.docx", resolved, DOCX)},
    )
    assert response.status_code == 302, text_of(response)
    version = demo.draft.versions.get(number=3)
    texts = [p.text for p in version.paragraphs.all()]
    assert texts == [p.text for p in rev1.paragraphs.all()][:4] + [
        paragraph(demo, 5).text,
        paragraph(demo, 6).text,
    ]
    assert texts[2] == P3_MEXICO and P5_CHILE not in texts
    # Every paragraph keeps its identity, so comments stay anchored.
    assert [p.paragraph_id for p in version.paragraphs.all()] == [
        p.paragraph_id for p in rev1.paragraphs.all()
    ]


@pytest.mark.parametrize("choice", ["accept", "reject"])
def test_tracked_changes_left_in_the_file_are_read_as_the_isu_chooses(client, rev1, staff, demo, choice):
    data = _tracked(client, staff)
    client.post(
        "/submissions/isu/drafts/demonstration-draft/versions/new/",
        {
            "label": "Read back",
            "tracked_changes": choice,
            "docx": SimpleUploadedFile("rev1.docx", data, DOCX),
        },
    )
    version = demo.draft.versions.get(number=3)
    expected = rev1 if choice == "accept" else demo
    assert [p.text for p in version.paragraphs.all()] == [p.text for p in expected.paragraphs.all()]


# --- the evolution of the text ---


def _publish(submission, user, staff):
    services.reopen(submission, by=user)
    services.set_consent(submission, consent=True, by=user)
    services.submit(submission, by=user)
    services.publish(submission, by=staff)


def test_the_public_evolution_shows_a_paragraphs_changes_from_the_zero_draft_to_rev1(
    client, rev1, demo, staff, fp_a, mexico
):
    _publish(mexico.submissions.get(), fp_a, staff)  # Chile's stays unpublished
    demo.draft.versions.update(text_public=True)
    page = client.get("/submissions/drafts/demonstration-draft/evolution/")
    html = page.content.decode()
    assert "<del>at the earliest opportunity</del><ins>without delay</ins>" in html.replace("\n", "")
    assert "<ins> full and meaningful</ins>" in html
    text = text_of(page)
    assert "Amendments taken up: Mexico" in text and "Chile" not in text
    assert f"/submissions/drafts/demonstration-draft/published/{mexico.submissions.get().pk}/" in html


def test_the_evolution_shows_the_public_only_the_published_versions(client, rev1, demo, fp_a):
    demo.draft.versions.filter(number=1).update(text_public=True)
    text = text_of(client.get("/submissions/drafts/demonstration-draft/evolution/"))
    assert "Revised draft" not in text and "at the earliest opportunity" in text
    client.force_login(fp_a)  # those who read the drafts on the portal see every version
    assert "Revised draft" in text_of(client.get("/submissions/drafts/demonstration-draft/evolution/"))
    demo.draft.versions.update(text_public=False)
    client.logout()
    text = text_of(client.get("/submissions/drafts/demonstration-draft/evolution/"))
    assert "No version of this draft has its text published yet." in text


@pytest.mark.parametrize("built", [False, True])
def test_the_evolution_query_count_does_not_grow(
    client, amended, staff, built, django_assert_max_num_queries
):
    if built:
        for comment in Comment.objects.filter(kind="amendment"):
            services.record_decision(comment, disposition="taken_up", reason="", text="", by=staff)
        services.build_next_version(amended, label="Revised draft", by=staff)
    amended.draft.versions.update(text_public=True)
    with django_assert_max_num_queries(8):
        response = client.get("/submissions/drafts/demonstration-draft/evolution/")
    assert text_of(response).count("Paragraph 6") == 2 + built  # its heading, then once per version
