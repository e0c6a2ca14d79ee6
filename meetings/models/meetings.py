from datetime import date, datetime
from zoneinfo import ZoneInfo, available_timezones

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .delegations import Delegation, RegionalGroup


def validate_timezone(value: str) -> None:
    if value not in available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone (for example Europe/Zurich)."), params={"value": value}
        )


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, today: date | None = None):
        today = today or timezone.localdate()
        return self.exclude(status=Meeting.Status.CANCELLED).filter(
            models.Q(end_date__gte=today)
            | models.Q(end_date__isnull=True, start_date__gte=today.replace(day=1))
        )

    def past(self, today: date | None = None):
        today = today or timezone.localdate()
        return self.filter(
            models.Q(end_date__lt=today)
            | models.Q(end_date__isnull=True, start_date__lt=today.replace(day=1))
        )

    def dated(self):
        """Meetings whose days are known (not only the month or year)."""
        return self.filter(date_precision=Meeting.DatePrecision.DAY, start_date__isnull=False)


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

    history = HistoricalRecords()
    objects = MeetingQuerySet.as_manager()

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
        return f"{self.title} ({self.code})" if self.code and self.code not in self.title else self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting-detail", args=[self.slug])

    def clean(self) -> None:
        if self.date_precision == self.DatePrecision.MONTH and self.start_date and self.start_date.day != 1:
            raise ValidationError(
                {"start_date": _("A meeting known only to the month is stored as the 1st.")}
            )
        if self.end_date and not self.start_date:
            raise ValidationError({"start_date": _("Give the first day too.")})

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
    def starts_at(self) -> datetime | None:
        if not self.days_known or self.start_time is None:
            return None
        return datetime.combine(self.start_date, self.start_time, tzinfo=self.tz)

    @property
    def ends_at(self) -> datetime | None:
        if not self.days_known or self.end_time is None:
            return None
        return datetime.combine(self.last_day, self.end_time, tzinfo=self.tz)

    @property
    def date_display(self) -> str:
        """The dates as far as they are known: “September 2026”, never “1 September 2026”."""
        if self.start_date is None:
            return str(_("Dates not announced"))
        if self.date_precision == self.DatePrecision.YEAR:
            return str(self.start_date.year)
        if self.date_precision == self.DatePrecision.MONTH:
            return date_format(self.start_date, "F Y")
        if self.dates_note:
            return self.dates_note
        end = self.end_date
        if not end or end == self.start_date:
            return date_format(self.start_date, "j F Y")
        if (end.year, end.month) == (self.start_date.year, self.start_date.month):
            return f"{date_format(self.start_date, 'j')}–{date_format(end, 'j F Y')}"
        if end.year == self.start_date.year:
            return f"{date_format(self.start_date, 'j F')} – {date_format(end, 'j F Y')}"
        return f"{date_format(self.start_date, 'j F Y')} – {date_format(end, 'j F Y')}"

    @property
    def venue_display(self) -> str:
        parts = [self.room, self.building, self.city]
        if self.country_id and self.country.name not in (self.city or ""):
            parts.append(self.country.name)
        return ", ".join(p for p in parts if p)

    def is_upcoming(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        if self.status == self.Status.CANCELLED or self.start_date is None:
            return False
        if self.days_known:
            return self.last_day >= today
        return self.start_date >= today.replace(day=1)


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
