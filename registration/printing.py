"""What the ISU prints for a meeting, as PDFs built on request by the portal's one PDF renderer
(ccm_portal.lib.pdf): the badges (one page per approved member, with a QR code holding the
badge's token), the name plates (A4 tent cards, one per approved delegation, its name in large
type in the portal's languages) and the seating plan."""

from django.conf import settings
from django.utils import timezone, translation

from ccm_portal.lib.pdf import render_pdf
from meetings.models import Delegation, Meeting

from .badges import badge_members
from .models import DelegationRegistration, SeatingLayout
from .seating import english_name, seating_drawing, seating_plan


def qr_data_uri(text: str) -> str:
    """The QR code of ``text`` as an SVG data: URI (segno)."""
    import segno

    return segno.make(text, error="m").svg_data_uri(scale=4, border=2)


def badges_pdf(meeting: Meeting) -> tuple[bytes, int]:
    """The badges and how many there are. Writes: badge tokens not given yet."""
    members = badge_members(meeting)
    badges = [
        {
            "name": member.display_name,
            "delegation": english_name(member.registration.delegation),
            "role": member.get_role_display(),
            "qr": qr_data_uri(member.badge_token),
            "token": member.badge_token,
        }
        for member in members
    ]
    return render_pdf("pdf/registration/badges.html", {"meeting": meeting, "badges": badges}), len(badges)


def names_in_languages(delegation: Delegation) -> list[str]:
    """The delegation's name in each of the portal's languages, English first, each once."""
    names = []
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            name = delegation.name
        if name and name not in names:
            names.append(name)
    return names


def approved_delegations(meeting: Meeting) -> list[Delegation]:
    """The delegations with an approved registration, in seating order when the room is laid
    out, else in English alphabetical order."""
    delegations = [
        r.delegation
        for r in DelegationRegistration.objects.for_meeting(meeting).approved().select_related("delegation")
    ]
    layout = SeatingLayout.objects.filter(meeting=meeting).select_related("meeting", "first_state").first()
    if layout is not None:
        return [place.delegation for place in seating_plan(layout, delegations)]
    return sorted(delegations, key=lambda d: english_name(d).casefold())


def name_plates_pdf(meeting: Meeting) -> tuple[bytes, int]:
    plates = [{"names": names_in_languages(d)} for d in approved_delegations(meeting)]
    return render_pdf("pdf/registration/name_plates.html", {"meeting": meeting, "plates": plates}), len(
        plates
    )


def seating_pdf(layout: SeatingLayout) -> bytes:
    places = seating_plan(layout)
    return render_pdf(
        "pdf/registration/seating.html",
        {
            "meeting": layout.meeting,
            "layout": layout,
            "places": places,
            "drawing": seating_drawing(layout, places),
            "printed": timezone.now(),
        },
    )
