"""iCalendar (RFC 5545) feeds of the Convention's meetings.

Only meetings whose days are known become events: a meeting known only to the month or the
year has no day to put in a calendar. A meeting with opening and closing times is a timed event
in its own time zone (TZID with its VTIMEZONE); one without times is an all-day event. A meeting
held on separate stretches of days (“22 and 24 June”) gives one event per stretch.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import Meeting

PRODID = "-//Implementation Support Unit of the Convention on Cluster Munitions//CCM Portal//EN"


def uid_domain() -> str:
    return getattr(settings, "CALENDAR_UID_DOMAIN", "ccm-portal.clusterconvention.org")


def meeting_events(meeting: Meeting, *, absolute_url: str) -> list[Event]:
    """The VEVENTs of one meeting (none when its days are not known)."""
    ranges = meeting.day_ranges
    events = []
    for index, (first, last) in enumerate(ranges, start=1):
        event = Event()
        suffix = f"-{index}" if len(ranges) > 1 else ""
        event.add("uid", f"meeting-{meeting.pk}{suffix}@{uid_domain()}")
        # A published calendar without METHOD: DTSTAMP is when the record last changed.
        event.add("dtstamp", meeting.updated_at)
        event.add("last-modified", meeting.updated_at)
        event.add("summary", str(meeting))
        if meeting.start_time:
            start = datetime.combine(first, meeting.start_time, tzinfo=meeting.tz)
            event.add("dtstart", start)
            end_time = meeting.end_time or meeting.start_time
            event.add("dtend", datetime.combine(first, end_time, tzinfo=meeting.tz))
            days = (last - first).days + 1
            if days > 1:
                event.add("rrule", {"freq": "daily", "count": days})
        else:
            event.add("dtstart", first)
            event.add("dtend", last + timedelta(days=1))  # DTEND of an all-day event is exclusive
        if meeting.venue_display:
            event.add("location", meeting.venue_display)
        description = [meeting.get_kind_display(), meeting.date_display]
        if meeting.convener_display:
            description.append(_("Convened by %(who)s") % {"who": meeting.convener_display})
        if meeting.summary:
            description.append(meeting.summary)
        description.append(absolute_url)
        event.add("description", "\n\n".join(description))
        event.add("url", absolute_url)
        event.add("categories", [meeting.get_kind_display()])
        event.add(
            "status",
            {
                Meeting.Status.CANCELLED: "CANCELLED",
                Meeting.Status.HELD: "CONFIRMED",
            }.get(meeting.status, "TENTATIVE"),
        )
        events.append(event)
    return events


def build_calendar(meetings: Iterable[Meeting], *, name: str, url_for) -> bytes:
    """A VCALENDAR holding every meeting whose days are known. ``url_for(meeting)`` gives the
    absolute address of a meeting's page."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        for event in meeting_events(meeting, absolute_url=url_for(meeting)):
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
