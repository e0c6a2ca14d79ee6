from collections import Counter

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.cache import public_page
from ccm_portal.lib.exports import Column, export_links, export_response, requested_format
from meetings.models import RegionalGroup

from .forms import OnDateForm
from .models import (
    AnalysisGroup,
    Candidacy,
    CoordinatorMandate,
    SuccessionReport,
    TermStatus,
    WorkingGroup,
)
from .on_date import machinery_on, presidency_chain
from .terms import closed_by


@public_page
def overview(request):
    """The office holders on a date (today, or ``?on=YYYY-MM-DD``), derived from the records."""
    today = timezone.localdate()
    form = OnDateForm(request.GET if "on" in request.GET else None)
    if form.is_bound and not form.is_valid():
        return render(request, "machinery/overview.html", {"form": form, "today": today}, status=400)
    day = (form.cleaned_data.get("on") if form.is_bound else None) or today
    m = machinery_on(day)
    fmt = requested_format(request)
    if fmt:  # the office holders of the Coordination Committee's table, on that date
        return export_response(
            [] if m.before_convention else m.committee,
            columns=_holder_columns(request, day),
            fmt=fmt,
            filename=f"ccm-office-holders-{day.isoformat()}",
        )
    return render(
        request,
        "machinery/overview.html",
        {
            "form": form,
            "today": today,
            "day": day,
            "is_today": day == today,
            "m": m,
            "exports": export_links(request),
        },
    )


def _holder_columns(request, day) -> list[Column]:
    def address(member) -> str:
        return request.build_absolute_uri(member.delegation.get_absolute_url()) if member.delegation else ""

    return [
        Column(_("Date"), lambda member: day),
        Column(_("Role"), lambda member: member.role),
        Column(
            _("Delegation"),
            lambda member: member.delegation.display_name if member.delegation else _("Vacant"),
        ),
        Column(_("ISO code"), lambda member: member.delegation.iso3 if member.delegation else ""),
        Column(_("For"), lambda member: member.detail),
        Column(
            _("Note"),
            lambda member: (
                _("not certain on this date: the records give only the month") if member.uncertain else ""
            ),
        ),
        Column(_("Address"), address),
    ]


@public_page
def presidency_list(request):
    """Every Presidency in order, with its term, the regional distribution and the coming ones."""
    chain = presidency_chain()
    held = [link for link in chain if link.presidency]
    regions = list(RegionalGroup.objects.all())
    counts = Counter(link.presidency.state.region_id for link in held)
    distribution = [
        {
            "region": region,
            "count": counts[region.pk],
            "share": 100 * counts[region.pk] / len(held) if held else 0,
        }
        for region in regions
    ]
    today = timezone.localdate()
    unassigned = [link for link in chain if not link.presidency]
    missing = [link for link in unassigned if closed_by(link.meeting, today) is True]
    coming_links = [link for link in unassigned if link not in missing]
    coming_ids = [link.meeting.pk for link in coming_links]
    candidacies = list(Candidacy.objects.filter(meeting_id__in=coming_ids).select_related("state"))
    reports = list(SuccessionReport.objects.filter(meeting_id__in=coming_ids))
    coming = [
        {
            "link": link,
            "candidacies": [c for c in candidacies if c.meeting_id == link.meeting.pk],
            "reports": [r for r in reports if r.meeting_id == link.meeting.pk],
        }
        for link in coming_links
    ]
    return render(
        request,
        "machinery/presidency_list.html",
        {
            "held": held,
            "distribution": distribution,
            "unassigned": counts.get(None, 0),
            "state_count": len({link.presidency.state_id for link in held}),
            "coming": coming,
            "missing": missing,
        },
    )


@public_page
def working_group_detail(request, slug: str):
    """One working group: what it covers, what set it up, and every coordinator term on record."""
    group = get_object_or_404(WorkingGroup.objects.select_related("established_by"), slug=slug)
    today = timezone.localdate()
    mandates = sorted(
        CoordinatorMandate.objects.with_related().filter(working_group=group),
        key=lambda m: (m.start_bounds.earliest is None, m.start_bounds.earliest or today, m.pk),
    )
    for mandate in mandates:
        mandate.status_today = TermStatus(mandate.status_on(today)).label
    return render(
        request,
        "machinery/working_group_detail.html",
        {
            "group": group,
            "mandates": mandates,
            "today": today,
            "analysis_groups": AnalysisGroup.objects.filter(working_groups=group),
            "decisions": group.mandates.select_related("meeting"),
            "groups": WorkingGroup.objects.all(),
        },
    )
