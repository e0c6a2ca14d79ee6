"""/api/v1/delegations: States (by ISO code) and organisations (by slug), their treaty record
and their status on any date, as /delegations/ shows them."""

from datetime import date, datetime
from typing import Literal

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema

from meetings.models import Delegation, RegionalGroup
from meetings.treaty import TreatyStatus

from .base import (
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    BadRequest,
    ErrorOut,
    NotFound,
    absolute,
    csv_response,
    day,
    moment,
    page_out,
    paginate,
    values,
)

router = Router(tags=["delegations"])

Lang = Literal["en", "fr", "es"]


class RegionRef(Schema):
    slug: str
    name: str


class DelegationItem(Schema):
    iso3: str | None
    slug: str
    name: str
    acronym: str
    kind: str
    category: str
    region: RegionRef | None
    status: str | None
    status_on: date
    url: str
    html_url: str
    created: datetime
    last_modified: datetime


class DelegationList(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[DelegationItem]


class TreatyRecord(Schema):
    signed: bool | None
    signature_date: date | None
    deposited: bool
    deposit_type: str
    deposit_date: date | None
    entry_into_force: date | None
    entry_into_force_is_derived: bool
    withdrawal_notification_date: date | None
    withdrawal_effective_date: date | None
    record_as_of: date | None
    sources: list[str]


class StatusPeriodOut(Schema):
    start: date | None
    end: date | None
    status: str


class DelegationDetail(DelegationItem):
    treaty: TreatyRecord | None
    status_history: list[StatusPeriodOut]
    notes: str


class DelegationFilters(Schema):
    format: Literal["json", "csv", "xlsx"] = "json"
    kind: str | None = None
    region: str | None = None
    status: str | None = None
    on: str | None = None
    changed_since: str | None = None
    page: int = 1
    page_size: int = PAGE_SIZE
    lang: Lang = "en"


def delegation_address(request: HttpRequest, delegation: Delegation) -> str:
    return absolute(request, f"/api/v1/delegations/{delegation.iso3 or delegation.slug}")


def delegation_item(request: HttpRequest, delegation: Delegation, on: date) -> dict:
    region = delegation.region if delegation.region_id else None
    return {
        "iso3": delegation.iso3,
        "slug": delegation.slug,
        "name": delegation.name,
        "acronym": delegation.acronym,
        "kind": delegation.kind,
        "category": delegation.category,
        "region": {"slug": region.slug, "name": region.name} if region else None,
        "status": delegation.status_on(on),
        "status_on": on,
        "url": delegation_address(request, delegation),
        "html_url": absolute(request, delegation.get_absolute_url()),
        "created": delegation.created,
        "last_modified": delegation.last_modified,
    }


def check_paging(page: int, page_size: int) -> None:
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise BadRequest("page_size", f"page_size must be from 1 to {MAX_PAGE_SIZE}.")
    if page < 1:
        raise BadRequest("page", "page must be 1 or more.")


@router.get(
    "/",
    response={200: DelegationList, 400: ErrorOut, 404: ErrorOut},
    url_name="delegation-list",
)
def delegation_list(request, filters: Query[DelegationFilters]):
    """States and organisations by name, each with its status on ?on=YYYY-MM-DD (today by
    default). Filters: ?kind=state,organisation, ?region= (slugs), ?status=state_party,signatory
    (on that date), ?changed_since=."""
    check_paging(filters.page, filters.page_size)
    on = day(filters.on) or timezone.localdate()
    delegations = Delegation.objects.select_related("region")
    kinds = values(filters.kind, field="kind", allowed=Delegation.Kind.values)
    if kinds:
        delegations = delegations.filter(kind__in=kinds)
    regions = values(
        filters.region, field="region", allowed=list(RegionalGroup.objects.values_list("slug", flat=True))
    )
    if regions:
        delegations = delegations.filter(region__slug__in=regions)
    since = moment(filters.changed_since)
    if since:
        delegations = delegations.filter(last_modified__gte=since)
    delegations = delegations.order_by("name", "pk")
    statuses = values(filters.status, field="status", allowed=TreatyStatus.values)
    if statuses:  # derived on the date, not stored: filtered in Python (some 200 rows at most)
        delegations = [d for d in delegations if d.status_on(on) in statuses]
    if filters.format != "json":
        return csv_response(
            delegations,
            item=lambda d: delegation_item(request, d, on),
            schema=DelegationItem,
            filename="ccm-delegations",
            fmt=filters.format,
        )
    page = paginate(delegations, page=filters.page, page_size=filters.page_size)
    return page_out(request, page, [delegation_item(request, d, on) for d in page.rows])


@router.get(
    "/{key}", response={200: DelegationDetail, 400: ErrorOut, 404: ErrorOut}, url_name="delegation-detail"
)
def delegation_detail(request, key: str, on: str | None = None, lang: Lang = "en"):
    """One State by its ISO 3166 code (LTU) or one organisation by its slug: the treaty record
    with its sources, the status on ?on=YYYY-MM-DD (today by default) and the status history."""
    when = day(on) or timezone.localdate()
    delegation = Delegation.objects.select_related("region").filter(Q(iso3=key.upper()) | Q(slug=key)).first()
    if delegation is None:
        raise NotFound(f"No State has the ISO code {key!r} and no organisation the address {key!r}.")
    treaty = None
    if delegation.is_state:
        treaty = {
            "signed": delegation.signed,
            "signature_date": delegation.signature_date,
            "deposited": delegation.deposited,
            "deposit_type": delegation.deposit_type,
            "deposit_date": delegation.deposit_date,
            "entry_into_force": delegation.entry_into_force,
            "entry_into_force_is_derived": delegation.entry_into_force_is_derived,
            "withdrawal_notification_date": delegation.withdrawal_notification_date,
            "withdrawal_effective_date": delegation.withdrawal_effective_date,
            "record_as_of": delegation.record_as_of,
            "sources": [line.strip() for line in delegation.sources.splitlines() if line.strip()],
        }
    return {
        **delegation_item(request, delegation, when),
        "treaty": treaty,
        "status_history": [
            {"start": p.start, "end": p.end, "status": p.status} for p in delegation.status_history()
        ],
        "notes": delegation.notes,
    }
