"""/api/v1/documents: the published documents of the register, as /documents/ shows them."""

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q
from django.http import HttpRequest
from ninja import Query, Router, Schema

from documents.models import Citation as CitationRow
from documents.models import Document, Language, Rendition
from documents.symbols import normalize_symbol
from meetings.models import Meeting

from .base import (
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    BadRequest,
    ErrorOut,
    NotFound,
    absolute,
    csv_response,
    integers,
    moment,
    page_out,
    paginate,
    values,
)

router = Router(tags=["documents"])

Lang = Literal["en", "fr", "es"]


class MeetingRef(Schema):
    slug: str
    code: str | None
    title: str
    url: str


class AgendaItemRef(Schema):
    number: str
    title: str


class DocumentRef(Schema):
    symbol: str | None
    slug: str
    title: str
    url: str


class DocumentItem(Schema):
    symbol: str | None
    slug: str
    title: str
    kind: str
    date: date | None
    meeting: MeetingRef | None
    agenda_item: AgendaItemRef | None
    languages: list[str]
    url: str
    html_url: str
    published_at: datetime | None
    created: datetime
    last_modified: datetime


class DocumentList(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[DocumentItem]


class Version(Schema):
    language: str
    state: str
    pdf_url: str | None
    size: int | None
    pages: int | None
    sha256: str | None
    ready_at: datetime | None


class Citation(Schema):
    symbol: str
    document: DocumentRef | None


class DocumentDetail(DocumentItem):
    summary: str
    notes: str
    distribution: str
    original_language: str
    original_only: bool
    editorial_notes: list[str]
    submitted_by: str
    submitted_by_note: str
    submitting_delegations: list[str]
    relation: str
    related_to: DocumentRef | None
    related: list[DocumentRef]
    superseded_by: list[DocumentRef]
    cites: list[Citation]
    cited_by: list[DocumentRef]
    versions: list[Version]


class DocumentFilters(Schema):
    format: Literal["json", "csv", "xlsx"] = "json"
    q: str | None = None
    meeting: str | None = None
    kind: str | None = None
    year: str | None = None
    language: str | None = None
    changed_since: str | None = None
    page: int = 1
    page_size: int = PAGE_SIZE
    lang: Lang = "en"


def document_address(request: HttpRequest, document: Document) -> str:
    return absolute(request, f"/api/v1/documents/{document.symbol or document.slug}")


def meeting_ref(request: HttpRequest, meeting: Meeting | None) -> dict | None:
    if meeting is None:
        return None
    return {
        "slug": meeting.slug,
        "code": meeting.code,
        "title": meeting.title,
        "url": absolute(request, f"/api/v1/meetings/{meeting.slug}"),
    }


def document_ref(request: HttpRequest, document: Document) -> dict:
    return {
        "symbol": document.symbol,
        "slug": document.slug,
        "title": document.display_title,
        "url": document_address(request, document),
    }


def document_item(request: HttpRequest, document: Document, languages: list[str]) -> dict:
    item = document.agenda_item if document.agenda_item_id else None
    return {
        "symbol": document.symbol,
        "slug": document.slug,
        "title": document.display_title,
        "kind": document.kind,
        "date": document.date,
        "meeting": meeting_ref(request, document.meeting if document.meeting_id else None),
        "agenda_item": {"number": item.number, "title": item.title} if item else None,
        "languages": languages,
        "url": document_address(request, document),
        "html_url": absolute(request, document.get_absolute_url()),
        "published_at": document.published_at,
        "created": document.created,
        "last_modified": document.updated_at,
    }


def _filtered(filters: DocumentFilters):
    documents = Document.objects.published()
    query = (filters.q or "").strip()
    if query:
        documents = documents.search(query, vendor=connection.vendor, language=filters.lang)
    slugs = values(filters.meeting, field="meeting")
    if slugs:
        found = dict(Meeting.objects.filter(slug__in=slugs).values_list("slug", "pk"))
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            raise BadRequest("meeting", f"No meeting has the address {missing[0]!r}.")
        documents = documents.filter(meeting_id__in=found.values())
    kinds = values(filters.kind, field="kind", allowed=Document.Kind.values)
    if kinds:
        documents = documents.filter(kind__in=kinds)
    years = integers(filters.year, field="year", low=1900, high=2999)
    if years:
        in_years = Document.objects.none()
        for year in years:
            in_years = in_years | Document.objects.in_year(year)
        documents = documents.filter(pk__in=in_years.values("pk"))
    languages = values(filters.language, field="language", allowed=Language.values)
    if languages:
        documents = documents.filter(
            pk__in=Rendition.objects.filter(language__in=languages, state=Rendition.State.READY).values(
                "document_id"
            )
        )
    since = moment(filters.changed_since)
    if since:
        documents = documents.filter(updated_at__gte=since)
    if query and connection.vendor == "postgresql":
        return documents.order_by("-rank", F("date").desc(nulls_last=True), "-pk")
    return documents.order_by(F("date").desc(nulls_last=True), F("published_at").desc(nulls_last=True), "-pk")


@router.get(
    "/",
    response={200: DocumentList, 400: ErrorOut, 404: ErrorOut},
    url_name="document-list",
)
def document_list(request, filters: Query[DocumentFilters]):
    """Published documents, newest first (by relevance with ?q=). Filters take several values
    separated by commas: ?kind=working_paper,report&year=2024,2025."""
    if not 1 <= filters.page_size <= MAX_PAGE_SIZE:
        raise BadRequest("page_size", f"page_size must be from 1 to {MAX_PAGE_SIZE}.")
    if filters.page < 1:
        raise BadRequest("page", "page must be 1 or more.")
    if filters.format != "json":
        return csv_response(
            _filtered(filters).for_listing(),
            item=lambda d: document_item(request, d, [r.language for r in d.ready_renditions]),
            schema=DocumentItem,
            filename="ccm-documents",
            fmt=filters.format,
        )
    page = paginate(_filtered(filters).for_listing(), page=filters.page, page_size=filters.page_size)
    results = [
        document_item(request, document, [r.language for r in document.ready_renditions])
        for document in page.rows
    ]
    return page_out(request, page, results)


def _get_document(key: str) -> Document:
    documents = Document.objects.published().select_related("meeting", "agenda_item", "related_to")
    key = key.rstrip("/")
    if "/" in key:
        try:
            symbol = normalize_symbol(key)
        except ValidationError as error:
            raise BadRequest("symbol", f"{key!r} is not a document symbol: {error.messages[0]}") from None
        document = documents.filter(symbol=symbol).first()
    else:
        document = documents.filter(slug=key).first()
    if document is None:
        raise NotFound(f"No published document has the symbol or address {key!r}.")
    return document


@router.get(
    "/{path:key}",
    response={200: DocumentDetail, 400: ErrorOut, 404: ErrorOut},
    url_name="document-detail",
)
def document_detail(request, key: str, lang: Lang = "en"):
    """One published document, by its symbol with its slashes (/api/v1/documents/CCM/CONF/2021/6)
    or, while it has none, by its address (slug)."""
    document = _get_document(key)
    renditions = list(document.renditions.all())
    for rendition in renditions:
        rendition.document = document
    ready = [r.language for r in renditions if r.is_ready]
    cited_symbols = document.cited_symbols()
    # The documents it cites, those citing it and those related to it: one query.
    linked = Q(symbol__in=cited_symbols) | Q(related_to=document)
    if document.symbol:
        linked |= Q(pk__in=CitationRow.objects.filter(symbol=document.symbol).values("document_id"))
    others = list(
        Document.objects.published()
        .filter(linked)
        .annotate(
            cites_this=Exists(
                CitationRow.objects.filter(document=OuterRef("pk"), symbol=document.symbol or "")
            )
        )
        .only("symbol", "slug", "title", "title_is_descriptive", "relation", "related_to_id")
        .order_by("symbol", "pk")
    )
    cited = {d.symbol: d for d in others if d.symbol in cited_symbols}
    cited_by = [d for d in others if d.cites_this] if document.symbol else []
    related = [d for d in others if d.related_to_id == document.pk]
    superseded_by = [d for d in related if d.relation == Document.Relation.REVISION]
    related_to = document.related_to if document.related_to_id and document.related_to.is_public else None
    return {
        **document_item(request, document, ready),
        "summary": document.summary,
        "notes": document.notes,
        "distribution": document.distribution,
        "original_language": document.original_language,
        "original_only": document.original_only,
        "editorial_notes": document.editorial_notes,
        "submitted_by": document.submitted_by,
        "submitted_by_note": document.submitted_by_note,
        "submitting_delegations": [d.name for d in document.submitting_delegations.order_by("name")],
        "relation": document.relation if related_to else "",
        "related_to": document_ref(request, related_to) if related_to else None,
        "related": [document_ref(request, d) for d in related],
        "superseded_by": [document_ref(request, d) for d in superseded_by],
        "cites": [
            {"symbol": symbol, "document": document_ref(request, cited[symbol]) if symbol in cited else None}
            for symbol in cited_symbols
        ],
        "cited_by": [document_ref(request, d) for d in cited_by],
        "versions": [
            {
                "language": r.language,
                "state": r.state,
                "pdf_url": absolute(request, r.get_absolute_url()) if r.is_ready else None,
                "size": r.size if r.is_ready else None,
                "pages": r.page_count if r.is_ready else None,
                "sha256": r.checksum if r.is_ready and r.checksum else None,
                "ready_at": r.ready_at if r.is_ready else None,
            }
            for r in renditions
        ],
    }
