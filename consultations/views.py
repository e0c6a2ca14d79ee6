from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.cache import public_page
from ccm_portal.lib.exports import Column, export_links, export_response, requested_format
from meetings.models import Meeting

from .models import Intervention, Position, Topic


def _positions(topics):
    """Delegations' positions on ``topics``, as {topic id: [(region name, [positions])]}:
    regions in the ISU's order, then delegations by name, then in date order."""
    positions = (
        Position.objects.filter(topic__in=topics, intervention__role=Intervention.Role.DELEGATION)
        .select_related(
            "intervention__delegation__region", "intervention__meeting", "intervention__agenda_item"
        )
        .order_by(
            "topic__order",
            "intervention__delegation__region__order",
            "intervention__delegation__name",
            "intervention__meeting__start_date",
            "intervention__agenda_item__order",
        )
    )
    grouped: dict[int, dict[str, list[Position]]] = {}
    for position in positions:
        region = position.intervention.delegation.region
        by_region = grouped.setdefault(position.topic_id, {})
        by_region.setdefault(region.name if region else "", []).append(position)
    return {topic_id: list(by_region.items()) for topic_id, by_region in grouped.items()}


def _export_positions(request, topics, *, fmt: str, filename: str):
    """The positions of the page, topic by topic, region by region, as CSV or XLSX."""
    rows = [
        (topic, region, position)
        for topic in topics
        for region, positions in topic.regions
        for position in positions
    ]

    def agenda_item(intervention) -> str:
        item = intervention.agenda_item
        return (item.number or item.title) if item else ""

    columns = [
        Column(_("Topic"), lambda row: row[0].name),
        Column(_("Region"), lambda row: row[1] or _("Organisations")),
        Column(_("Delegation"), lambda row: row[2].intervention.delegation.name),
        Column(_("Position"), lambda row: row[2].statement or row[2].intervention.summary),
        Column(_("Meeting"), lambda row: str(row[2].intervention.meeting)),
        Column(_("Agenda item"), lambda row: agenda_item(row[2].intervention)),
        Column(_("Dates"), lambda row: row[2].intervention.meeting.date_display),
        Column(_("Address"), lambda row: request.build_absolute_uri(row[2].intervention.get_absolute_url())),
    ]
    return export_response(rows, columns=columns, fmt=fmt, filename=filename)


@public_page
def consultation_list(request):
    """Informal consultations, and for each topic which delegations and regions said what."""
    fmt = requested_format(request)
    if fmt:
        topics = list(Topic.objects.all())
        positions = _positions(topics)
        for topic in topics:
            topic.regions = positions.get(topic.pk, [])
        return _export_positions(request, topics, fmt=fmt, filename="ccm-positions-by-topic")
    consultations = list(
        Meeting.objects.filter(Q(kind=Meeting.Kind.REGIONAL_CONSULTATION) | Q(interventions__isnull=False))
        .select_related("regional_group", "country")
        .annotate(
            delegations=Count("participations", distinct=True),
            speakers=Count(
                "interventions__delegation",
                filter=Q(interventions__role=Intervention.Role.DELEGATION),
                distinct=True,
            ),
        )
        .order_by("-start_date", "title")
    )
    topics = list(Topic.objects.all())
    positions = _positions(topics)
    for topic in topics:
        topic.regions = positions.get(topic.pk, [])
    return render(
        request,
        "consultations/consultation_list.html",
        {"consultations": consultations, "topics": topics, "exports": export_links(request)},
    )


@public_page
def topic_detail(request, slug: str):
    """Every delegation's position on one topic, by region, across consultations."""
    topic = get_object_or_404(Topic, slug=slug)
    topic.regions = _positions([topic]).get(topic.pk, [])
    fmt = requested_format(request)
    if fmt:
        return _export_positions(request, [topic], fmt=fmt, filename=f"ccm-positions-{topic.slug}")
    return render(
        request,
        "consultations/topic_detail.html",
        {"topic": topic, "topics": Topic.objects.all(), "exports": export_links(request)},
    )
