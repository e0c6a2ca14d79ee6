"""The render state of a document's PDFs as a fragment (polled by static/js/status.js): public for
published documents, staff-only in the admin; it stops asking to be polled once nothing is pending."""

import pytest

from documents import rendering
from documents.models import Document, Rendition

from .conftest import make_document, page_text

pytestmark = pytest.mark.django_db


def _queued(document: Document) -> Rendition:
    rendition = document.renditions.get(language="en")
    Rendition.objects.filter(pk=rendition.pk).update(state=Rendition.State.QUEUED, generation=99)
    rendition.refresh_from_db()
    return rendition


def test_public_fragment_polls_while_the_pdf_is_rendered_and_stops_once_ready(client):
    document = make_document(symbol="CCM/MSP/2026/WP.2", publish=True)
    rendition = _queued(document)
    page = client.get(document.get_absolute_url())
    assert 'data-status-url="/documents/CCM/MSP/2026/WP.2/versions/"' in page.content.decode()
    assert "js/status.js" in page.content.decode()
    pending = client.get("/documents/CCM/MSP/2026/WP.2/versions/")
    assert "The English PDF is being prepared." in page_text(pending)
    assert "no-store" in pending["Cache-Control"]
    assert "<html" not in pending.content.decode()

    assert rendering.render_rendition(rendition_id=rendition.pk, generation=99) == "ready"
    ready = client.get("/documents/CCM/MSP/2026/WP.2/versions/")
    assert "data-status-url" not in ready.content.decode()
    assert "English (PDF, 1 page" in page_text(ready) or "English (PDF, 2 pages" in page_text(ready)
    assert "js/status.js" not in client.get(document.get_absolute_url()).content.decode()


def test_public_fragment_of_a_document_without_symbol_and_of_a_draft(client):
    make_document(slug="practical-note", publish=True)
    assert client.get("/documents/practical-note/versions/").status_code == 200
    make_document(slug="draft-note")
    assert client.get("/documents/draft-note/versions/").status_code == 404  # drafts are not public


def test_admin_fragment_is_for_staff_only(client, staff, django_user_model):
    document = make_document(symbol="CCM/MSP/2026/WP.3", publish=True)
    _queued(document)
    url = f"/admin/documents/document/{document.pk}/render-status/"
    assert client.get(url).status_code == 302  # to the sign-in page
    client.force_login(staff)
    fragment = client.get(url)
    assert "English: Queued" in page_text(fragment)
    assert f'data-status-url="{url}"' in fragment.content.decode()
    change = client.get(f"/admin/documents/document/{document.pk}/change/")
    assert "js/status.js" in change.content.decode()
    assert "English: Queued" in page_text(change)
