from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from ccm_portal.lib.cache import public_page
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


@public_page
def consultation_list(request):
    """Informal consultations, and for each topic which delegations and regions said what."""
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
        {"consultations": consultations, "topics": topics},
    )


@public_page
def topic_detail(request, slug: str):
    """Every delegation's position on one topic, by region, across consultations."""
    topic = get_object_or_404(Topic, slug=slug)
    topic.regions = _positions([topic]).get(topic.pk, [])
    return render(request, "consultations/topic_detail.html", {"topic": topic, "topics": Topic.objects.all()})
