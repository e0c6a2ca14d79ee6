from collections import Counter

from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .models import Delegation, RegionalGroup
from .treaty import TreatyStatus


def delegation_list(request):
    """States by region with their status today, the membership figures, and organisations."""
    today = timezone.localdate()
    regions = list(RegionalGroup.objects.all())
    states = list(Delegation.objects.states().select_related("region"))
    organisations = list(Delegation.objects.organisations())

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


def delegation_detail(request, key: str):
    """One State (by ISO code) or organisation (by slug)."""
    delegation = get_object_or_404(
        Delegation.objects.select_related("region"), Q(iso3=key.upper()) | Q(slug=key)
    )
    return render(
        request,
        "meetings/delegation_detail.html",
        {"delegation": delegation, "status_history": delegation.status_history()},
    )
