import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document, Rendition
from tests.conftest import one_page_pdf

from .conftest import SAMPLE_TEXT, committed, make_document, make_meeting, pdf_text

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "symbol": "CCM/MSP/2026/WP.2",
        "slug": "admin-paper",
        "title": "Paper written in the admin",
        "kind": "working_paper",
        "status": "draft",
        "date": "2026-03-30",
        "distribution": "general",
        "original_language": "en",
        "summary": "",
        "body": SAMPLE_TEXT,
        "notes": "",
        "renditions-TOTAL_FORMS": "0",
        "renditions-INITIAL_FORMS": "0",
        "renditions-MIN_NUM_FORMS": "0",
        "renditions-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    data.update(overrides)
    # The admin edits the translated fields in English, French and Spanish (modeltranslation).
    for name in ("title", "summary"):
        data[f"{name}_en"] = data.pop(name)
    return data


def _with_upload(data, content: bytes, name="version.pdf"):
    data.update(
        {
            "renditions-TOTAL_FORMS": "1",
            "renditions-0-language": "fr",
            "renditions-0-source": "uploaded",
            "renditions-0-title": "",
            "renditions-0-body": "",
            "renditions-0-file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        }
    )
    return data


def test_staff_create_a_document_in_the_admin_and_publishing_renders_its_pdf(client, staff):
    client.force_login(staff)
    with committed():
        response = client.post("/admin/documents/document/add/", _form(status="published"))
    assert response.status_code == 302, response.content.decode()[:3000]
    document = Document.objects.get(symbol="CCM/MSP/2026/WP.2")
    assert document.status == Document.Status.PUBLISHED and document.published_at
    assert document.history.filter(history_user=staff).exists()
    rendition = document.renditions.get(language="en")
    assert rendition.state == Rendition.State.READY
    text = pdf_text(rendition.file.read())
    assert "CCM/MSP/2026/WP.2" in text and "Paper written in the admin" in text
    for number in ("1.", "2.", "3."):
        assert f"{number} " in text
    # The public page and the PDF are there at once.
    assert client.get("/documents/CCM/MSP/2026/WP.2/en.pdf").status_code == 200


def test_symbol_typed_in_lower_case_is_stored_canonical(client, staff):
    client.force_login(staff)
    response = client.post("/admin/documents/document/add/", _form(symbol="ccm/msp/2026/wp.2"))
    assert response.status_code == 302
    assert Document.objects.filter(symbol="CCM/MSP/2026/WP.2").exists()


def test_malformed_symbol_is_refused_with_a_clear_message_and_nothing_changes(client, staff):
    document = make_document(symbol="CCM/MSP/2026/WP.1", title="Original title")
    client.force_login(staff)
    response = client.post(
        f"/admin/documents/document/{document.pk}/change/",
        _form(symbol="CCM/MSP/26/WP.1", slug=document.slug, title="Changed title"),
    )
    assert response.status_code == 200
    assert "is not a year between 2008 and 2100" in response.content.decode()
    assert "Changed title" in response.content.decode()  # what was typed is kept
    document.refresh_from_db()
    assert (document.symbol, document.title) == ("CCM/MSP/2026/WP.1", "Original title")


def test_text_with_gaps_in_paragraph_numbers_is_refused(client, staff):
    client.force_login(staff)
    response = client.post("/admin/documents/document/add/", _form(body="1. One\n\n3. Three"))
    assert response.status_code == 200 and "run in order without gaps" in response.content.decode()
    assert not Document.objects.exists()


def test_uploaded_pdf_is_accepted_as_the_ready_version(client, staff):
    document = make_document(symbol="CCM/MSP/2026/WP.1")
    client.force_login(staff)
    data = _with_upload(_form(symbol=document.symbol, slug=document.slug), one_page_pdf())
    response = client.post(f"/admin/documents/document/{document.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    rendition = document.renditions.get(language="fr")
    assert rendition.source == Rendition.Source.UPLOADED and rendition.state == Rendition.State.READY
    assert rendition.page_count == 1 and rendition.file.read().startswith(b"%PDF-")


def test_fake_pdf_is_refused_and_nothing_changes(client, staff):
    document = make_document(symbol="CCM/MSP/2026/WP.1", title="Original title")
    client.force_login(staff)
    data = _with_upload(
        _form(symbol=document.symbol, slug=document.slug, title="Changed title"),
        b"MZ\x90\x00 this is an executable renamed to .pdf",
    )
    response = client.post(f"/admin/documents/document/{document.pk}/change/", data)
    assert response.status_code == 200
    assert "The file is not a PDF" in response.content.decode()
    document.refresh_from_db()
    assert document.title == "Original title" and not document.renditions.exists()
    damaged = _with_upload(_form(symbol=document.symbol, slug=document.slug), b"%PDF-1.7\n garbage")
    response = client.post(f"/admin/documents/document/{document.pk}/change/", damaged)
    assert "damaged" in response.content.decode() and not document.renditions.exists()


def test_oversize_upload_is_refused_and_nothing_changes(client, staff, settings):
    settings.DOCUMENT_UPLOAD_MAX_BYTES = 100
    document = make_document(symbol="CCM/MSP/2026/WP.1")
    client.force_login(staff)
    data = _with_upload(_form(symbol=document.symbol, slug=document.slug), one_page_pdf())
    response = client.post(f"/admin/documents/document/{document.pk}/change/", data)
    assert response.status_code == 200
    assert "the limit is 100" in response.content.decode()
    assert not document.renditions.exists()


def test_changelist_shows_render_state_and_rerender_action_queues_again(client, staff):
    document = make_document(symbol="CCM/MSP/2026/WP.1", publish=True)
    failed = Rendition.objects.create(
        document=document, language="fr", state=Rendition.State.FAILED, error="boom"
    )
    client.force_login(staff)
    text = client.get("/admin/documents/document/").content.decode()
    assert "en (Ready)" in text and "fr (Failed): boom" in text
    generation = document.renditions.get(language="en").generation
    with committed():
        response = client.post(
            "/admin/documents/document/",
            {"action": "rerender_selected", "_selected_action": [document.pk]},
        )
    assert response.status_code == 302
    english = document.renditions.get(language="en")
    assert english.generation == generation + 1 and english.state == Rendition.State.READY
    failed.refresh_from_db()
    assert failed.state == Rendition.State.FAILED and "no text in this language" in failed.error


def test_generate_view_writes_the_provisional_agenda(client, staff):
    from .conftest import make_item

    meeting = make_meeting()
    make_item(meeting, "1", "Opening of the meeting", 1)
    client.force_login(staff)
    assert "Generate a document" in client.get("/admin/documents/document/generate/").content.decode()
    with committed():
        response = client.post(
            "/admin/documents/document/generate/", {"meeting": meeting.pk, "what": "provisional_agenda"}
        )
    document = Document.objects.get(meeting=meeting, generated="provisional_agenda")
    assert response.status_code == 302 and response["Location"].endswith(f"/document/{document.pk}/change/")
    assert "1. Opening of the meeting" in pdf_text(document.renditions.get().file.read())


def test_next_free_numbers_of_the_documents_year_are_offered_to_staff(client, staff):
    document = make_document(symbol="CCM/MSP/2026/WP.1")  # dated 30 March 2026
    make_document(symbol="CCM/CONF/2026/3", slug="other")
    client.force_login(staff)
    text = client.get(f"/admin/documents/document/{document.pk}/change/").content.decode()
    assert (
        "Next free numbers in 2026: CCM/MSP/2026/1, CCM/MSP/2026/WP.2, CCM/MSP/2026/INF.1, CCM/CONF/2026/4"
        in text
    )
