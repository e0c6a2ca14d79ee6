"""The pages that show several apps at once. Each asks every app for its records through
that app's public functions (QuerySet methods, functions of its models), never through a
reverse relation another app added, so each page runs a fixed number of queries."""

from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from ccm_portal.lib.cache import public_page
from consultations.models import Intervention
from documents.models import Document
from machinery.offices import offices_held_by
from machinery.on_date import presidency_chain, presidency_situation
from meetings.models import AgendaItem, Delegation, Meeting
from registration.models import RegistrationPeriod
from reporting.status import state_reporting


@public_page
def home(request):
    """Upcoming and recent meetings, the latest documents and the Presidency of today."""
    today = timezone.localdate()
    upcoming = list(
        Meeting.objects.upcoming(today).select_related("country").order_by("start_date", "start_time")[:5]
    )
    recent = list(Meeting.objects.past(today).select_related("country").order_by("-start_date")[:3])
    for meeting in upcoming + recent:
        meeting.status_shown = meeting.status_label_on(today)
    latest = list(Document.objects.published().for_listing().order_by("-published_at", "-date", "-pk")[:5])
    return render(
        request,
        "pages/home.html",
        {
            "today": today,
            "upcoming": upcoming,
            "recent": recent,
            "latest_documents": latest,
            "presidency": presidency_situation(today, presidency_chain()),
        },
    )


@public_page
def meeting_detail(request, slug: str):
    """One meeting: when and where, who convened it, who took part, the agenda with the
    documents and what was said under each item, the logistics, and the meetings it belongs
    with."""
    today = timezone.localdate()
    meeting = get_object_or_404(
        Meeting.objects.select_related("country", "convened_by", "regional_group", "prepares"), slug=slug
    )
    meeting.status_shown = meeting.status_label_on(today)
    items = list(AgendaItem.objects.filter(meeting=meeting))
    interventions = Intervention.objects.grouped_by_agenda_item(meeting)
    documents = {
        item.pk if item else None: listed
        for item, listed in Document.objects.published().grouped_by_agenda_item(meeting)
    }
    for item in items:
        item.statements = interventions.get(item.pk, [])
        item.delegation_spoke = any(not s.is_chair for s in item.statements)
        item.published_documents = documents.get(item.pk, [])
    other_statements = interventions.get(None, [])
    related = []
    if meeting.prepares_id:
        related = list(
            Meeting.objects.filter(prepares_id=meeting.prepares_id)
            .exclude(pk=meeting.pk)
            .select_related("country")
        )
    return render(
        request,
        "pages/meeting_detail.html",
        {
            "meeting": meeting,
            "participations": list(meeting.participations.select_related("delegation")),
            "agenda": meeting.agenda_outline(items),
            "agenda_provisional": any(i.status == AgendaItem.Status.PROVISIONAL for i in items),
            "statements_recorded": bool(other_statements) or any(item.statements for item in items),
            "other_statements": other_statements,
            "unassigned_documents": documents.get(None, []),
            "preparatory": list(meeting.preparatory_meetings.select_related("country")),
            "related": related,
            "registration_open": RegistrationPeriod.objects.filter(meeting=meeting).exists(),
            "today": today,
        },
    )


@public_page
def delegation_detail(request, key: str):
    """One State (by ISO code) or organisation (by slug): its treaty record, its Article 7
    reports and treaty deadlines, the meetings it attended, what it said there and the offices
    it has held."""
    delegation = get_object_or_404(
        Delegation.objects.select_related("region"), Q(iso3=key.upper()) | Q(slug=key)
    )
    participations = list(
        delegation.participations.select_related("meeting").order_by("-meeting__start_date")
    )
    return render(
        request,
        "pages/delegation_detail.html",
        {
            "delegation": delegation,
            "status_history": delegation.status_history(),
            "participations": participations,
            "interventions": list(Intervention.objects.of_delegation(delegation)),
            "held": offices_held_by(delegation),
            "reporting": state_reporting(delegation, timezone.localdate()),
        },
    )
