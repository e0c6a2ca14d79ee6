"""Public pages of the document register: browse and search, one document, one PDF."""

from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, F, When
from django.db.models.functions import ExtractYear
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ccm_portal.lib.cache import public_page
from ccm_portal.lib.exports import Column, export_links, export_response, requested_format
from meetings.models import Meeting

from . import text
from .forms import DocumentFilterForm
from .models import Document, Language, Rendition
from .symbols import normalize_symbol, parse_symbol

PAGE_SIZE = 50
PDF_MAX_AGE = 3600  # seconds; the ETag lets clients revalidate cheaply after that


def _get_published_document(*, symbol: str | None = None, slug: str | None = None) -> Document:
    documents = Document.objects.published().select_related("meeting", "agenda_item", "related_to")
    if symbol is not None:
        return get_object_or_404(documents, symbol=symbol)
    return get_object_or_404(documents, slug=slug)


def _canonical_or_404(symbol: str) -> str:
    try:
        return normalize_symbol(symbol)
    except ValidationError:
        raise Http404("Not a document symbol") from None


def _years() -> list[int]:
    """Years with published documents (by date, or by symbol when undated), newest first.
    One query returning only distinct rows: the year of each dated document, the symbol of
    each undated one."""
    rows = (
        Document.objects.published()
        .values_list(ExtractYear("date"), Case(When(date__isnull=True, then="symbol")))
        .order_by()
        .distinct()
    )
    years = set()
    for year, symbol in rows:
        if year:
            years.add(year)
        elif symbol:
            years.add(parse_symbol(symbol).year)
    return sorted(years, reverse=True)


@require_safe
@public_page
def document_list(request):
    """Browse and search: ?q= (an exact symbol goes straight to its document), ?meeting=,
    ?kind=, ?year=, ?language=."""
    meetings = (
        Meeting.objects.filter(pk__in=Document.objects.published().values("meeting_id"))
        .only("pk", "slug", "title", "code", "start_date")
        .order_by("-start_date")
    )
    fmt = requested_format(request)
    form = DocumentFilterForm(request.GET or None, meetings=meetings, years=_years())
    documents = Document.objects.published()
    query = ""
    if form.is_bound:
        form.is_valid()  # an invalid filter is reported next to its field; the valid ones still apply
        data = {"q": "", "meeting": None, "kind": "", "year": None, "language": ""} | form.cleaned_data
        query = data["q"].strip()
        if query:
            try:
                exact = Document.objects.published().filter(symbol=normalize_symbol(query)).first()
            except ValidationError:
                exact = None
            if exact is not None and not fmt:
                return redirect(exact)
            documents = documents.search(query, vendor=connection.vendor, language=get_language())
        if data["meeting"]:
            documents = documents.filter(meeting=data["meeting"])
        if data["kind"]:
            documents = documents.filter(kind=data["kind"])
        if data["year"]:
            documents = documents.in_year(data["year"])
        if data["language"]:
            documents = documents.in_language(data["language"])
    if not query:
        documents = documents.order_by(
            F("date").desc(nulls_last=True), F("published_at").desc(nulls_last=True), "symbol"
        )
    if fmt:
        return export_response(
            documents.order_by(*documents.query.order_by, "pk").for_listing(),
            columns=_export_columns(request),
            fmt=fmt,
            filename="ccm-documents",
        )
    page = Paginator(documents.for_listing(), PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "documents/document_list.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "params": params.urlencode(),
            "exports": export_links(request),
        },
    )


def _export_columns(request) -> list[Column]:
    """The columns of the list's CSV and XLSX: what its table shows, and the address."""
    return [
        Column(_("Symbol"), lambda d: d.symbol),
        Column(_("Title"), lambda d: d.display_title),
        Column(_("Kind"), lambda d: d.get_kind_display()),
        Column(_("Meeting"), lambda d: str(d.meeting) if d.meeting_id else ""),
        Column(_("Agenda item"), lambda d: d.agenda_item.number if d.agenda_item_id else ""),
        Column(_("Date"), lambda d: d.date or d.year),
        Column(_("Language versions"), lambda d: [r.language.upper() for r in d.ready_renditions]),
        Column(_("Address"), lambda d: request.build_absolute_uri(d.get_absolute_url())),
    ]


@require_safe
@public_page
def document_detail(request, symbol: str):
    canonical = _canonical_or_404(symbol)
    if canonical != symbol:
        return redirect("documents:document-detail", symbol=canonical, permanent=True)
    return _detail(request, _get_published_document(symbol=canonical))


@require_safe
@public_page
def document_detail_by_slug(request, slug: str):
    document = _get_published_document(slug=slug)
    if document.symbol:  # the slug address stays valid once a symbol is issued
        return redirect(document, permanent=True)
    return _detail(request, document)


def _detail(request, document: Document):
    cited_symbols = document.cited_symbols()
    cited = {
        d.symbol: d
        for d in Document.objects.published().filter(symbol__in=cited_symbols).only("symbol", "slug", "title")
    }
    links = {symbol: d.get_absolute_url() for symbol, d in cited.items()}
    cited_by = (
        Document.objects.published()
        .filter(citations__symbol=document.symbol)
        .distinct()
        .order_by("-date", "symbol")
        if document.symbol
        else Document.objects.none()
    )
    context = {
        "document": document,
        **_versions_context(document),
        "body_html": text.to_html(document.body, link=links.get, mode="web"),
        "citations": [(symbol, cited.get(symbol)) for symbol in cited_symbols],
        "cited_by": list(cited_by),
        "related": list(Document.objects.published().filter(related_to=document).order_by("symbol", "date")),
        "superseded_by": list(document.superseding()),
        "submitters": list(document.submitting_delegations.all()),
    }
    return render(request, "documents/document_detail.html", context)


def _status_url(document: Document) -> str:
    if document.symbol:
        return reverse("documents:document-status", kwargs={"symbol": document.symbol})
    return reverse("documents:document-status-slug", kwargs={"slug": document.slug})


def _versions_context(document: Document) -> dict:
    """The language versions of a public document: those ready to download, and those whose PDF
    is being rendered (shown with a status that updates by itself)."""
    renditions = list(document.renditions.all())
    ready = [r for r in renditions if r.is_ready]
    return {
        "renditions": ready,
        "pending": [r for r in renditions if r.state in (Rendition.State.QUEUED, Rendition.State.RENDERING)],
        "missing_languages": [
            label for code, label in Language.choices if code not in {r.language for r in ready}
        ],
        "status_url": _status_url(document),
    }


@never_cache
@require_safe
def document_status(request, symbol: str):
    """The language versions of one document, as the fragment that static/js/status.js polls
    while a PDF is being rendered."""
    document = _get_published_document(symbol=_canonical_or_404(symbol))
    return render(
        request, "documents/_language_versions.html", {"document": document, **_versions_context(document)}
    )


@never_cache
@require_safe
def document_status_by_slug(request, slug: str):
    document = _get_published_document(slug=slug)
    return render(
        request, "documents/_language_versions.html", {"document": document, **_versions_context(document)}
    )


def _rendition_or_404(document: Document, language: str) -> Rendition:
    rendition = document.renditions.filter(language=language, state=Rendition.State.READY).first()
    if rendition is None or not rendition.file:
        raise Http404("No PDF in this language")
    return rendition


def _file_response(rendition: Rendition) -> HttpResponse:
    """The PDF itself, never read through Python: behind the production proxy, an empty answer
    whose X-Accel-Redirect names the file under the proxy's internal location
    (PDF_ACCEL_REDIRECT_LOCATION); without one, a FileResponse, which the server sends with
    sendfile where it can. The size is the one stored when the PDF was made."""
    location = settings.PDF_ACCEL_REDIRECT_LOCATION
    if location:
        response = HttpResponse(content_type="application/pdf")
        response["X-Accel-Redirect"] = location.rstrip("/") + "/" + quote(rendition.file.name)
        return response
    try:
        handle = rendition.file.open("rb")
    except FileNotFoundError:
        raise Http404("The PDF file is missing") from None
    response = FileResponse(handle, content_type="application/pdf", filename=rendition.filename)
    if rendition.size:
        response["Content-Length"] = str(rendition.size)
    return response


def _pdf_response(request, document: Document, language: str):
    rendition = _rendition_or_404(document, language)
    rendition.document = document
    etag = f'"{rendition.checksum}"'
    last_modified = (
        int(rendition.ready_at.timestamp()) if rendition.ready_at else None
    )  # HTTP dates are whole seconds
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = _file_response(rendition)
        response["Content-Disposition"] = f'inline; filename="{rendition.filename}"'
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=PDF_MAX_AGE)
    return response


@require_safe
def rendition_pdf(request, symbol: str, language: str):
    canonical = _canonical_or_404(symbol)
    if canonical != symbol:
        return redirect("documents:rendition-pdf", symbol=canonical, language=language, permanent=True)
    return _pdf_response(request, _get_published_document(symbol=canonical), language)


@require_safe
def rendition_pdf_by_slug(request, slug: str, language: str):
    document = _get_published_document(slug=slug)
    if document.symbol:
        return redirect(document.pdf_url(language), permanent=True)
    return _pdf_response(request, document, language)
