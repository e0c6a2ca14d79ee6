"""Done when: staff see the statistics by category for a given date, record dispositions, and
download a compilation PDF and CSV that contain every comment by paragraph."""

import csv
import io
from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import Delegation
from submissions import services
from submissions.models import Comment, Compilation, ReportedStatistic

from .conftest import GENEVA, make_draft, make_focal_point, pdf_text, state_party, submitted, text_of

pytestmark = pytest.mark.django_db


def _organisation(name, category):
    return Delegation.objects.create(
        kind=Delegation.Kind.ORGANISATION, name=name, slug=name.lower().replace(" ", "-"), category=category
    )


def _at(day, hour=12):
    return datetime(2026, 2, day, hour, tzinfo=GENEVA)


@pytest.fixture
def consultation(version, mexico, fp_a):
    """Submissions from a State Party, a State not party, a signatory, a UN agency and an NGO."""
    from tests.conftest import make_state

    people = {
        "mexico": (mexico, fp_a),
        "tuvalu": (make_state(name="Tuvalu", iso3="TUV", signed=False), None),
        "haiti": (make_state(name="Haiti", iso3="HTI", signed=True, signature_date=date(2008, 12, 3)), None),
        "unicef": (_organisation("UNICEF", Delegation.Category.UN_AGENCY), None),
        "cmc": (_organisation("Cluster Munition Coalition", Delegation.Category.CMC), None),
    }
    result = {}
    for day, (key, (delegation, user)) in enumerate(people.items(), start=10):
        user = user or make_focal_point(f"{key}@example.org", delegation)
        submission = services.start_submission(
            version=version, delegation=delegation, by=user, at=_at(day, 9)
        )
        services.save_comment(
            submission=submission,
            by=user,
            paragraph=version.paragraphs.get(number="3"),
            kind="comment",
            text=f"{delegation.name} on universalization",
            at=_at(day, 9),
        )
        if key == "mexico":
            services.save_comment(
                submission=submission,
                by=user,
                paragraph=version.paragraphs.get(number="5"),
                kind="amendment",
                text="Stronger",
                proposed_text="Survivors take a full part in the design of services.",
                at=_at(day, 9),
            )
            services.save_comment(
                submission=submission,
                by=user,
                paragraph=None,
                kind="comment",
                text="Mexico general remark",
                at=_at(day, 9),
            )
        services.submit(submission, by=user, at=_at(day))
        result[key] = submission
    return result


def test_statistics_by_category_as_of_a_date(client, staff, version, consultation):
    services.withdraw(consultation["cmc"], by=staff, at=_at(20))
    client.force_login(staff)
    # 12 February: Mexico (10th), Tuvalu (11th), Haiti (12th).
    text = text_of(client.get(f"/submissions/isu/statistics/?version={version.pk}&on=2026-02-12"))
    assert "States Parties 1 Mexico" in text
    assert "States not party 2 Haiti, Tuvalu" in text
    assert "UN agencies 0" in text
    assert "Total 3" in text
    # 18 February: all five; the CMC withdrew only on the 20th.
    stats = services.statistics(version, on=date(2026, 2, 18))
    assert stats.counts == {
        "states_parties": 1,
        "states_not_party": 2,
        "un_agencies": 1,
        "other_organisations": 1,
    }
    stats = services.statistics(version, on=date(2026, 2, 20))
    assert stats.counts["other_organisations"] == 0 and stats.total == 4


def test_reported_statistics_are_shown_apart_from_the_portals_counts(client, staff, version):
    ReportedStatistic.objects.create(
        version=version,
        as_of=date(2026, 2, 18),
        states_parties=19,
        states_not_party=2,
        un_agencies=2,
        other_organisations=9,
        reported_by="The Presidency",
        source="A summary",
    )
    client.force_login(staff)
    before = text_of(client.get(f"/submissions/isu/statistics/?version={version.pk}&on=2026-02-17"))
    assert "As reported" not in before
    text = text_of(client.get(f"/submissions/isu/statistics/?version={version.pk}&on=2026-02-18"))
    assert "As reported, as of 18 February 2026" in text
    assert "States Parties 19 States not party 2 UN agencies 2 Other organisations 9 Total 32" in text
    assert "Total 0" in text  # the portal itself holds none


def test_statistics_with_a_bad_date_says_so(client, staff, version):
    client.force_login(staff)
    response = client.get(f"/submissions/isu/statistics/?version={version.pk}&on=18-02-2026x")
    assert "Enter a valid date" in text_of(response)


def test_staff_record_a_disposition_with_a_note(client, staff, consultation):
    comment = Comment.objects.get(text="Mexico on universalization")
    client.force_login(staff)
    response = client.post(
        f"/submissions/isu/comments/{comment.pk}/disposition/",
        {f"c{comment.pk}-disposition": "partly", f"c{comment.pk}-note": "Merged with the CMC proposal."},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.disposition == Comment.Disposition.PARTLY
    assert comment.disposition_note == "Merged with the CMC proposal."
    assert comment.disposition_by == staff
    assert comment.history.filter(history_user=staff).exists() or comment.history.count() >= 2
    page = text_of(client.get(response["Location"]))
    assert "Last recorded" in page


def test_a_bad_disposition_keeps_the_typed_note(client, staff, consultation):
    comment = Comment.objects.get(text="Mexico on universalization")
    client.force_login(staff)
    response = client.post(
        f"/submissions/isu/comments/{comment.pk}/disposition/",
        {f"c{comment.pk}-disposition": "", f"c{comment.pk}-note": "A note typed at length"},
    )
    assert response.status_code == 400
    assert "This field is required" in text_of(response)
    assert "A note typed at length" in response.content.decode()


def test_compilation_pdf_and_csv_contain_every_comment_by_paragraph(
    client, staff, version, consultation, django_capture_on_commit_callbacks
):
    services.record_disposition(
        Comment.objects.get(text="Haiti on universalization"), disposition="taken_up", note="", by=staff
    )
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/submissions/isu/versions/{version.pk}/compilation/")
    assert response.status_code == 302
    compilation = Compilation.objects.get(version=version)
    assert compilation.state == Compilation.State.READY
    assert compilation.comment_count == 7 and compilation.submission_count == 5
    assert "7 comments from 5 submissions" in text_of(
        client.get(f"/submissions/isu/versions/{version.pk}/compilation/")
    )

    pdf = b"".join(client.get(f"/submissions/isu/versions/{version.pk}/compilation.pdf"))
    assert pdf.startswith(b"%PDF-")
    text = " ".join(pdf_text(pdf).split())
    # General comments, then paragraph 3 (by delegation, in alphabetical order), then paragraph 5.
    order = [
        "General comments",
        "Mexico general remark",
        "Paragraph 3",
        "Cluster Munition Coalition on universalization",
        "Haiti on universalization",
        "Mexico on universalization",
        "Tuvalu on universalization",
        "UNICEF on universalization",
        "Paragraph 5",
        "Stronger",
    ]
    positions = [text.index(fragment) for fragment in order]
    assert positions == sorted(positions), text
    assert "Taken up" in text

    raw = b"".join(client.get(f"/submissions/isu/versions/{version.pk}/compilation.csv")).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    assert [(r["paragraph"], r["delegation"]) for r in rows] == [
        ("general", "Mexico"),
        ("3", "Cluster Munition Coalition"),
        ("3", "Haiti"),
        ("3", "Mexico"),
        ("3", "Tuvalu"),
        ("3", "UNICEF"),
        ("5", "Mexico"),
    ]
    haiti = next(r for r in rows if r["delegation"] == "Haiti")
    assert haiti["disposition"] == "Taken up" and haiti["category"] == "States not party"
    amendment = next(r for r in rows if r["paragraph"] == "5")
    assert amendment["kind"] == "Proposed amendment"
    assert amendment["proposed_text"] == "Survivors take a full part in the design of services."


def test_compilation_task_is_safe_to_run_twice(
    staff, version, consultation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        compilation = services.request_compilation(version, by=staff)
    compilation.refresh_from_db()
    first_pdf = compilation.pdf.name
    # The same task delivered again does nothing: the compilation is no longer queued.
    again = services.render_compilation(compilation_id=compilation.pk)
    assert again.state == Compilation.State.READY and again.pdf.name == first_pdf
    # Requested again: rendered again into the same files, one row.
    with django_capture_on_commit_callbacks(execute=True):
        services.request_compilation(version, by=staff)
    compilation.refresh_from_db()
    assert compilation.pdf.name == first_pdf
    assert Compilation.objects.count() == 1
    assert services.render_compilation(compilation_id=987654) is None


def test_a_queued_compilation_is_not_queued_twice(staff, version, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.request_compilation(version, by=staff)
        services.request_compilation(version, by=staff)
    assert len(callbacks) == 1


def test_publication_needs_consent_and_shows_on_the_public_page(
    client, staff, version, fp_a, mexico, fp_b, chile
):
    consented = submitted(
        version, fp_a, mexico, comments=(("2", "comment", "Mexico public view", ""),), consent=True
    )
    private = submitted(version, fp_b, chile, comments=(("2", "comment", "Chile private view", ""),))
    with pytest.raises(services.Refused):
        services.publish(private, by=staff)
    client.force_login(staff)
    client.post(f"/submissions/isu/submissions/{consented.pk}/publication/", {"action": "publish"})
    client.post(f"/submissions/isu/submissions/{private.pk}/publication/", {"action": "publish"})
    client.logout()
    page = text_of(client.get(version.draft.get_absolute_url()))
    assert "Mexico" in page and "Chile" not in page
    public = text_of(client.get(f"{version.draft.get_absolute_url()}published/{consented.pk}/"))
    assert "Mexico public view" in public
    assert client.get(f"{version.draft.get_absolute_url()}published/{private.pk}/").status_code == 404
    # Withdrawing takes it off the public page.
    services.withdraw(consented, by=fp_a)
    assert client.get(f"{version.draft.get_absolute_url()}published/{consented.pk}/").status_code == 404


def test_submission_list_filters(client, staff, version, consultation):
    client.force_login(staff)
    base = "/submissions/isu/submissions/"
    text = text_of(client.get(f"{base}?category=states_not_party"))
    assert "Haiti" in text and "Tuvalu" in text and "Mexico" not in text and "UNICEF" not in text
    text = text_of(client.get(f"{base}?paragraph=5"))
    assert "Mexico" in text and "Haiti" not in text
    text = text_of(client.get(f"{base}?region=americas"))
    assert "Mexico" in text and "UNICEF" not in text
    services.withdraw(consultation["haiti"], by=staff)
    text = text_of(client.get(f"{base}?state=withdrawn"))
    assert "Haiti" in text and "Mexico" not in text
    assert "1 submission" in text


# --- query counts on list pages: 1 row and many rows (the count must not grow) ---------------


def _queries(client, address, expect):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(address)
    assert expect in text_of(response)
    return len(ctx.captured_queries)


def _add_submissions(version, start, stop, staff=None):
    for i in range(start, stop):
        delegation = state_party(f"State {i:02d}", f"S{i:02d}")
        user = make_focal_point(f"s{i}@example.org", delegation)
        submission = submitted(
            version, user, delegation, comments=(("1", "comment", f"Remark {i}", ""),), consent=True
        )
        if staff:
            services.publish(submission, by=staff)


def test_isu_submission_list_query_count(client, staff, version):
    client.force_login(staff)
    _add_submissions(version, 0, 1)
    one = _queries(client, "/submissions/isu/submissions/", "State 00")
    _add_submissions(version, 1, 6)
    assert _queries(client, "/submissions/isu/submissions/", "State 05") == one


def test_public_draft_page_query_count(client, staff, version):
    _add_submissions(version, 0, 1, staff)
    one = _queries(client, version.draft.get_absolute_url(), "State 00")
    _add_submissions(version, 1, 6, staff)
    assert _queries(client, version.draft.get_absolute_url(), "State 05") == one
    assert one <= 5


def test_focal_point_index_query_count(client, mexico, fp_a):
    client.force_login(fp_a)
    submitted(make_draft(slug="draft-0", code="D0"), fp_a, mexico)
    one = _queries(client, "/submissions/", "D0-V1-MEX-R1")
    for i in range(1, 6):
        submitted(make_draft(slug=f"draft-{i}", code=f"D{i}"), fp_a, mexico)
    assert _queries(client, "/submissions/", "D5-V1-MEX-R1") == one


def test_isu_index_query_count(client, staff):
    client.force_login(staff)
    make_draft(slug="draft-0", code="D0")
    one = _queries(client, "/submissions/isu/", "Draft draft-0")
    for i in range(1, 6):
        make_draft(slug=f"draft-{i}", code=f"D{i}")
    assert _queries(client, "/submissions/isu/", "Draft draft-5") == one


def test_statistics_query_count(client, staff, version):
    client.force_login(staff)
    address = f"/submissions/isu/statistics/?version={version.pk}&on=2099-01-01"
    _add_submissions(version, 0, 1)
    one = _queries(client, address, "State 00")
    _add_submissions(version, 1, 6)
    assert _queries(client, address, "State 05") == one


def test_submission_page_query_count(client, version, mexico, fp_a):
    client.force_login(fp_a)
    submission = services.start_submission(version=version, delegation=mexico, by=fp_a)
    services.save_comment(submission=submission, by=fp_a, paragraph=None, kind="comment", text="c0")
    one = _queries(client, submission.get_absolute_url(), "c0")
    for i in range(1, 6):
        services.save_comment(
            submission=submission,
            by=fp_a,
            paragraph=version.paragraphs.get(number=str(i)),
            kind="comment",
            text=f"c{i}",
        )
    assert _queries(client, submission.get_absolute_url(), "c5") == one
