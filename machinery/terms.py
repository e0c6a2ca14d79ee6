"""When a meeting closes, as far as the records know it.

A term "until the end of the 3RC" ends on the 3RC's last day once its days are entered; until then
the close can only be bounded (September 2026: between the 1st and the 30th) or not at all.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting


@dataclass(frozen=True)
class Bounds:
    """The earliest and latest day something can fall on; both None when nothing is known."""

    earliest: date | None
    latest: date | None

    @property
    def exact(self) -> date | None:
        return self.earliest if self.earliest is not None and self.earliest == self.latest else None

    @property
    def known(self) -> bool:
        return self.earliest is not None

    def shifted(self, days: int) -> "Bounds":
        if not self.known:
            return self
        return Bounds(self.earliest + timedelta(days=days), self.latest + timedelta(days=days))


UNKNOWN = Bounds(None, None)


def month_bounds(day: date) -> Bounds:
    last = calendar.monthrange(day.year, day.month)[1]
    return Bounds(day.replace(day=1), day.replace(day=last))


def close_bounds(meeting: Meeting | None) -> Bounds:
    """The days on which ``meeting`` can have closed: exact once its days are known."""
    if meeting is None or meeting.start_date is None:
        return UNKNOWN
    if meeting.days_known:
        return Bounds(meeting.last_day, meeting.last_day)
    if meeting.date_precision == Meeting.DatePrecision.MONTH:
        return month_bounds(meeting.start_date)
    return Bounds(meeting.start_date.replace(month=1, day=1), meeting.start_date.replace(month=12, day=31))


def close_display(meeting: Meeting) -> str:
    """“18 September 2026” once the days are known, else what is known (“September 2026”)."""
    if meeting.days_known:
        return date_format(meeting.last_day, "DATE_FORMAT")
    return meeting.date_display


def meeting_label(meeting: Meeting) -> str:
    return meeting.code or meeting.title


def closed_by(meeting: Meeting, day: date) -> bool | None:
    """True if the meeting had certainly closed before ``day``, False if certainly not, None if
    the records cannot tell (its dates are known only to the month)."""
    bounds = close_bounds(meeting)
    if not bounds.known:
        return False  # a meeting with no dates has not been held
    if bounds.latest < day:
        return True
    if bounds.earliest >= day:
        return False
    return None


def until_end_of(meeting: Meeting) -> str:
    return str(_("until the end of the %(meeting)s") % {"meeting": meeting_label(meeting)})
