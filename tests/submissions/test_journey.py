"""Done when: signed in as the demo focal point of Mexico, a user comments on two paragraphs,
proposes an amendment, attaches a PDF, saves, comes back, submits, and sees the receipt; the
e-mail and the receipt PDF exist."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from submissions.models import Comment, Draft, Submission

from .conftest import minimal_pdf, pdf_text, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    call_command("load_ccm_data")
    settings.DEBUG = True
    call_command("create_demo_accounts")
    return Draft.objects.get(slug="demonstration-draft").versions.get()


def test_demo_focal_point_of_mexico_goes_through_the_whole_journey(
    client, demo, django_capture_on_commit_callbacks
):
    version = demo
    response = client.post("/accounts/login/", {"login": "delegate@example.org", "password": "ccm-demo"})
    assert response.status_code == 302

    index = text_of(client.get("/submissions/"))
    assert "You act for Mexico" in index
    assert "Demonstration draft" in index

    # Start the submission from the version page.
    response = client.post(f"/submissions/drafts/{version.draft.slug}/versions/{version.number}/start/")
    submission = Submission.objects.get(version=version, delegation__iso3="MEX")
    assert response["Location"] == submission.get_absolute_url()

    p1, p3 = version.paragraphs.get(number="1"), version.paragraphs.get(number="3")
    base = submission.get_absolute_url()
    # A comment on paragraph 1.
    form = client.get(f"{base}comments/new/?paragraph={p1.pk}&kind=comment")
    assert "Your comment on paragraph 1" in text_of(form)
    client.post(
        f"{base}comments/new/",
        {"paragraph": p1.pk, "kind": "comment", "text": "Mexico welcomes the structure of the text."},
    )
    # An amendment on paragraph 3: the form starts from the paragraph's text.
    form = client.get(f"{base}comments/new/?paragraph={p3.pk}&kind=amendment")
    assert form.context["form"].initial["proposed_text"] == p3.text
    amended = p3.text.replace("continue to encourage", "urge")
    client.post(
        f"{base}comments/new/",
        {"paragraph": p3.pk, "kind": "amendment", "text": "Stronger wording.", "proposed_text": amended},
    )
    # A PDF attached.
    client.post(
        f"{base}attachments/", {"file": SimpleUploadedFile("position.pdf", minimal_pdf(), "application/pdf")}
    )
    client.post(f"{base}consent/", {"consent_to_publish": "on"})

    # Come back: everything is there, the amendment shown as a change against the paragraph.
    client.logout()
    client.post("/accounts/login/", {"login": "delegate@example.org", "password": "ccm-demo"})
    page = client.get(base)
    html = page.content.decode()
    assert "Mexico welcomes the structure of the text." in html
    assert "<del>continue to encourage</del><ins>urge</ins>" in html
    assert "position.pdf" in html
    assert Comment.objects.filter(submission=submission, removed_at=None).count() == 2

    # Submit.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{base}submit/", {"consent_to_publish": "on"})
    submission.refresh_from_db()
    revision = submission.revisions.get()
    assert submission.state == Submission.State.SUBMITTED
    assert revision.receipt_number == "DEMO-V1-MEX-R1"
    assert response["Location"] == revision.get_absolute_url()

    receipt = text_of(client.get(response["Location"]))
    assert "Receipt DEMO-V1-MEX-R1" in receipt
    assert "position.pdf" in receipt
    assert "The delegation agrees to publication" in receipt

    # The e-mail, with the receipt PDF attached.
    [message] = mail.outbox
    assert message.to == ["delegate@example.org"]
    assert "DEMO-V1-MEX-R1" in message.subject and "DEMO-V1-MEX-R1" in message.body
    [(name, content, mimetype)] = message.attachments
    assert name == "receipt-DEMO-V1-MEX-R1.pdf" and mimetype == "application/pdf"
    assert content.startswith(b"%PDF-")
    assert "DEMO-V1-MEX-R1" in pdf_text(content)

    # The receipt PDF on its own address.
    pdf = client.get(f"{base}receipts/1.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    text = pdf_text(pdf.content)
    assert "DEMO-V1-MEX-R1" in text and "Mexico welcomes the structure" in text


def test_demo_is_refused_without_debug(settings, db):
    from submissions import demo

    settings.DEBUG = False
    demo.create()
    assert not Draft.objects.filter(slug="demonstration-draft").exists()


def test_demo_runs_twice_without_duplicates(demo, settings):
    from submissions import demo as demo_module

    demo_module.create()
    draft = Draft.objects.get(slug="demonstration-draft")
    assert draft.versions.count() == 1
    assert draft.versions.get().paragraphs.count() == 6
    assert draft.is_demo


def test_the_demonstration_draft_holds_demo_amendments_ready_to_merge(demo, settings):
    from submissions import services

    call_command("create_demo_accounts")  # a second time: nothing is added twice
    submissions = Submission.objects.filter(version=demo).exclude(revisions=None).distinct()
    assert sorted(s.delegation.name for s in submissions) == ["Chile", "Norway"]
    plan = services.merge_plan(demo)
    assert sorted((p.entry.delegation.name, p.kind) for p in plan.proposals) == [
        ("Chile", "amendment"),
        ("Norway", "amendment"),
        ("Norway", "deletion"),
    ]
    staff = Submission.objects.model._meta.get_field("created_by").related_model.objects.get(
        email="isu@example.org"
    )
    for proposal in plan.proposals:
        declined = proposal.kind == "deletion"
        services.record_decision(
            proposal.comment,
            disposition="not_taken_up" if declined else "taken_up",
            reason="Kept" if declined else "",
            text="",
            by=staff,
        )
    rev1 = services.build_next_version(demo, label="Revised draft", by=staff)
    _previous, changes = services.version_changes(rev1)
    assert [c.paragraph.number for c in changes if c.status == "changed"] == ["3", "5"]
    assert [c.status for c in changes].count("unchanged") == 4
