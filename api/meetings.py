"""/api/v1/meetings: meetings by slug with their agenda, documents per item, participating
delegations and interventions, as /meetings/ and a meeting's page show them; and a meeting's
list of participants as the ISU published it."""

from datetime import date, datetime, time
from typing import Literal

from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema

from ccm_portal.lib.content import in_language
from consultations.models import Intervention
from documents.models import Document
from meetings.models import AgendaItem, Meeting, Participation
from registration.models import Participant
from registration.participants_list import published_list

from .base import (
    PAGE_SIZE,
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
from .delegations import check_paging
from .documents import DocumentRef, document_ref

router = Router(tags=["meetings"])

Lang = Literal["en", "fr", "es"]


class MeetingItem(Schema):
    slug: str
    code: str | None
    title: str
    kind: str
    status: str
    start_date: date | None
    end_date: date | None
    date_precision: str
    dates_note: str
    start_time: time | None
    end_time: time | None
    time_zone: str
    city: str
    country: str | None
    is_formal: bool
    url: str
    html_url: str
    created: datetime
    last_modified: datetime


class MeetingList(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[MeetingItem]


class InterventionOut(Schema):
    delegation: str
    delegation_iso3: str | None
    role: str
    summary: str
    topics: list[str]


class AgendaItemOut(Schema):
    number: str
    title: str
    status: str
    outcome: str
    documents: list[DocumentRef]
    interventions: list[InterventionOut]
    sub_items: list["AgendaItemOut"]


class Venue(Schema):
    room: str
    building: str
    city: str
    country: str | None


class DelegationRef(Schema):
    name: str
    iso3: str | None
    slug: str


class MeetingDetail(MeetingItem):
    venue: Venue
    convened_by: DelegationRef | None
    convened_as: str
    regional_group: str | None
    prepares: str | None
    summary: str
    agenda: list[AgendaItemOut]
    other_documents: list[DocumentRef]
    other_interventions: list[InterventionOut]
    participants: list[DelegationRef]


class MeetingFilters(Schema):
    format: Literal["json", "csv", "xlsx"] = "json"
    kind: str | None = None
    year: str | None = None
    when: str | None = None
    changed_since: str | None = None
    page: int = 1
    page_size: int = PAGE_SIZE
    lang: Lang = "en"


def meeting_item(request: HttpRequest, meeting: Meeting) -> dict:
    return {
        "slug": meeting.slug,
        "code": meeting.code,
        "title": meeting.title,
        "kind": meeting.kind,
        "status": meeting.status,
        "start_date": meeting.start_date,
        "end_date": meeting.end_date,
        "date_precision": meeting.date_precision,
        "dates_note": meeting.dates_note,
        "start_time": meeting.start_time,
        "end_time": meeting.end_time,
        "time_zone": meeting.time_zone,
        "city": meeting.city,
        "country": meeting.country.name if meeting.country_id else None,
        "is_formal": meeting.is_formal,
        "url": absolute(request, f"/api/v1/meetings/{meeting.slug}"),
        "html_url": absolute(request, meeting.get_absolute_url()),
        "created": meeting.created,
        "last_modified": meeting.updated_at,
    }


@router.get(
    "/",
    response={200: MeetingList, 400: ErrorOut, 404: ErrorOut},
    url_name="meeting-list",
)
def meeting_list(request, filters: Query[MeetingFilters]):
    """Meetings by date (undated last). Filters: ?kind= (several, comma-separated), ?year=,
    ?when=upcoming or past, ?changed_since=."""
    check_paging(filters.page, filters.page_size)
    meetings = Meeting.objects.select_related("country")
    kinds = values(filters.kind, field="kind", allowed=Meeting.Kind.values)
    if kinds:
        meetings = meetings.filter(kind__in=kinds)
    years = integers(filters.year, field="year", low=2008, high=2100)
    if years:
        in_years = Meeting.objects.none()
        for year in years:
            in_years = in_years | Meeting.objects.in_year(year)
        meetings = meetings.filter(pk__in=in_years.values("pk"))
    when = values(filters.when, field="when", allowed=["upcoming", "past"])
    if len(when) == 1:
        today = timezone.localdate()
        meetings = meetings.upcoming(today) if when == ["upcoming"] else meetings.past(today)
    since = moment(filters.changed_since)
    if since:
        meetings = meetings.filter(updated_at__gte=since)
    meetings = meetings.order_by(F("start_date").asc(nulls_last=True), "start_time", "slug")
    if filters.format != "json":
        return csv_response(
            meetings,
            item=lambda m: meeting_item(request, m),
            schema=MeetingItem,
            filename="ccm-meetings",
            fmt=filters.format,
        )
    page = paginate(meetings, page=filters.page, page_size=filters.page_size)
    return page_out(request, page, [meeting_item(request, m) for m in page.rows])


def _intervention(intervention: Intervention) -> dict:
    return {
        "delegation": intervention.delegation.name,
        "delegation_iso3": intervention.delegation.iso3,
        "role": intervention.role,
        "summary": intervention.summary,
        "topics": [topic.slug for topic in intervention.topics.all()],
    }


def _delegation_ref(delegation) -> dict:
    return {"name": delegation.name, "iso3": delegation.iso3, "slug": delegation.slug}


@router.get("/{slug}", response={200: MeetingDetail, 400: ErrorOut, 404: ErrorOut}, url_name="meeting-detail")
def meeting_detail(request, slug: str, lang: Lang = "en"):
    """One meeting: dates with their precision and time zone, venue, convener, the agenda as a
    tree with the published documents and the interventions under each item, and the
    participating delegations."""
    meeting = (
        Meeting.objects.select_related("country", "convened_by", "regional_group", "prepares")
        .filter(slug=slug)
        .first()
    )
    if meeting is None:
        raise NotFound(f"No meeting has the address {slug!r}.")
    items = list(AgendaItem.objects.filter(meeting=meeting))
    interventions = Intervention.objects.grouped_by_agenda_item(meeting)
    documents: dict[int | None, list[Document]] = {
        item.pk if item else None: listed
        for item, listed in Document.objects.published().grouped_by_agenda_item(meeting)
    }

    def item_out(item: AgendaItem) -> dict:
        return {
            "number": item.number,
            "title": item.title,
            "status": item.status,
            "outcome": item.outcome,
            "documents": [document_ref(request, d) for d in documents.get(item.pk, [])],
            "interventions": [_intervention(i) for i in interventions.get(item.pk, [])],
            "sub_items": [item_out(sub) for sub in item.sub_items],
        }

    participants = Participation.objects.filter(meeting=meeting).select_related("delegation")
    return {
        **meeting_item(request, meeting),
        "venue": {
            "room": meeting.room,
            "building": meeting.building,
            "city": meeting.city,
            "country": meeting.country.name if meeting.country_id else None,
        },
        "convened_by": _delegation_ref(meeting.convened_by) if meeting.convened_by_id else None,
        "convened_as": meeting.convened_as,
        "regional_group": meeting.regional_group.name if meeting.regional_group_id else None,
        "prepares": meeting.prepares.slug if meeting.prepares_id else None,
        "summary": meeting.summary,
        "agenda": [item_out(item) for item in meeting.agenda_outline(items)],
        "other_documents": [document_ref(request, d) for d in documents.get(None, [])],
        "other_interventions": [_intervention(i) for i in interventions.get(None, [])],
        "participants": [_delegation_ref(p.delegation) for p in participants],
    }


class ListedMember(Schema):
    name: str
    role: str
    role_label: str
    function: str


class ListedDelegation(Schema):
    name: str
    iso3: str | None
    slug: str
    members: list[ListedMember]
    other_members: int


class ListedGroup(Schema):
    key: str
    label: str
    delegations: list[ListedDelegation]


class ParticipantsOut(Schema):
    meeting: str
    document: DocumentRef
    groups: list[ListedGroup]


@router.get(
    "/{slug}/participants",
    response={200: ParticipantsOut, 400: ErrorOut, 404: ErrorOut},
    url_name="meeting-participants",
)
def meeting_participants(request, slug: str, lang: Lang = "en"):
    """The meeting's list of participants as the ISU published it (its newest issued version):
    grouped as the United Nations groups its lists, the members who consented to publication by
    name, the others counted. A registration approved after the list was issued is not in it
    until the ISU issues the list again. 404 until a list is published."""
    meeting = Meeting.objects.filter(slug=slug).first()
    if meeting is None:
        raise NotFound(f"No meeting has the address {slug!r}.")
    published = published_list(meeting)
    if published is None:
        raise NotFound(f"No list of participants of {slug!r} is published.")
    document, groups = published
    roles = dict(Participant.Role.choices)
    return {
        "meeting": meeting.slug,
        "document": document_ref(request, document),
        "groups": [
            {
                "key": group["key"],
                "label": group["label"],
                "delegations": [
                    {
                        "name": in_language(entry["delegation"]),
                        "iso3": entry["delegation"].iso3,
                        "slug": entry["delegation"].slug,
                        "members": [
                            {**member, "role_label": str(roles.get(member["role"], member["role"]))}
                            for member in entry["members"]
                        ],
                        "other_members": entry["others"],
                    }
                    for entry in group["delegations"]
                ],
            }
            for group in groups
        ],
    }
