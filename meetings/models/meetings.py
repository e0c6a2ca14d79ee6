import functools
from datetime import date, datetime
from zoneinfo import ZoneInfo, available_timezones

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.choices import choice_label
from ccm_portal.lib.history import HistoricalRecords

from .delegations import Delegation, RegionalGroup


@functools.cache
def _known_time_zones() -> frozenset[str]:
    return frozenset(available_timezones())  # reads the time zone database: once per process


def validate_timezone(value: str) -> None:
    if value not in _known_time_zones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone (for example Europe/Zurich)."), params={"value": value}
        )


def parse_parts(value: str) -> list[tuple[date, date]]:
    """“2026-06-22, 2026-06-24” or “2020-11-25/2020-11-27, 2021-09-20/2021-09-21” as ranges."""
    ranges = []
    for chunk in value.split(","):
        chunk = chunk.strip()
        if not chunk:
            continue
        first, _sep, last = chunk.partition("/")
        start = date.fromisoformat(first.strip())
        end = date.fromisoformat(last.strip()) if last.strip() else start
        if end < start:
            raise ValueError(chunk)
        ranges.append((start, end))
    return sorted(ranges)


def validate_parts(value: str) -> None:
    try:
        parse_parts(value)
    except ValueError:
        raise ValidationError(
            _("Write the days as dates (2026-06-22) or ranges (2026-06-22/2026-06-24), separated by commas.")
        ) from None


class MeetingQuerySet(models.QuerySet):
    @staticmethod
    def _upcoming_q(today: date) -> models.Q:
        """Meetings not yet over on ``today`` as far as their dates are known; a planned
        meeting with no date yet is still to come."""
        day = models.Q(date_precision="day")
        month = models.Q(date_precision="month")
        year = models.Q(date_precision="year")
        return (
            (day & models.Q(end_date__gte=today))
            | (day & models.Q(end_date__isnull=True, start_date__gte=today))
            | (month & models.Q(start_date__gte=today.replace(day=1)))
            | (year & models.Q(start_date__gte=today.replace(month=1, day=1)))
            | models.Q(start_date__isnull=True, status="planned")
        )

    def upcoming(self, today: date | None = None):
        return self.filter(self._upcoming_q(today or timezone.localdate()))

    def past(self, today: date | None = None):
        return self.exclude(self._upcoming_q(today or timezone.localdate()))

    def dated(self):
        """Meetings whose days are known (not only the month or year)."""
        return self.filter(date_precision=Meeting.DatePrecision.DAY, start_date__isnull=False)

    def in_year(self, year: int):
        """Meetings held (at least in part) in ``year``."""
        return self.filter(start_date__year__lte=year).filter(
            models.Q(end_date__year__gte=year) | models.Q(end_date__isnull=True, start_date__year=year)
        )


class Meeting(models.Model):
    """A meeting of the Convention: formal (MSP, Review Conference, Preparatory Meeting) or
    informal (regional consultation, Coordination Committee, retreat, side event...)."""

    class Kind(models.TextChoices):
        MSP = "msp", _("Meeting of States Parties")
        REVIEW_CONFERENCE = "review_conference", _("Review Conference")
        PREPARATORY = "preparatory", _("Preparatory Meeting")
        REGIONAL_CONSULTATION = "regional_consultation", _("Regional consultation")
        COORDINATION_COMMITTEE = "coordination_committee", _("Coordination Committee meeting")
        RETREAT = "retreat", _("Retreat")
        INTERSESSIONAL = "intersessional", _("Intersessional meeting")
        SIDE_EVENT = "side_event", _("Side event")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    class DatePrecision(models.TextChoices):
        DAY = "day", _("Days known")
        MONTH = "month", _("Month only")
        YEAR = "year", _("Year only")

    class DelegationSize(models.TextChoices):
        UNKNOWN = "", _("Not announced")
        UNLIMITED = "unlimited", _("No limit")
        LIMITED = "limited", _("Limited")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    code = models.CharField(
        _("code"),
        max_length=30,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The short name the Convention uses, where there is one: 13MSP, 3RC."),
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("address"), max_length=120, unique=True)

    start_date = models.DateField(
        _("first day"),
        null=True,
        blank=True,
        help_text=_("For a meeting known only to the month, the first of that month (shown as the month)."),
    )
    end_date = models.DateField(_("last day"), null=True, blank=True)
    date_precision = models.CharField(
        _("dates known to"), max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    dates_note = models.CharField(
        _("dates note"),
        max_length=200,
        blank=True,
        help_text=_("Where the days are not a simple range, e.g. “22 and 24 June 2026”."),
    )
    parts = models.CharField(
        _("days held"),
        max_length=300,
        blank=True,
        validators=[validate_parts],
        help_text=_(
            "Only where the meeting is not held on every day from the first to the last: its days "
            "or ranges of days, e.g. “2026-06-22, 2026-06-24” or “2020-11-25/2020-11-27, 2021-09-20/2021-09-21”."
        ),
    )
    start_time = models.TimeField(
        _("opens at"), null=True, blank=True, help_text=_("Local time at the venue.")
    )
    end_time = models.TimeField(
        _("closes at"), null=True, blank=True, help_text=_("Local time at the venue.")
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Zurich", validators=[validate_timezone]
    )

    room = models.CharField(_("room"), max_length=120, blank=True)
    building = models.CharField(_("building"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.ForeignKey(
        Delegation,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings_hosted",
        limit_choices_to={"kind": Delegation.Kind.STATE},
    )
    is_formal = models.BooleanField(_("formal meeting"), default=True)
    convened_by = models.ForeignKey(
        Delegation,
        verbose_name=_("convened by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings_convened",
    )
    convened_as = models.CharField(
        _("convened as"),
        max_length=200,
        blank=True,
        help_text=_("In what capacity, e.g. “the Presidency of Lao PDR”."),
    )
    regional_group = models.ForeignKey(
        RegionalGroup,
        verbose_name=_("regional group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        help_text=_("For regional consultations."),
    )
    prepares = models.ForeignKey(
        "self",
        verbose_name=_("prepares"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="preparatory_meetings",
        help_text=_("The meeting this one prepares."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    summary = models.TextField(_("summary"), blank=True, help_text=_("What happened, in the portal's words."))

    # Logistics
    delegation_size = models.CharField(
        _("size of delegations"), max_length=20, choices=DelegationSize.choices, blank=True, default=""
    )
    delegation_size_limit = models.PositiveSmallIntegerField(
        _("delegation size limit"), null=True, blank=True
    )
    front_row_seats = models.PositiveSmallIntegerField(
        _("front-row seats per delegation"), null=True, blank=True
    )
    back_row_seats = models.PositiveSmallIntegerField(
        _("back-row seats per delegation"), null=True, blank=True
    )
    overflow_area = models.CharField(_("overflow area"), max_length=300, blank=True)
    field_visit = models.CharField(_("field visit"), max_length=300, blank=True)
    logistics_note = models.TextField(_("logistics note"), blank=True)

    notes = models.TextField(_("notes"), blank=True, help_text=_("Conflicting sources and other remarks."))
    sources = models.TextField(_("sources"), blank=True, help_text=_("One source per line."))

    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["created"])
    objects = MeetingQuerySet.as_manager()

    # The translated field behind its name (ccm_portal.lib.content marks it English only).
    translated_from = {"str": "title"}

    class Meta:
        ordering = ["start_date", "start_time", "title"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["kind", "start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="meeting_ends_after_it_starts",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
            models.CheckConstraint(
                condition=~models.Q(delegation_size="limited")
                | models.Q(delegation_size_limit__isnull=False),
                name="meeting_limit_has_a_number",
                violation_error_message=_("Give the delegation size limit, or choose “No limit”."),
            ),
        ]

    def __str__(self) -> str:
        return self.name_of(self.title, self.code)

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting-detail", args=[self.slug])

    def get_kind_display(self) -> str:  # shown in every row of the lists: see lib/choices.py
        return choice_label(self.Kind, self.kind)

    def get_status_display(self) -> str:
        return choice_label(self.Status, self.status)

    @staticmethod
    def name_of(title: str, code: str) -> str:
        """A meeting's name from its title and code (lists build it without loading meetings)."""
        return f"{title} ({code})" if code and code not in title else title

    def clean(self) -> None:
        if self.date_precision == self.DatePrecision.MONTH and self.start_date and self.start_date.day != 1:
            raise ValidationError(
                {"start_date": _("A meeting known only to the month is stored as the 1st.")}
            )
        if self.end_date and not self.start_date:
            raise ValidationError({"start_date": _("Give the first day too.")})
        if self.parts and self.start_date:
            try:
                ranges = parse_parts(self.parts)
            except ValueError:
                return  # the field's validator reports it
            last = self.end_date or self.start_date
            if ranges and (ranges[0][0] != self.start_date or ranges[-1][1] != last):
                raise ValidationError(
                    {"parts": _("The days held must begin on the first day and end on the last day.")}
                )
        if (self.start_time or self.end_time) and self.date_precision != self.DatePrecision.DAY:
            raise ValidationError({"start_time": _("Times can be given only when the days are known.")})

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def days_known(self) -> bool:
        return self.date_precision == self.DatePrecision.DAY and self.start_date is not None

    @property
    def last_day(self) -> date | None:
        """The last day when the days are known (a one-day meeting ends on its first day)."""
        if not self.days_known:
            return None
        return self.end_date or self.start_date

    @property
    def day_ranges(self) -> list[tuple[date, date]]:
        """The stretches of consecutive days on which the meeting is held (empty when the
        days are not known)."""
        if not self.days_known:
            return []
        if self.parts:
            try:
                return parse_parts(self.parts)
            except ValueError:
                pass
        return [(self.start_date, self.last_day)]

    @property
    def starts_at(self) -> datetime | None:
        if not self.days_known or self.start_time is None:
            return None
        return datetime.combine(self.start_date, self.start_time, tzinfo=self.tz)

    @property
    def ends_at(self) -> datetime | None:
        if not self.days_known or self.end_time is None:
            return None
        return datetime.combine(self.last_day, self.end_time, tzinfo=self.tz)

    @staticmethod
    def _range_display(start: date, end: date) -> str:
        if end == start:
            return date_format(start, "DATE_FORMAT")
        if (end.year, end.month) == (start.year, start.month):
            return f"{date_format(start, 'j')}–{date_format(end, 'DATE_FORMAT')}"
        if end.year == start.year:
            return f"{date_format(start, 'MONTH_DAY_FORMAT')} – {date_format(end, 'DATE_FORMAT')}"
        return f"{date_format(start, 'DATE_FORMAT')} – {date_format(end, 'DATE_FORMAT')}"

    @property
    def date_display(self) -> str:
        """The dates as far as they are known: “September 2026”, never “1 September 2026”."""
        if self.start_date is None:
            return str(_("Dates not announced"))
        if self.date_precision == self.DatePrecision.YEAR:
            return str(self.start_date.year)
        if self.date_precision == self.DatePrecision.MONTH:
            return date_format(self.start_date, "YEAR_MONTH_FORMAT")
        if self.dates_note:
            return self.dates_note
        ranges = self.day_ranges
        if len(ranges) > 1:
            first = ranges[0][0]
            same_month = all(s == e and (s.year, s.month) == (first.year, first.month) for s, e in ranges)
            if same_month:
                days = [date_format(s, "j") for s, _e in ranges]
                return _("%(days)s and %(last)s") % {
                    "days": ", ".join(days[:-1]),
                    "last": date_format(ranges[-1][0], "DATE_FORMAT"),
                }
            shown = [self._range_display(s, e) for s, e in ranges]
            return _("%(days)s and %(last)s") % {"days": ", ".join(shown[:-1]), "last": shown[-1]}
        return self._range_display(self.start_date, self.last_day)

    @property
    def time_display(self) -> str:
        """Opening and closing times in the meeting's local time, with its time zone."""
        if not self.starts_at:
            return ""
        opens = self.starts_at
        zone = f"{opens.tzname()}, UTC{opens.strftime('%z')[:3]}:{opens.strftime('%z')[3:]}"
        times = time_format(self.start_time, "TIME_FORMAT")
        if self.end_time:
            times = f"{times}–{time_format(self.end_time, 'TIME_FORMAT')}"
        return _("%(times)s local time (%(zone)s; %(tz)s)") % {
            "times": times,
            "zone": zone,
            "tz": self.time_zone,
        }

    @property
    def venue_display(self) -> str:
        parts = [self.room, self.building, self.city]
        if self.country_id and self.country.name not in (self.city or ""):
            parts.append(self.country.name)
        return ", ".join(p for p in parts if p)

    @property
    def convener_display(self) -> str:
        if self.convened_as:
            return self.convened_as
        return self.convened_by.name if self.convened_by_id else ""

    @property
    def has_logistics(self) -> bool:
        return bool(
            self.delegation_size
            or self.front_row_seats is not None
            or self.back_row_seats is not None
            or self.overflow_area
            or self.field_visit
            or self.logistics_note
        )

    def is_upcoming(self, today: date | None = None) -> bool:
        """Not yet over on ``today``, as far as the dates are known (a cancelled meeting keeps
        its place in time and is shown as cancelled)."""
        today = today or timezone.localdate()
        if self.start_date is None:
            return self.status == self.Status.PLANNED
        if self.date_precision == self.DatePrecision.YEAR:
            return self.start_date.year >= today.year
        if self.date_precision == self.DatePrecision.MONTH:
            return self.start_date >= today.replace(day=1)
        return self.last_day >= today

    def status_label_on(self, today: date | None = None) -> str:
        """The status as a visitor should read it: a planned meeting whose dates have passed
        without a record of it being held is not called “planned”."""
        if self.status == self.Status.PLANNED and not self.is_upcoming(today):
            return str(_("Not yet recorded as held"))
        return self.get_status_display()

    def agenda_outline(self, items=None) -> list["AgendaItem"]:
        """The agenda's top-level items in order, each with ``sub_items`` (nested, in order).
        Pass the items already loaded to avoid a query."""
        items = list(self.agenda_items.all() if items is None else items)
        items.sort(key=lambda item: (item.order, item.pk))
        by_parent: dict[int | None, list[AgendaItem]] = {}
        for item in items:
            by_parent.setdefault(item.parent_id, []).append(item)
        for item in items:
            item.sub_items = by_parent.get(item.pk, [])
        return by_parent.get(None, [])


class AgendaItem(models.Model):
    """An item of a meeting's agenda, numbered as the agenda numbers it ("2 (a)", "7")."""

    class Status(models.TextChoices):
        PROVISIONAL = "provisional", _("Provisional")
        ADOPTED = "adopted", _("Adopted")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    number = models.CharField(
        _("number"), max_length=20, blank=True, help_text=_("As the agenda numbers it: 2 (a).")
    )
    title = models.CharField(_("title"), max_length=500)
    order = models.PositiveIntegerField(_("order"), default=0)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROVISIONAL)
    outcome = models.TextField(
        _("outcome"), blank=True, help_text=_("A short note on what came of the item.")
    )

    history = HistoricalRecords()

    # The translated field behind its name (ccm_portal.lib.content marks it English only).
    translated_from = {"str": "title"}

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title

    def clean(self) -> None:
        if self.parent_id and self.parent.meeting_id != self.meeting_id:
            raise ValidationError({"parent": _("The parent item must belong to the same meeting.")})

    @property
    def label(self) -> str:
        return _("Item %(number)s") % {"number": self.number} if self.number else self.title


class Participation(models.Model):
    """A delegation taking part in a meeting, with its people and seats."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="participations"
    )
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.PROTECT, related_name="participations"
    )
    head_of_delegation = models.CharField(_("head of delegation"), max_length=200, blank=True)
    members = models.TextField(_("members"), blank=True, help_text=_("One person per line."))
    front_row_seats = models.PositiveSmallIntegerField(_("front-row seats"), null=True, blank=True)
    back_row_seats = models.PositiveSmallIntegerField(_("back-row seats"), null=True, blank=True)
    overflow_seats = models.PositiveSmallIntegerField(_("seats in the overflow area"), null=True, blank=True)
    field_visit = models.BooleanField(_("joins the field visit"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "delegation__name"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "delegation"], name="one_participation_per_delegation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegation} · {self.meeting}"

    @property
    def member_list(self) -> list[str]:
        return [line.strip() for line in self.members.splitlines() if line.strip()]
