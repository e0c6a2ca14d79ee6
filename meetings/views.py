from collections import Counter
from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ccm_portal.lib.cache import public_page
from ccm_portal.lib.exports import Column, export_links, export_response, requested_format
from ccm_portal.lib.i18n import collation_key

from .calendar import build_calendar
from .forms import MeetingFilterForm
from .models import Delegation, Meeting, RegionalGroup
from .treaty import TreatyStatus

URL_SAFE = "!$&'()*+,;=~:@"  # as reverse() leaves them in a path segment
PAGE_SIZE = 50  # meetings in each list of the meeting list


@public_page
def meeting_list(request):
    """Meetings to come (the nearest first) and past meetings (the latest first), each list
    PAGE_SIZE to a page with its own page number, filtered by kind and year."""
    today = timezone.localdate()
    form = MeetingFilterForm(request.GET or None)
    meetings = form.filter(Meeting.objects.select_related("country"))
    fmt = requested_format(request)
    if fmt:  # both lists, in the page's order: to come (the nearest first), then past
        return export_response(
            [*meetings.upcoming(today), *meetings.past(today).reverse()],
            columns=_meeting_columns(request, today),
            fmt=fmt,
            filename="ccm-meetings",
        )
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
            "exports": export_links(request, drop=("page", "upcoming_page")),
        },
    )


def _meeting_columns(request, today) -> list[Column]:
    return [
        Column(gettext_lazy("Meeting"), str),
        Column(gettext_lazy("Code"), lambda m: m.code),
        Column(gettext_lazy("Kind"), lambda m: m.get_kind_display()),
        Column(gettext_lazy("Dates"), lambda m: m.date_display),
        Column(gettext_lazy("Start date"), lambda m: m.start_date),
        Column(gettext_lazy("End date"), lambda m: m.end_date),
        Column(gettext_lazy("Venue"), lambda m: m.venue_display),
        Column(gettext_lazy("Status"), lambda m: m.status_label_on(today)),
        Column(gettext_lazy("Address"), lambda m: request.build_absolute_uri(m.get_absolute_url())),
    ]


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
    # Sorted in the page's language (the database orders by the code points of the names).
    states = sorted(Delegation.objects.states().select_related("region"), key=lambda d: collation_key(d.name))
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

    fmt = requested_format(request)
    if fmt:  # as the page lists them: region by region, by status, then the organisations
        order = [
            TreatyStatus.STATE_PARTY,
            TreatyStatus.SIGNATORY,
            TreatyStatus.WITHDRAWN,
            TreatyStatus.NOT_PARTY,
        ]
        listed = [s for r in regions for status in order for s in by_region[r.pk].get(status, [])]
        return export_response(
            [*listed, *organisations],
            columns=_delegation_columns(request),
            fmt=fmt,
            filename=f"ccm-delegations-{today.isoformat()}",
        )
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
            "exports": export_links(request),
        },
    )


def _delegation_columns(request) -> list[Column]:
    def status(delegation: Delegation) -> str:
        if hasattr(delegation, "current_status"):
            return TreatyStatus(delegation.current_status).label
        return delegation.get_category_display()

    return [
        Column(gettext_lazy("Name"), lambda d: d.display_name),
        Column(gettext_lazy("ISO code"), lambda d: d.iso3),
        Column(gettext_lazy("Region"), lambda d: d.region.name if d.region_id else ""),
        Column(gettext_lazy("Status today"), status),
        Column(gettext_lazy("Address"), lambda d: request.build_absolute_uri(d.url)),
    ]
