"""Names printed straight from their record (a meeting in a list, a document's title, a draft
and its version) are marked "English only" on French and Spanish pages when they have no
translation, as the fields shown through ``|in_language`` are (issue 13)."""

import re
from html import unescape

import pytest

from submissions import services as submission_services
from submissions.models import Draft
from tests.documents.conftest import make_document, make_meeting

FRENCH_MARK = '<span class="english-only">(en anglais seulement)</span>'
SPANISH_MARK = '<span class="english-only">(solo en inglés)</span>'

pytestmark = pytest.mark.django_db


def page(client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


def test_a_meeting_without_a_french_title_is_marked_in_the_lists(client):
    make_meeting(title="Fourteenth Meeting of States Parties")
    french = page(client, "/fr/meetings/?upcoming_page=1")
    assert f'<span lang="en">Fourteenth Meeting of States Parties (14MSP)</span> {FRENCH_MARK}' in french
    spanish = page(client, "/es/")
    assert f'<span lang="en">Fourteenth Meeting of States Parties (14MSP)</span> {SPANISH_MARK}' in spanish
    assert "english-only" not in page(client, "/meetings/")


def test_a_translated_meeting_title_is_not_marked(client):
    make_meeting(
        title_en="Fourteenth Meeting of States Parties", title_fr="Quatorzième Assemblée des États parties"
    )
    french = page(client, "/fr/meetings/")
    assert "Quatorzième Assemblée des États parties (14MSP)" in french
    assert "english-only" not in french


def test_a_document_title_without_translation_is_marked_on_its_page_and_in_the_list(client):
    make_document(symbol="CCM/MSP/2026/WP.1", title="Options for the Coordination Committee", publish=True)
    detail = page(client, "/fr/documents/CCM/MSP/2026/WP.1/")
    assert f'<h1><span lang="en">Options for the Coordination Committee</span> {FRENCH_MARK}</h1>' in detail
    # Never markup in the page's <title> or the description it gives to search engines.
    title = re.search(r"<title>(.*?)</title>", detail, re.S).group(1)
    assert "<span" not in unescape(title) and "CCM/MSP/2026/WP.1" in title
    description = re.search(r'<meta name="description" content="([^"]*)"', detail).group(1)
    assert "<span" not in unescape(description)
    listing = page(client, "/es/documents/")
    assert f'<span lang="en">Options for the Coordination Committee</span> {SPANISH_MARK}' in listing


def test_a_draft_and_its_version_without_translation_are_marked(client, staff):
    draft = Draft.objects.create(title="Draft Lausanne Action Plan", title_fr="", slug="lap", code="LAP")
    submission_services.create_version(draft=draft, label="Zero draft", paragraphs=[], by=None)
    client.force_login(staff)
    french = page(client, f"/fr/submissions/drafts/{draft.slug}/")
    assert f'<h1><span lang="en">Draft Lausanne Action Plan</span> {FRENCH_MARK}</h1>' in french
    assert f'<span lang="en">Zero draft</span> {FRENCH_MARK}' in french
