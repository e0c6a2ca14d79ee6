"""Hostile markup: markup put in every free-text field (delegations, people, meetings and their
agendas, statements and positions on topics, the machinery, documents, drafts, comments,
dispositions, extensions) is shown as text on every page (public, focal point, ISU, admin) and
in the document feed, held as text in every PDF (a document, a receipt, a compilation), and
shown as typed in plain-text mail. Open redirects are in test_open_redirects.py, hostile uploads
in test_hostile_uploads.py."""

import re
from datetime import date, datetime

import pytest
from django.db import models

from accounts.models import User
from consultations.models import Intervention, Position, Topic
from documents.models import Document, Rendition
from machinery.models import CoordinatorMandate, Presidency, WorkingGroup
from meetings.models import AgendaItem, Meeting, Participation
from submissions import services
from submissions.models import Compilation, Draft, DraftVersion, FocalPoint
from submissions.tasks import send_focal_point_mail
from submissions.uploads import CheckedFile
from tests.conftest import make_state
from tests.documents.conftest import make_document, pdf_text
from tests.submissions.conftest import GENEVA, make_draft, minimal_pdf

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
