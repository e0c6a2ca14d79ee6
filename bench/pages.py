"""The public pages ``make bench`` measures: edit ``PAGES`` to add one.

A page's ``path`` is a string, or a function that finds a representative record in the
benchmark database and returns its address (or raises ``Unavailable`` with the reason when
this build has no such record or model). A page answering 404 on this build is reported as
"not available on this build" and never measured.

The French and Spanish versions of the main pages (``TRANSLATED``) are the English pages'
addresses prefixed with ``/fr`` and ``/es``; each names its English page (``english``), which
the report compares it with (issue 13: the same warm and cold ratios within 10 %).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count
from django.urls import NoReverseMatch
from django.utils import translation

from .generators.common import PREFIX, get_model
from .generators.documents_data import pdf_document


class Unavailable(Exception):
    """This build cannot show the page (no model, no record)."""


@dataclass(frozen=True)
class Page:
    label: str
    path: str | Callable[[], str]
    search: bool = False  # the full-text search goal (p95) applies
    language: str = "en"
    english: str = ""  # the label of the English page this one translates ("" when English)

    def resolve(self) -> str:
        if isinstance(self.path, str):
            return self.path
        # In English whatever language the last request left active in this thread (the query
        # counts run the French and Spanish pages through the test client): unprefixed.
        with translation.override("en"):
            return self.path()

    @property
    def english_label(self) -> str:
        return self.english or self.label


def _url(obj, fallback: str) -> str:
    try:
        return obj.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return fallback


def a_meeting() -> str:
    """The generated meeting with the longest agenda (the heaviest meeting page)."""
    Meeting = get_model("meetings", "Meeting")
    meeting = (
        Meeting.objects.filter(slug__startswith=PREFIX)
        .annotate(items=Count("agenda_items"))
        .order_by("-items", "slug")
        .first()
    )
    if meeting is None:
        raise Unavailable("no generated meeting: run generate_bench_data")
    return _url(meeting, f"/meetings/{meeting.slug}/")


def _pdf_document():
    Document = get_model("documents", "Document")
    if Document is None:
        raise Unavailable("documents.Document is not on this build")
    document = pdf_document(Document)
    if document is None:
        raise Unavailable("no generated published document with a symbol: run generate_bench_data")
    return document


def a_document() -> str:
    """A generated published document with its text, citations and language versions (the one
    whose English PDF the benchmark serves)."""
    return _pdf_document().get_absolute_url()


def a_pdf() -> str:
    """The English PDF of that document, rendered for real by the generator through the
    portal's render service."""
    document = _pdf_document()
    rendition = document.renditions.filter(language="en", state="ready").exclude(file="").first()
    if rendition is None:
        raise Unavailable("the generated document has no ready English version")
    return rendition.get_absolute_url()


def an_api_document() -> str:
    """That document in the open data API (issue 14), by its symbol with its slashes."""
    if get_model("documents", "Document") is None:
        raise Unavailable("documents.Document is not on this build")
    return f"/api/v1/documents/{_pdf_document().symbol}"


def in_language(page: Page, language: str) -> Page:
    """The same page in ``language``: its English address (unprefixed) under ``/<language>``."""

    def localised() -> str:
        return f"/{language}{page.resolve()}"

    path = f"/{language}{page.path}" if isinstance(page.path, str) else localised
    return Page(f"{page.label} ({language})", path, language=language, english=page.label)


ENGLISH: list[Page] = [
    Page("home", "/"),
    Page("meetings list", "/meetings/"),
    Page("a meeting", a_meeting),
    Page("documents list", "/documents/"),
    Page("a search", "/documents/?q=victim+assistance", search=True),
    Page("a document", a_document),
    Page("a PDF", a_pdf),
    Page("machinery", "/machinery/"),
    Page("delegations", "/delegations/"),
    Page("a delegation", "/delegations/MEX/"),
    Page("API documents list", "/api/v1/documents/"),
    Page("API a document", an_api_document),
]

# The main public pages, measured in French and Spanish too.
TRANSLATED = [
    "home",
    "meetings list",
    "a meeting",
    "documents list",
    "a document",
    "machinery",
    "delegations",
    "a delegation",
]


def _interleaved() -> list[Page]:
    """Each English page followed at once by its French and Spanish versions, so that the three
    are measured within the same minute: on a shared machine the load drifts over a run, and
    pages measured far apart would differ by the drift, not by their language."""
    pages: list[Page] = []
    for page in ENGLISH:
        pages.append(page)
        if page.label in TRANSLATED:
            pages += [in_language(page, "fr"), in_language(page, "es")]
        elif page.label == "a search":
            pages.append(
                Page(
                    "a search (fr)",
                    "/fr/documents/?q=assistance+aux+victimes",
                    search=True,
                    language="fr",
                    english="a search",
                )
            )
    return pages


PAGES: list[Page] = _interleaved()
