"""The disposition table of a version: every comment and amendment with the delegation, the
disposition and its reason, as PDF and Word, prepared in the background; the ISU's edition
holds every text, the public one hides the text of delegations that did not agree to
publication; the public sees it only once the ISU publishes it."""

import io

import docx
import pytest

from submissions import services
from submissions.models import Comment, DispositionTable

from .conftest import paragraph, pdf_text, state_party, submitted, text_of

pytestmark = pytest.mark.django_db

MEXICO_COMMENT = "Mexico welcomes the first paragraph"
MEXICO_PROPOSAL = "States not party are strongly encouraged to join without delay."
CHILE_COMMENT = "Chile keeps this comment confidential"
CHILE_PROPOSAL = "Regional meetings and bilateral contacts support universalization."
PERU_GENERAL = "Peru thanks the Presidency"


@pytest.fixture
def received(version, staff, fp_a, mexico, fp_b, chile):
    """Mexico (consents) comments on 1 and amends 3; Chile (does not consent) comments on 2 and
    amends 4; Peru (consents) sends a general comment. The ISU records a disposition on most."""
    submitted(
        version,
        fp_a,
        mexico,
        comments=[("1", "comment", MEXICO_COMMENT, ""), ("3", "amendment", "Stronger", MEXICO_PROPOSAL)],
        consent=True,
    )
    submitted(
        version,
        fp_b,
        chile,
        comments=[("2", "comment", CHILE_COMMENT, ""), ("4", "amendment", "", CHILE_PROPOSAL)],
    )
    from .conftest import make_focal_point

    peru = state_party("Peru", "PER")
    submitted(
        version,
        make_focal_point("p@peru.example", peru),
        peru,
        comments=[("", "comment", PERU_GENERAL, "")],
        consent=True,
    )
    decisions = {
        (3, "amendment"): ("taken_up", "Agreed wording"),
        (4, "amendment"): ("not_taken_up", "Bilateral contacts are out of scope"),
        (2, "comment"): ("for_discussion", "To the meeting"),
    }
    for (number, kind), (disposition, note) in decisions.items():
        comment = Comment.objects.get(paragraph=paragraph(version, number), kind=kind)
        services.record_disposition(comment, disposition=disposition, note=note, by=staff)
    return version


def _prepare(client, staff, version, capture) -> DispositionTable:
    client.force_login(staff)
    with capture(execute=True):
        response = client.post(f"/submissions/isu/versions/{version.pk}/dispositions/")
    assert response.status_code == 302
    table = DispositionTable.objects.get(version=version)
    assert table.state == DispositionTable.State.READY, table.error
    return table


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return " ".join(" ".join(parts).split())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def test_the_table_lists_every_comment_with_its_disposition(
    client, received, staff, django_capture_on_commit_callbacks
):
    table = _prepare(client, staff, received, django_capture_on_commit_callbacks)
    assert table.comment_count == 5
    assert [s["number"] for s in table.sections] == ["", "1", "2", "3", "4"]
    rows = {
        (s["number"], e["delegation"]): (e["kind"], e["disposition"], e["note"])
        for s in table.sections
        for e in s["entries"]
    }
    assert rows == {
        ("", "Peru"): ("comment", "", ""),
        ("1", "Mexico"): ("comment", "", ""),
        ("2", "Chile"): ("comment", "for_discussion", "To the meeting"),
        ("3", "Mexico"): ("amendment", "taken_up", "Agreed wording"),
        ("4", "Chile"): ("amendment", "not_taken_up", "Bilateral contacts are out of scope"),
    }
    staff_pdf = _one_line(
        pdf_text(_body(client.get(f"/submissions/isu/versions/{received.pk}/dispositions.pdf")))
    )
    staff_docx = docx_text(_body(client.get(f"/submissions/isu/versions/{received.pk}/dispositions.docx")))
    for text in (staff_pdf, staff_docx):
        for needed in (
            "Paragraph 3",
            "Taken up",
            "Agreed wording",
            "Not taken up",
            "Bilateral contacts are out of scope",
            "For discussion at the meeting",
            "No disposition recorded",
            PERU_GENERAL,
            MEXICO_PROPOSAL,
        ):
            assert needed in text, (needed, text)
        # The ISU's edition holds the text of the delegation that did not consent.
        assert CHILE_COMMENT in text and CHILE_PROPOSAL in text


def test_the_public_table_hides_the_text_of_delegations_that_did_not_consent(
    client, received, staff, django_capture_on_commit_callbacks
):
    table = _prepare(client, staff, received, django_capture_on_commit_callbacks)
    response = client.post(f"/submissions/isu/versions/{received.pk}/dispositions/publication/")
    table.refresh_from_db()
    assert table.is_published and table.published_by == staff
    client.logout()
    base = f"/submissions/drafts/{received.draft.slug}/versions/1/dispositions"
    page = text_of(client.get(f"{base}/"))
    public_pdf = _one_line(pdf_text(_body(client.get(f"{base}.pdf"))))
    public_docx = docx_text(_body(client.get(f"{base}.docx")))
    for text in (page, public_pdf, public_docx):
        assert "Chile" in text and "Not taken up" in text and "Bilateral contacts are out of scope" in text
        assert CHILE_COMMENT not in text and CHILE_PROPOSAL not in text, text
        assert "not published at the delegation's request." in text  # pypdf reads "T ext"
        assert MEXICO_COMMENT in text and MEXICO_PROPOSAL in text and PERU_GENERAL in text
    assert response.status_code == 302
    draft_page = client.get(f"/submissions/drafts/{received.draft.slug}/")
    assert f'href="{base}/"' in draft_page.content.decode()


def test_an_unpublished_table_is_a_404_to_everyone_but_the_isu(
    client, received, staff, fp_a, django_capture_on_commit_callbacks
):
    _prepare(client, staff, received, django_capture_on_commit_callbacks)
    base = f"/submissions/drafts/{received.draft.slug}/versions/1/dispositions"
    assert "Not published yet: only the ISU sees this page." in text_of(client.get(f"{base}/"))
    for user in (None, fp_a):
        client.logout()
        if user:
            client.force_login(user)
        for address in (f"{base}/", f"{base}.pdf", f"{base}.docx"):
            assert client.get(address).status_code == 404
        assert client.get(f"/submissions/isu/versions/{received.pk}/dispositions.pdf").status_code in (
            302,
            404,
        )
    assert "dispositions" not in client.get(f"/submissions/drafts/{received.draft.slug}/").content.decode()
    client.force_login(staff)
    client.post(f"/submissions/isu/versions/{received.pk}/dispositions/publication/", {"action": "unpublish"})
    assert not DispositionTable.objects.get().is_published


def test_a_withdrawn_consent_stops_the_publication_until_prepared_again(
    client, received, staff, fp_a, mexico, django_capture_on_commit_callbacks
):
    _prepare(client, staff, received, django_capture_on_commit_callbacks)
    submission = mexico.submissions.get()
    services.reopen(submission, by=fp_a)
    services.set_consent(submission, consent=False, by=fp_a)
    response = client.post(f"/submissions/isu/versions/{received.pk}/dispositions/publication/", follow=True)
    assert "withdrawn its consent since the table was prepared" in text_of(response)
    assert not DispositionTable.objects.get().is_published
    table = _prepare(client, staff, received, django_capture_on_commit_callbacks)
    services.publish_disposition_table(table, by=staff)
    client.logout()
    page = text_of(client.get(f"/submissions/drafts/{received.draft.slug}/versions/1/dispositions/"))
    assert MEXICO_COMMENT not in page and "Mexico" in page


def test_consent_withdrawn_after_publication_takes_the_files_down_and_the_text_off_the_page(
    client, received, staff, fp_a, mexico, django_capture_on_commit_callbacks
):
    services.publish_disposition_table(
        _prepare(client, staff, received, django_capture_on_commit_callbacks), by=staff
    )
    submission = mexico.submissions.get()
    services.reopen(submission, by=fp_a)
    services.set_consent(submission, consent=False, by=fp_a)
    client.logout()
    base = f"/submissions/drafts/{received.draft.slug}/versions/1/dispositions"
    page = client.get(f"{base}/")
    assert MEXICO_COMMENT not in text_of(page) and "Agreed wording" in text_of(page)
    assert f"{base}.pdf" not in page.content.decode()
    assert client.get(f"{base}.pdf").status_code == client.get(f"{base}.docx").status_code == 404


def test_the_table_is_prepared_once_per_generation(received, staff):
    table = services.request_disposition_table(received, by=staff)
    first = services.render_disposition_table(table_id=table.pk, generation=table.generation)
    again = services.render_disposition_table(table_id=table.pk, generation=table.generation)
    assert first.state == again.state == DispositionTable.State.READY
    assert first.public_pdf.name == again.public_pdf.name
    assert _body_of(again.public_pdf).startswith(b"%PDF-")


def _body_of(field_file) -> bytes:
    with field_file.open("rb") as handle:
        return handle.read()


@pytest.mark.parametrize("extra", [0, 3])
def test_the_public_table_query_count_does_not_grow(
    client, received, staff, extra, django_assert_max_num_queries
):
    for i in range(extra):
        delegation = state_party(f"State {i}", f"S{i:02d}")
        from .conftest import make_focal_point

        user = make_focal_point(f"s{i}@example.org", delegation)
        submitted(received, user, delegation, comments=[("5", "comment", f"Remark {i}", "")], consent=True)
    table = services.request_disposition_table(received, by=staff)
    services.render_disposition_table(table_id=table.pk)
    services.publish_disposition_table(DispositionTable.objects.get(), by=staff)
    with django_assert_max_num_queries(6):
        response = client.get(f"/submissions/drafts/{received.draft.slug}/versions/1/dispositions/")
    assert text_of(response).count("Remark") == extra
