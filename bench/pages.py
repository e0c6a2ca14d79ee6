"""The public pages ``make bench`` measures: edit ``PAGES`` to add one.

A page's ``path`` is a string, or a function that finds a representative record in the
benchmark database and returns its address (or raises ``Unavailable`` with the reason when
this build has no such record or model). A page answering 404 on this build is reported as
"not available on this build" and never measured.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count
from django.urls import NoReverseMatch

from .generators import PREFIX, get_model


class Unavailable(Exception):
    """This build cannot show the page (no model, no record)."""


@dataclass(frozen=True)
class Page:
    label: str
    path: str | Callable[[], str]
    search: bool = False  # the full-text search goal (p95) applies

    def resolve(self) -> str:
        return self.path if isinstance(self.path, str) else self.path()


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


def a_document() -> str:
    Document = get_model("meetings", "Document")
    if Document is None:
        raise Unavailable("meetings.Document is not on this build")
    document = Document.objects.order_by("pk").first()
    if document is None:
        raise Unavailable("no document in the database")
    if not hasattr(document, "get_absolute_url"):
        raise Unavailable("meetings.Document has no get_absolute_url")
    return document.get_absolute_url()


def a_pdf() -> str:
    Rendition = get_model("meetings", "Rendition")
    if Rendition is None:
        raise Unavailable("meetings.Rendition is not on this build")
    rendition = Rendition.objects.order_by("pk").first()
    if rendition is None:
        raise Unavailable("no rendition in the database")
    if not hasattr(rendition, "get_absolute_url"):
        raise Unavailable("meetings.Rendition has no get_absolute_url")
    return rendition.get_absolute_url()


PAGES: list[Page] = [
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
]
