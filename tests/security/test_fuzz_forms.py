"""Fuzzing of forms: whatever a visitor, a focal point or ISU staff post to the sign-in and
password reset forms, a comment, an attachment, consent and submission, a disposition, a
publication, a window extension, a new draft version (pasted text or a Word file) or the admin's
upload of a language version, the portal answers without a server error: the form is saved, or
it shows itself again with the input kept and the error next to the field, and a refused upload
leaves nothing stored.

The strategies, and ``CCM_FUZZ_SCALE`` / ``CCM_FUZZ_RANDOM`` for a longer hunt by hand, are in
tests/security/fuzzing.py; addresses and query strings are fuzzed in test_fuzz_addresses.py."""

from pathlib import Path

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils.html import escape
from hypothesis import example, given
from hypothesis import strategies as st

from documents.models import Rendition
from submissions import services
from submissions.models import Attachment, Comment, DraftVersion, Submission, WindowExtension
from tests.conftest import one_page_pdf
from tests.submissions.conftest import minimal_docx, minimal_pdf, zip_bytes

from .fuzzing import dates, examples, fuzz_world, params, text, times
from .hostile import (
    World,
    admin_document_form,
    files_under,
    last,
    multipart,
    name_too_long_to_parse,
    no_server_error,
    post_multipart,
    shown,
    with_upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db, settings) -> World:
    return fuzz_world(settings)


# --- sign-in and password reset --------------------------------------------------------------


@examples(60)
@given(data=params({"login": text, "password": text, "remember": text}))
def test_the_sign_in_form_refuses_nonsense_and_keeps_the_address(world, data):
    cache.clear()
    response = no_server_error(Client().post("/accounts/login/", data))
    assert response.status_code == 200  # never signed in
    page = response.content.decode()
    assert 'name="login"' in page and ("errorlist" in page or "message--error" in page)
    login = last(data.get("login", ""))
    if login and "\x00" not in login and login == login.strip():
        assert f'value="{shown(login)}"' in page


@examples(50)
@given(data=params({"email": text}))
def test_the_password_reset_form_refuses_nonsense(world, data):
    cache.clear()
    mail.outbox.clear()
    response = no_server_error(Client().post("/accounts/password/reset/", data))
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "errorlist" in response.content.decode()
        assert not mail.outbox
    for message in mail.outbox:  # at most one well-formed address: no header injection
        assert len(message.to) == 1 and not set(message.to[0]) & {"\r", "\n", "\x00", ","}


# --- focal-point forms -----------------------------------------------------------------------

kinds = st.one_of(st.sampled_from(Comment.Kind.values), text)


@examples(80)
@given(
    paragraph=st.one_of(st.sampled_from(["", "first", "other-version"]), text),
    data=params({"kind": kinds, "text": text, "proposed_text": text}),
)
def test_writing_a_comment_saves_it_or_shows_the_form_again(client, world, paragraph, data):
    submission = world.draft_submission
    paragraphs = {
        "": "",
        "first": str(world.version.paragraphs.first().pk),
        "other-version": "999999",
    }
    paragraph_value = paragraphs.get(paragraph, paragraph)
    client.force_login(world.fp_a)
    before = Comment.objects.count()
    response = no_server_error(
        client.post(f"/submissions/{submission.pk}/comments/new/", data | {"paragraph": paragraph_value})
    )
    if response.status_code == 404:  # a paragraph that is not one of this version's
        assert paragraph_value not in ("", paragraphs["first"])
    elif response.status_code == 302:
        assert Comment.objects.count() == before + 1
    else:
        assert response.status_code == 200
        assert Comment.objects.count() == before
        page = response.content.decode()
        assert "errorlist" in page
        typed = last(data.get("text", ""))
        if typed and "\x00" not in typed:
            assert shown(typed) in page
    response = client.get(
        f"/submissions/{submission.pk}/comments/new/", {"paragraph": paragraph_value} | data
    )
    no_server_error(response)


@examples(50)
@given(data=params({"kind": kinds, "text": text, "proposed_text": text}))
def test_editing_a_comment_saves_it_or_shows_the_form_again(client, world, data):
    submission, comment = world.draft_submission, world.comment
    client.force_login(world.fp_a)
    response = no_server_error(client.post(f"/submissions/{submission.pk}/comments/{comment.pk}/edit/", data))
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "errorlist" in response.content.decode()


file_names = st.one_of(
    st.builds(
        lambda stem, ext: stem + ext,
        text,
        st.sampled_from([".pdf", ".PDF", ".docx", ".odt", ".html", ".exe", ".pdf.html", ".svg", ""]),
    ),
    st.sampled_from(
        [
            "../../etc/passwd.pdf",
            "..\\..\\annex.pdf",
            "C:\\x\\y.pdf",
            "/etc/passwd.pdf",
            "a\x00b.pdf",
            "annex.pdf\x00.html",
            "%2e%2e%2fannex.pdf",
            ".pdf",
            "..",
            "",
            'a"b.pdf',
            "a\r\nContent-Type: text/html\r\n\r\n.pdf",
            "&#47;etc&#47;passwd.pdf",
            "x" * 300 + ".pdf",
        ]
    ),
)
file_contents = st.one_of(
    st.binary(max_size=200),
    st.binary(max_size=200).map(lambda b: minimal_pdf() + b),
    st.binary(max_size=50).map(lambda b: b"%PDF-" + b),
    st.just(minimal_pdf()),
    st.just(minimal_docx()),
    st.just(b"<html><script>alert(1)</script></html>"),
    st.dictionaries(
        st.sampled_from(
            ["[Content_Types].xml", "word/document.xml", "mimetype", "content.xml", "../x", "/abs"]
        ),
        st.binary(max_size=50),
        max_size=4,
    ).map(zip_bytes),
)


@examples(80)
@given(name=file_names, content=file_contents)
def test_an_attachment_is_stored_checked_or_refused_with_a_message(client, world, settings, name, content):
    submission = world.draft_submission
    client.force_login(world.fp_a)
    media = Path(settings.MEDIA_ROOT)
    before, files_before = Attachment.objects.count(), files_under(media)
    response = no_server_error(
        post_multipart(client, f"/submissions/{submission.pk}/attachments/", multipart({}, name, content))
    )
    if response.status_code == 302:
        attachment = Attachment.objects.latest("pk")
        assert Attachment.objects.count() == before + 1
        assert not set(attachment.name) & {"/", "\\", "\x00", "\r", "\n"}
        stored = Path(attachment.file.path).resolve()
        assert stored.is_relative_to(media.resolve() / "submissions") and stored.read_bytes() == content
        assert content.startswith((b"%PDF-", b"PK\x03\x04"))
        attachment.delete()  # keep the submission within its limits for the next example
    else:
        assert response.status_code == 400
        assert 'class="errorlist"' in response.content.decode() or name_too_long_to_parse(name)
        assert Attachment.objects.count() == before and files_under(media) == files_before


@examples(60)
@given(action=st.sampled_from(["consent", "submit"]), data=params({"consent_to_publish": text}))
def test_consent_and_submit_accept_any_checkbox_value(client, world, action, data):
    submission = world.draft_submission
    client.force_login(world.fp_a)
    response = no_server_error(client.post(f"/submissions/{submission.pk}/{action}/", data))
    assert response.status_code == 302
    submission.refresh_from_db()
    if submission.state == Submission.State.SUBMITTED:
        services.reopen(submission, by=world.fp_a)


# --- ISU forms -------------------------------------------------------------------------------


@examples(50)
@given(
    data=params({"disposition": st.one_of(st.sampled_from(Comment.Disposition.values), text), "note": text})
)
def test_a_disposition_is_recorded_or_shown_again_with_the_note(client, world, data):
    comment = world.submitted_comment
    client.force_login(world.staff)
    prefixed = {f"c{comment.pk}-{k}": v for k, v in data.items()}
    response = no_server_error(client.post(f"/submissions/isu/comments/{comment.pk}/disposition/", prefixed))
    if response.status_code == 302:
        comment.refresh_from_db()
        assert comment.disposition == last(data["disposition"])
    else:
        assert response.status_code == 400
        note = last(data.get("note", ""))
        page = response.content.decode()
        assert "errorlist" in page
        if note and "\x00" not in note:
            assert shown(note) in page


@examples(30)
@given(data=params({"action": st.one_of(st.sampled_from(["publish", "unpublish"]), text)}))
def test_publication_accepts_any_action_value(client, world, data):
    client.force_login(world.staff)
    response = no_server_error(
        client.post(f"/submissions/isu/submissions/{world.submitted.pk}/publication/", data)
    )
    assert response.status_code == 302
    assert no_server_error(client.get(f"/submissions/drafts/{world.version.draft.slug}/")).status_code == 200


@examples(60)
@given(
    data=params(
        {
            "new_date": dates,
            "new_time": times,
            "delegation": st.one_of(st.sampled_from(["", "mexico"]), text),
            "decided_by": text,
            "reason": text,
        }
    )
)
def test_an_extension_is_recorded_or_refused_and_every_page_still_opens(client, world, data):
    window, data = world.version.window, dict(data)
    if last(data.get("delegation")) == "mexico":
        data["delegation"] = str(world.draft_submission.delegation_id)
    client.force_login(world.staff)
    before = WindowExtension.objects.count()
    response = no_server_error(client.post(f"/submissions/isu/windows/{window.pk}/extend/", data))
    if response.status_code == 302:
        assert WindowExtension.objects.count() == before + 1
    elif not data:  # an empty POST shows the empty form
        assert response.status_code == 200
    else:
        assert response.status_code == 400 and "errorlist" in response.content.decode()
        assert WindowExtension.objects.count() == before
    # Whatever deadline is now in force, the pages that show it still open.
    assert client.get(f"/submissions/isu/windows/{window.pk}/extend/").status_code == 200
    client.force_login(world.fp_a)
    for path in ("/submissions/", f"/submissions/{world.draft_submission.pk}/"):
        assert no_server_error(client.get(path)).status_code == 200


structured_line = st.one_of(
    st.builds(
        lambda n, t: f"{n}. {t}", st.one_of(st.integers(0, 10_000), st.sampled_from(["1 bis", "2ter"])), text
    ),
    st.builds(lambda t: f"# {t}", text),
    st.builds(lambda t: f"## {t}", text),
    text,
)
pasted_text = st.one_of(text, st.lists(structured_line, max_size=12).map("\n".join))


@examples(60)
@given(data=params({"label": text, "circulated_on": dates, "text": pasted_text}))
def test_a_version_is_created_from_any_pasted_text_or_the_form_says_why(client, world, data):
    draft = world.version.draft
    client.force_login(world.staff)
    before = DraftVersion.objects.count()
    response = no_server_error(client.post(f"/submissions/isu/drafts/{draft.slug}/versions/new/", data))
    if response.status_code == 302:
        version = DraftVersion.objects.latest("pk")
        assert DraftVersion.objects.count() == before + 1 and version.paragraphs.exists()
        assert no_server_error(client.get(response["Location"])).status_code == 200
    elif not data:
        assert response.status_code == 200
    else:
        assert response.status_code == 400
        page = response.content.decode()
        assert "errorlist" in page and DraftVersion.objects.count() == before
        typed = last(data.get("text", ""))
        if typed.strip() and "\x00" not in typed:
            assert escape(typed) in page


xml_part = st.one_of(
    st.binary(max_size=80),
    st.sampled_from([b"", b"<x/>", b"<?xml version='1.0'?><w:document/>", b"<Types><Default/></Types>"]),
)
docx_contents = st.one_of(
    file_contents,
    # What python-docx looks for, with anything inside.
    st.fixed_dictionaries(
        {"[Content_Types].xml": xml_part, "word/document.xml": xml_part},
        optional={
            "_rels/.rels": xml_part,
            "word/styles.xml": xml_part,
            "word/_rels/document.xml.rels": xml_part,
        },
    ).map(zip_bytes),
)
DAMAGED_DOCX = zip_bytes({"[Content_Types].xml": b"x", "word/document.xml": b"x"})


@examples(60)
@given(name=st.one_of(st.just("revised.docx"), file_names), content=docx_contents)
@example(name="revised.docx", content=DAMAGED_DOCX)  # was a server error
def test_a_version_from_any_word_file_is_created_or_refused_with_a_message(client, world, name, content):
    draft = world.version.draft
    client.force_login(world.staff)
    before = DraftVersion.objects.count()
    body = multipart({"label": "Revised draft"}, name, content, field="docx")
    response = no_server_error(
        post_multipart(client, f"/submissions/isu/drafts/{draft.slug}/versions/new/", body)
    )
    if response.status_code == 302:
        assert DraftVersion.objects.count() == before + 1
    else:
        assert response.status_code == 400
        assert "errorlist" in response.content.decode() or name_too_long_to_parse(name)
        assert DraftVersion.objects.count() == before


@examples(50)
@given(
    name=st.one_of(st.just("version.pdf"), file_names),
    content=st.one_of(st.just(one_page_pdf()), file_contents),
    title=text,
)
@example(name="evil.html", content=one_page_pdf(), title="x")  # a PDF named .html was stored as such
def test_an_admin_upload_is_a_pdf_named_pdf_or_refused_with_a_message(
    client, world, settings, name, content, title
):
    document = world.document
    document.renditions.filter(language="fr").delete()
    client.force_login(world.staff)
    media = Path(settings.MEDIA_ROOT)
    files_before = files_under(media)
    fields = with_upload(admin_document_form(document, title=title))
    body = multipart(fields, name, content, field="renditions-0-file")
    response = no_server_error(
        post_multipart(client, f"/admin/documents/document/{document.pk}/change/", body)
    )
    rendition = document.renditions.filter(language="fr").first()
    if response.status_code == 302:
        assert rendition.state == Rendition.State.READY and rendition.file.name.lower().endswith(".pdf")
        assert Path(rendition.file.path).read_bytes().startswith(b"%PDF-")
    else:
        assert response.status_code in (200, 400)
        assert "errorlist" in response.content.decode() or name_too_long_to_parse(name)
        assert rendition is None and files_under(media) == files_before
