from collections import Counter
from urllib.parse import quote

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ccm_portal.lib.cache import public_page

from .calendar import build_calendar
from .forms import MeetingFilterForm
from .models import AgendaItem, Delegation, Meeting, RegionalGroup
from .treaty import TreatyStatus

URL_SAFE = "!$&'()*+,;=~:@"  # as reverse() leaves them in a path segment
PAGE_SIZE = 50  # meetings in each list of the meeting list


def _reverse_relation(model, name: str) -> bool:
    """Whether another app gives ``model`` the reverse relation ``name`` (the consultations app
    adds ``interventions``; this app never imports it)."""
    return any(rel.get_accessor_name() == name for rel in model._meta.related_objects)


@public_page
def meeting_list(request):
    """Meetings to come (the nearest first) and past meetings (the latest first), each list
    PAGE_SIZE to a page with its own page number, filtered by kind and year."""
    today = timezone.localdate()
    form = MeetingFilterForm(request.GET or None)
    meetings = form.filter(Meeting.objects.select_related("country"))
    upcoming = Paginator(meetings.upcoming(today), PAGE_SIZE).get_page(request.GET.get("upcoming_page"))
    past = Paginator(meetings.past(today).reverse(), PAGE_SIZE).get_page(request.GET.get("page"))
    for meeting in [*upcoming.object_list, *past.object_list]:
        meeting.status_shown = meeting.status_label_on(today)
    years = sorted({d.year for d in Meeting.objects.dates("start_date", "year")}, reverse=True)
    upcoming_params, past_params = request.GET.copy(), request.GET.copy()
    upcoming_params.pop("upcoming_page", None)
    past_params.pop("page", None)
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "form": form,
            "upcoming": upcoming,
            "past": past,
            "years": years,
            "today": today,
            "upcoming_params": upcoming_params.urlencode(),
            "past_params": past_params.urlencode(),
        },
    )


@public_page
def meeting_detail(request, slug: str):
    """One meeting: when and where, who convened it, who took part, the agenda with what was
    said under each item, the logistics, and the meetings it belongs with."""
    today = timezone.localdate()
    meeting = get_object_or_404(
        Meeting.objects.select_related("country", "convened_by", "regional_group", "prepares"), slug=slug
    )
    meeting.status_shown = meeting.status_label_on(today)
    items = AgendaItem.objects.filter(meeting=meeting)
    has_interventions = _reverse_relation(AgendaItem, "interventions")
    if has_interventions:
        items = items.prefetch_related("interventions__topics")
    items = list(items)
    statements_recorded = False
    for item in items:
        item.statements = list(item.interventions.all()) if has_interventions else []
        item.delegation_spoke = any(not s.is_chair for s in item.statements)
        statements_recorded = statements_recorded or bool(item.statements)
    # The documents app stands above this one (this app never imports it); the page that
    # shows both belongs in pages/, which will ask documents directly.
    published_documents = apps.get_model("documents", "Document").objects.published()
    documents_by_item = {
        item.pk if item else None: documents
        for item, documents in published_documents.grouped_by_agenda_item(meeting)
    }
    for item in items:
        item.published_documents = documents_by_item.get(item.pk, [])
    other_statements = []
    if has_interventions:
        other_statements = list(
            meeting.interventions.filter(agenda_item__isnull=True).prefetch_related("topics")
        )
    preparatory = list(meeting.preparatory_meetings.select_related("country"))
    related = []
    if meeting.prepares_id:
        related = list(
            Meeting.objects.filter(prepares_id=meeting.prepares_id)
            .exclude(pk=meeting.pk)
            .select_related("country")
        )
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "participations": list(meeting.participations.select_related("delegation")),
            "agenda": meeting.agenda_outline(items),
            "agenda_provisional": any(i.status == AgendaItem.Status.PROVISIONAL for i in items),
            "statements_recorded": statements_recorded or bool(other_statements),
            "other_statements": other_statements,
            "unassigned_documents": documents_by_item.get(None, []),
            "preparatory": preparatory,
            "related": related,
            "today": today,
        },
    )


def _calendar_response(request, meetings, *, name: str, filename: str) -> HttpResponse:
    body = build_calendar(
        meetings, name=name, url_for=lambda m: request.build_absolute_uri(m.get_absolute_url())
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@public_page
def meeting_calendar(request):
    """Every meeting whose days are known, as an iCalendar feed."""
    meetings = Meeting.objects.dated().select_related("country", "convened_by")
    return _calendar_response(
        request,
        meetings,
        name=_("Meetings of the Convention on Cluster Munitions"),
        filename="ccm-meetings.ics",
    )


@public_page
def meeting_detail_calendar(request, slug: str):
    """One meeting as an iCalendar file (with no event while its days are not known)."""
    meeting = get_object_or_404(Meeting.objects.select_related("country", "convened_by"), slug=slug)
    return _calendar_response(request, [meeting], name=str(meeting), filename=f"{meeting.slug}.ics")


@public_page
def delegation_list(request):
    """States by region with their status today, the membership figures, and organisations."""
    today = timezone.localdate()
    regions = list(RegionalGroup.objects.all())
    states = list(Delegation.objects.states().select_related("region"))
    organisations = list(Delegation.objects.organisations())

    # One reverse() for the ~200 links of the page rather than one per link.
    head, tail = reverse("meetings:delegation-detail", args=["KEY"]).rsplit("KEY", 1)
    for delegation in [*states, *organisations]:
        delegation.url = f"{head}{quote(delegation.iso3 or delegation.slug, safe=URL_SAFE)}{tail}"

    by_region: dict[int, dict[str, list[Delegation]]] = {r.pk: {} for r in regions}
    totals: Counter[str] = Counter()
    for state in states:
        status = state.status_on(today)
        state.current_status = status
        totals[status] += 1
        if state.region_id in by_region:
            by_region[state.region_id].setdefault(status, []).append(state)

    total_parties = totals[TreatyStatus.STATE_PARTY]
    rows = []
    for region in regions:
        groups = by_region[region.pk]
        parties = groups.get(TreatyStatus.STATE_PARTY, [])
        signatories = groups.get(TreatyStatus.SIGNATORY, [])
        rows.append(
            {
                "region": region,
                "parties": parties,
                "signatories": signatories,
                "not_party": groups.get(TreatyStatus.NOT_PARTY, []),
                "withdrawn": groups.get(TreatyStatus.WITHDRAWN, []),
                "share_of_parties": 100 * len(parties) / total_parties if total_parties else 0,
                "share_of_membership": (
                    100 * (len(parties) + len(signatories)) / total_parties if total_parties else 0
                ),
            }
        )
    return render(
        request,
        "meetings/delegation_list.html",
        {
            "today": today,
            "rows": rows,
            "total_parties": total_parties,
            "total_signatories": totals[TreatyStatus.SIGNATORY],
            "total_withdrawn": totals[TreatyStatus.WITHDRAWN],
            "total_not_party": totals[TreatyStatus.NOT_PARTY],
            "organisations": organisations,
        },
    )


@public_page
def delegation_detail(request, key: str):
    """One State (by ISO code) or organisation (by slug)."""
    delegation = get_object_or_404(
        Delegation.objects.select_related("region"), Q(iso3=key.upper()) | Q(slug=key)
    )
    participations = list(
        delegation.participations.select_related("meeting").order_by("-meeting__start_date")
    )
    return render(
        request,
        "meetings/delegation_detail.html",
        {
            "delegation": delegation,
            "status_history": delegation.status_history(),
            "participations": participations,
        },
    )
