import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import Document

from .conftest import make_document, make_meeting, page_text

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_document_page_by_symbol_keeps_its_slashes(client):
    document = make_document(symbol="CCM/CONF/2021/6", title="Final report", publish=True)
    assert document.get_absolute_url() == "/documents/CCM/CONF/2021/6/"
    text = page_text(client.get("/documents/CCM/CONF/2021/6/"))
    assert "Final report" in text and "CCM/CONF/2021/6" in text
    assert "1. The Coordination Committee meets" in text
    assert "English (PDF, 1 page" in text


def test_symbol_in_another_spelling_redirects_and_malformed_is_404(client):
    make_document(symbol="CCM/MSP/2024/WP.1", publish=True)
    response = client.get("/documents/ccm/msp/2024/wp.1/")
    assert response.status_code == 301 and response["Location"] == "/documents/CCM/MSP/2024/WP.1/"
    assert client.get("/documents/CCM/XYZ/2024/1/").status_code == 404
    assert client.get("/documents/CCM/MSP/2024/WP.2/").status_code == 404


def test_drafts_are_not_public(client):
    make_document(symbol="CCM/MSP/2026/WP.1", title="Secret draft")
    assert client.get("/documents/CCM/MSP/2026/WP.1/").status_code == 404
    assert client.get("/documents/CCM/MSP/2026/WP.1/en.pdf").status_code == 404
    assert "Secret draft" not in page_text(client.get("/documents/"))
    assert "Secret draft" not in client.get("/documents/feed/").content.decode()
    assert "Secret draft" not in page_text(client.get("/documents/?q=quokka"))


def test_document_without_symbol_has_a_slug_address_that_survives_a_symbol(client):
    document = make_document(slug="machinery-paper", publish=True)
    assert document.get_absolute_url() == "/documents/machinery-paper/"
    assert "Options for the Coordination Committee" in page_text(client.get("/documents/machinery-paper/"))
    assert client.get("/documents/machinery-paper/en.pdf")["Content-Type"] == "application/pdf"
    document.symbol = "CCM/MSP/2026/WP.3"
    document.save()
    response = client.get("/documents/machinery-paper/")
    assert response.status_code == 301 and response["Location"] == "/documents/CCM/MSP/2026/WP.3/"


def test_pdf_download_has_a_file_name_caching_headers_and_conditional_get(client):
    make_document(symbol="CCM/CONF/2021/6", publish=True)
    response = client.get("/documents/CCM/CONF/2021/6/en.pdf")
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="CCM_CONF_2021_6_en.pdf"' in response["Content-Disposition"]
    assert "max-age=3600" in response["Cache-Control"] and "public" in response["Cache-Control"]
    etag = response["ETag"]
    assert len(etag) == 66 and response["Last-Modified"]
    again = client.get("/documents/CCM/CONF/2021/6/en.pdf", headers={"if-none-match": etag})
    assert again.status_code == 304 and again["ETag"] == etag
    since = client.get(
        "/documents/CCM/CONF/2021/6/en.pdf", headers={"if-modified-since": response["Last-Modified"]}
    )
    assert since.status_code == 304
    assert client.get("/documents/CCM/CONF/2021/6/fr.pdf").status_code == 404


def test_list_filters_by_meeting_kind_year_and_language(client):
    msp = make_meeting()
    other = make_meeting(
        code="13MSP",
        slug="13msp",
        title="Thirteenth Meeting of States Parties",
        start_date=date(2025, 9, 1),
        end_date=date(2025, 9, 3),
    )
    make_document(symbol="CCM/MSP/2026/WP.1", title="Alpha paper", meeting=msp, publish=True)
    make_document(
        symbol="CCM/MSP/2025/1",
        title="Beta report",
        kind=Document.Kind.REPORT,
        meeting=other,
        date=date(2025, 9, 1),
        publish=True,
    )
    make_document(symbol="CCM/MSP/2024/WP.1", title="Gamma entry", body="", date=None, publish=True)

    def titles(query):
        text = page_text(client.get(f"/documents/?{query}"))
        return {t for t in ["Alpha paper", "Beta report", "Gamma entry"] if t in text}

    assert titles("") == {"Alpha paper", "Beta report", "Gamma entry"}
    assert titles("meeting=14msp") == {"Alpha paper"}
    assert titles("kind=report") == {"Beta report"}
    assert titles("year=2025") == {"Beta report"}
    assert titles("year=2024") == {"Gamma entry"}  # undated: the year of its symbol
    assert titles("language=en") == {"Alpha paper", "Beta report"}  # Gamma has no PDF
    assert titles("language=fr") == set()


def test_search_by_a_word_of_the_body_and_by_exact_symbol(client):
    make_document(symbol="CCM/MSP/2026/WP.1", title="Alpha paper", publish=True)
    make_document(symbol="CCM/MSP/2026/WP.2", title="Beta paper", body="Unrelated words.", publish=True)
    text = page_text(client.get("/documents/?q=quokka"))
    assert "Alpha paper" in text and "Beta paper" not in text
    response = client.get("/documents/?q=ccm/msp/2026/wp.2")
    assert response.status_code == 302 and response["Location"] == "/documents/CCM/MSP/2026/WP.2/"
    assert "No document matches" in page_text(client.get("/documents/?q=zzzzunknown"))


def test_bad_filter_values_show_the_form_not_an_error(client):
    make_document(symbol="CCM/MSP/2026/WP.1", publish=True)
    response = client.get("/documents/?year=abc&kind=nonsense&meeting=nowhere&q=zzzzunknown")
    assert response.status_code == 200
    text = page_text(response)
    assert "No published document is from abc: choose a year from the list." in text
    assert "“nonsense” is not a kind of document: choose one from the list." in text
    assert "No meeting with published documents has this address: choose one from the list." in text
    # The valid part of the request still applies, and what was typed stays in the box.
    assert "No document matches" in text
    assert 'value="zzzzunknown"' in response.content.decode()


@pytest.mark.parametrize("rows", [1, 6])
def test_list_query_count_does_not_grow(client, rows):
    meeting = make_meeting()
    for i in range(rows):
        make_document(symbol=f"CCM/MSP/2026/WP.{i + 1}", title=f"Paper {i}", meeting=meeting, publish=True)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/documents/?language=en")
    assert f"Paper {rows - 1}" in page_text(response)
    # years, meetings, count, documents, their renditions (no session for anonymous visitors)
    assert len(ctx.captured_queries) <= 5, [q["sql"] for q in ctx.captured_queries]


def test_detail_shows_relations_and_cited_by(client):
    cited = make_document(symbol="CCM/CONF/2021/6", title="Final report", body="", publish=True)
    make_document(symbol="CCM/MSP/2026/WP.1", title="Citing paper", publish=True)
    revision = make_document(
        symbol="CCM/CONF/2021/6/Rev.1", title="Final report (revised)", body="", publish=True
    )
    text = page_text(client.get(cited.get_absolute_url()))
    assert "Cited by CCM/MSP/2026/WP.1 · Citing paper" in text
    assert "superseded by its revision CCM/CONF/2021/6/Rev.1" in text
    text = page_text(client.get(revision.get_absolute_url()))
    assert "Revision of CCM/CONF/2021/6" in text
    html = client.get("/documents/CCM/MSP/2026/WP.1/").content.decode()
    assert '<a class="symbol" href="/documents/CCM/CONF/2021/6/">CCM/CONF/2021/6</a>' in html


def test_feed_is_atom_with_the_published_documents(client):
    make_document(symbol="CCM/MSP/2026/WP.1", title="Alpha paper", publish=True)
    make_document(symbol="CCM/MSP/2026/WP.2", title="Beta draft")
    response = client.get("/documents/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["CCM/MSP/2026/WP.1: Alpha paper"]
    assert entries[0].find(f"{ATOM}link").get("href").endswith("/documents/CCM/MSP/2026/WP.1/")


def test_meeting_documents_are_grouped_by_agenda_item(client):
    from .conftest import make_item

    meeting = make_meeting()
    seven = make_item(meeting, "7", "Exchange of views", 7)
    two = make_item(meeting, "2", "Adoption of the agenda", 2)
    make_document(
        symbol="CCM/MSP/2026/WP.1", title="Paper on seven", meeting=meeting, agenda_item=seven, publish=True
    )
    make_document(
        symbol="CCM/MSP/2026/1", title="Provisional agenda", meeting=meeting, agenda_item=two, publish=True
    )
    make_document(symbol="CCM/MSP/2026/INF.1", title="Loose paper", meeting=meeting, publish=True)
    make_document(symbol="CCM/MSP/2026/WP.9", title="Draft paper", meeting=meeting, agenda_item=seven)
    with CaptureQueriesContext(connection) as ctx:
        groups = Document.objects.published().grouped_by_agenda_item(meeting)
    assert len(ctx.captured_queries) == 2
    assert [(item.number if item else None, [d.title for d in docs]) for item, docs in groups] == [
        ("2", ["Provisional agenda"]),
        ("7", ["Paper on seven"]),
        (None, ["Loose paper"]),
    ]
