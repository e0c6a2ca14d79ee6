"""/api/v1/topics: the topics of the informal consultations and what each delegation said on
them, as /consultations/ shows them."""

from datetime import datetime
from typing import Literal

from django.db.models import Q
from django.http import HttpRequest
from ninja import Router, Schema

from consultations.models import Intervention, Position, Topic

from .base import PAGE_SIZE, ErrorOut, NotFound, absolute, csv_response, moment, page_out, paginate
from .delegations import check_paging
from .machinery import Holder, holder

router = Router(tags=["consultations"])

Lang = Literal["en", "fr", "es"]


class PositionOut(Schema):
    delegation: Holder
    region: str | None
    meeting: str
    meeting_slug: str
    agenda_item: str | None
    statement: str
    created: datetime
    last_modified: datetime


class TopicItem(Schema):
    slug: str
    name: str
    description: str
    url: str
    created: datetime
    last_modified: datetime


class TopicList(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[TopicItem]


class TopicDetail(TopicItem):
    positions: list[PositionOut]


def topic_item(request: HttpRequest, topic: Topic) -> dict:
    return {
        "slug": topic.slug,
        "name": topic.name,
        "description": topic.description,
        "url": absolute(request, f"/api/v1/topics/{topic.slug}"),
        "created": topic.created,
        "last_modified": topic.last_modified,
    }


def _positions(topic: Topic) -> list[dict]:
    positions = (
        Position.objects.filter(topic=topic, intervention__role=Intervention.Role.DELEGATION)
        .select_related(
            "intervention__delegation__region", "intervention__meeting", "intervention__agenda_item"
        )
        .order_by(
            "intervention__delegation__region__order",
            "intervention__delegation__name",
            "intervention__meeting__start_date",
            "intervention__agenda_item__order",
            "pk",
        )
    )
    rows = []
    for position in positions:
        intervention = position.intervention
        delegation = intervention.delegation
        rows.append(
            {
                "delegation": holder(delegation),
                "region": delegation.region.name if delegation.region_id else None,
                "meeting": intervention.meeting.code or intervention.meeting.title,
                "meeting_slug": intervention.meeting.slug,
                "agenda_item": intervention.agenda_item.number if intervention.agenda_item_id else None,
                "statement": position.text,
                "created": position.created,
                # The statement may be the intervention's summary: a change to either counts.
                "last_modified": max(position.last_modified, intervention.last_modified),
            }
        )
    return rows


@router.get(
    "/",
    response={200: TopicList, 400: ErrorOut, 404: ErrorOut},
    url_name="topic-list",
)
def topic_list(
    request,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    lang: Lang = "en",
    format: Literal["json", "csv", "xlsx"] = "json",
    changed_since: str | None = None,
):
    """The topics of the consultations, in the ISU's order; with ?changed_since=, those whose
    record or one of whose positions (or the intervention it is part of) changed since then."""
    check_paging(page, page_size)
    topics = Topic.objects.order_by("order", "pk")
    since = moment(changed_since)
    if since:
        topics = topics.filter(
            Q(last_modified__gte=since)
            | Q(positions__last_modified__gte=since)
            | Q(positions__intervention__last_modified__gte=since)
        ).distinct()
    if format != "json":
        return csv_response(
            topics,
            item=lambda t: topic_item(request, t),
            schema=TopicItem,
            filename="ccm-topics",
            fmt=format,
        )
    rows = paginate(topics, page=page, page_size=page_size)
    return page_out(request, rows, [topic_item(request, topic) for topic in rows.rows])


@router.get("/{slug}", response={200: TopicDetail, 400: ErrorOut, 404: ErrorOut}, url_name="topic-detail")
def topic_detail(request, slug: str, lang: Lang = "en"):
    """One topic with every delegation's position on it, by region, across consultations."""
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        raise NotFound(f"No topic has the address {slug!r}.")
    return {**topic_item(request, topic), "positions": _positions(topic)}
