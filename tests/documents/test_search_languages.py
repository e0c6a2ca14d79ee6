"""Search in the language of the page (issue 13): the French and Spanish titles and summaries
are in the stored vector, stemmed by PostgreSQL's french and spanish configurations, and the
query is stemmed as the page's language stems it; exact symbols work in every language."""

import pytest
from django.db import connection

from documents.models import Document

from .conftest import make_document, page_text

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's text search configurations (CI runs it)"
)


@pytest.fixture
def documents(db):
    victims = make_document(
        symbol="CCM/MSP/2026/WP.3",
        title_en="Victim assistance in the Lausanne Action Plan",
        title_fr="L'assistance aux victimes dans le Plan d'action de Lausanne",
        title_es="La asistencia a las víctimas en el Plan de Acción de Lausana",
        summary_fr="Les déminages et l'éducation aux risques vont de pair avec l'assistance.",
        publish=True,
    )
    clearance = make_document(
        symbol="CCM/MSP/2026/WP.4",
        title_en="Clearance and risk education",
        title_fr="Dépollution et éducation aux risques",
        title_es="Limpieza y educación sobre el riesgo",
        publish=True,
    )
    return victims, clearance


def test_a_french_search_finds_the_document_whose_french_title_says_so(client, documents):
    page = page_text(client.get("/fr/documents/?q=assistance aux victimes"))
    assert "L'assistance aux victimes dans le Plan d'action de Lausanne" in page
    assert "Dépollution et éducation aux risques" not in page


def test_a_spanish_search_finds_the_spanish_title(client, documents):
    page = page_text(client.get("/es/documents/?q=asistencia víctimas"))
    assert "La asistencia a las víctimas en el Plan de Acción de Lausana" in page
    assert "Limpieza y educación sobre el riesgo" not in page


def test_an_exact_symbol_opens_the_document_in_every_language(client, documents):
    for prefix in ("", "/fr", "/es"):
        response = client.get(f"{prefix}/documents/?q=ccm/msp/2026/wp.4")
        assert response.status_code == 302
        assert response["Location"] == f"{prefix}/documents/CCM/MSP/2026/WP.4/"


@on_postgresql
def test_the_query_is_stemmed_as_the_page_language_stems_it(documents):
    victims, clearance = documents
    published = Document.objects.published()
    # French stems "dépolluées" as it stems the title's "Dépollution" ('dépollu'); stemmed as
    # English ('dépollué') the same word finds nothing.
    assert list(published.search("dépolluées", vendor="postgresql", language="fr")) == [clearance]
    assert list(published.search("dépolluées", vendor="postgresql", language="en")) == []
    # Spanish: "asistencias" finds the title's "asistencia" ('asistent'), English does not.
    assert list(published.search("asistencias", vendor="postgresql", language="es")) == [victims]
    assert list(published.search("asistencias", vendor="postgresql", language="en")) == []


@on_postgresql
def test_the_vector_holds_each_language_under_its_own_configuration(documents):
    victims, clearance = documents
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM meetings_document WHERE id = %s", [victims.pk])
        vector = cursor.fetchone()[0]
    assert "'asistent'" in vector  # Spanish stem of the Spanish title's "asistencia"
    assert "'éduc'" in vector  # French stem of the French summary's "éducation"
    assert "'assist'" in vector  # English stem of the English title's "assistance"
