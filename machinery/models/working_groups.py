from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.history import HistoricalRecords
from ccm_portal.lib.timestamps import TIMESTAMPS, Timestamped
from meetings.models import Delegation, Meeting
from meetings.treaty import TreatyStatus

from ..terms import UNKNOWN, Bounds, close_bounds, close_display, meeting_label, month_bounds, until_end_of
from .sources import Sourced


class TermStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not yet in office")
    IN_OFFICE = "in_office", _("In office")
    UNCERTAIN = "uncertain", _("Possibly in office (the records give only the month)")
    ENDED = "ended", _("Term ended")


def status_within(day: date, start: Bounds, end: Bounds, *, open_ended: bool) -> str:
    """Where ``day`` falls in a term whose start and end are known exactly or only to a range."""
    if start.known and start.earliest > day:
        return TermStatus.NOT_STARTED
    if not open_ended and end.known and end.latest < day:
        return TermStatus.ENDED
    started = start.known and start.latest <= day
    ending_later = open_ended or not end.known or end.earliest >= day
    return TermStatus.IN_OFFICE if started and ending_later else TermStatus.UNCERTAIN


class WorkingGroup(Sourced, Timestamped):
    """A working group of the Convention, led by its coordinators (working paper, paragraph 7).
    The source fields say what established it."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=100)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    thematic_area = models.TextField(
        _("thematic area"), help_text=_("What the group covers, in the portal's words.")
    )
    articles = models.CharField(
        _("articles followed"),
        max_length=200,
        blank=True,
        help_text=_("The articles of the Convention whose obligations the group follows; empty when none."),
    )
    established_by = models.ForeignKey(
        Meeting,
        verbose_name=_("established by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="working_groups_established",
        help_text=_("The meeting whose decision established the group, where the records say."),
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)
    establishment_note = models.TextField(_("establishment note"), blank=True)

    history = HistoricalRecords(excluded_fields=TIMESTAMPS)

    # The translated field behind its name (ccm_portal.lib.content marks it English only).
    translated_from = {"str": "short_name"}

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("machinery:working-group-detail", args=[self.slug])

    @property
    def established_bounds(self) -> Bounds:
        if self.established_on:
            return Bounds(self.established_on, self.established_on)
        return close_bounds(self.established_by)

    def existed_on(self, day: date) -> bool | None:
        """False if the group was certainly established after ``day``; None if unknown."""
        bounds = self.established_bounds
        if not bounds.known:
            return None
        if bounds.earliest > day:
            return False
        return True if bounds.latest <= day else None


class CoordinatorMandateQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("state__region", "working_group", "start_meeting", "end_meeting")

    def for_state(self, delegation: Delegation):
        return self.filter(state=delegation)


class CoordinatorMandate(Sourced, Timestamped):
    """A State coordinating a working group, from a start (the close of a meeting, or a date) until
    an end expressed as the sources express it: the end of a meeting, resolved to that meeting's
    last day once its days are known."""

    class Precision(models.TextChoices):
        DAY = "day", _("Day known")
        MONTH = "month", _("Month only")

    state = models.ForeignKey(
        Delegation,
        verbose_name=_("State"),
        on_delete=models.PROTECT,
        related_name="coordinator_mandates",
        limit_choices_to={"kind": Delegation.Kind.STATE},
    )
    working_group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.PROTECT,
        related_name="coordinator_mandates",
    )
    start_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("from the close of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinator_terms_started",
        help_text=_(
            "The meeting that appointed or welcomed the coordinator; the term starts after it closes."
        ),
    )
    start_date = models.DateField(
        _("from"),
        null=True,
        blank=True,
        help_text=_(
            "When the term started, if not at the close of a meeting. A month-only date is stored as the 1st."
        ),
    )
    start_precision = models.CharField(
        _("start known to"), max_length=10, choices=Precision.choices, default=Precision.DAY
    )
    end_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("until the end of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinator_terms_ending",
    )
    end_date = models.DateField(
        _("ended on"),
        null=True,
        blank=True,
        help_text=_("Only when the term ended on a date of its own (e.g. resignation)."),
    )
    acceptance = models.CharField(
        _("how the role was accepted"),
        max_length=300,
        blank=True,
        help_text=_("e.g. “By note verbale, February 2026, at the invitation of the Presidency”."),
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords(excluded_fields=TIMESTAMPS)
    objects = CoordinatorMandateQuerySet.as_manager()

    class Meta:
        ordering = ["working_group__order", "pk"]
        verbose_name = _("coordinator mandate")
        verbose_name_plural = _("coordinator mandates")

    def __str__(self) -> str:
        return f"{self.state} · {self.working_group} ({self.start_display} – {self.end_display})"

    # --- the term -------------------------------------------------------------------------

    @property
    def start_bounds(self) -> Bounds:
        if self.start_date:
            if self.start_precision == self.Precision.MONTH:
                return month_bounds(self.start_date)
            return Bounds(self.start_date, self.start_date)
        if self.start_meeting_id:
            return close_bounds(self.start_meeting).shifted(1)
        return UNKNOWN

    @property
    def open_ended(self) -> bool:
        return not self.end_date and not self.end_meeting_id

    @property
    def end_bounds(self) -> Bounds:
        if self.end_date:
            return Bounds(self.end_date, self.end_date)
        if self.end_meeting_id:
            return close_bounds(self.end_meeting)
        return UNKNOWN

    @property
    def end(self) -> date | None:
        """The last day of the term, once it is known."""
        return self.end_bounds.exact

    def status_on(self, day: date) -> str:
        return status_within(day, self.start_bounds, self.end_bounds, open_ended=self.open_ended)

    @property
    def start_display(self) -> str:
        if self.start_date:
            if self.start_precision == self.Precision.MONTH:
                return str(_("from %(month)s") % {"month": date_format(self.start_date, "YEAR_MONTH_FORMAT")})
            return str(_("from %(day)s") % {"day": date_format(self.start_date, "DATE_FORMAT")})
        if self.start_meeting_id:
            return str(
                _("from the close of the %(meeting)s (%(date)s)")
                % {"meeting": meeting_label(self.start_meeting), "date": close_display(self.start_meeting)}
            )
        return str(_("start not recorded"))

    @property
    def end_display(self) -> str:
        """“until the end of the 3RC” while the 3RC's days are unknown; with the day once known."""
        if self.end_date:
            return str(_("until %(day)s") % {"day": date_format(self.end_date, "DATE_FORMAT")})
        if self.end_meeting_id:
            return f"{until_end_of(self.end_meeting)} ({close_display(self.end_meeting)})"
        return str(_("end of term not stated"))

    @property
    def end_phrase(self) -> str:
        """The end as the source words it, without the date."""
        if self.end_meeting_id and not self.end_date:
            return until_end_of(self.end_meeting)
        return self.end_display

    # --- validation -----------------------------------------------------------------------

    def clean(self) -> None:
        errors = {}
        if self.state_id and not self.state.is_state:
            errors["state"] = _("A coordinator is a State.")
        if not self.start_meeting_id and not self.start_date:
            errors["start_date"] = _("Give the start: the meeting that appointed the coordinator, or a date.")
        if self.start_date and self.start_precision == self.Precision.MONTH and self.start_date.day != 1:
            errors["start_date"] = _("A start known only to the month is stored as the 1st.")
        if self.start_meeting_id and self.end_meeting_id and self.start_meeting_id == self.end_meeting_id:
            errors["end_meeting"] = _("The term cannot end at the close of the meeting it starts after.")
        start, end = self.start_bounds, self.end_bounds
        if not errors and start.known and end.known and end.latest < start.earliest:
            errors["end_meeting" if self.end_meeting_id and not self.end_date else "end_date"] = _(
                "The term cannot end before it starts."
            )
        elif (
            not errors
            and self.start_meeting_id
            and self.end_meeting_id
            and self.start_meeting.start_date
            and self.end_meeting.start_date
            and self.end_meeting.start_date < self.start_meeting.start_date
        ):
            errors["end_meeting"] = _("The term cannot end before it starts.")
        if not errors and self.state_id:
            status = self.state_status_at_start
            if status in (TreatyStatus.NOT_PARTY, TreatyStatus.SIGNATORY, TreatyStatus.WITHDRAWN):
                errors["state"] = _(
                    "%(state)s was not a State Party at the start of the term (%(status)s)."
                ) % {"state": self.state, "status": TreatyStatus(status).label}
        if errors:
            raise ValidationError(errors)

    @property
    def state_status_at_start(self) -> str | None:
        start = self.start_bounds
        if not start.known or not self.state_id:
            return None
        return self.state.status_on(start.latest)

    def record_warnings(self) -> list[str]:
        """What the records cannot confirm (shown to staff; the record is still saved)."""
        warnings = []
        status = self.state_status_at_start
        if status is None:
            warnings.append(
                str(
                    _("The start of the term is not dated yet, so the State's status then cannot be checked.")
                )
            )
        elif status == TreatyStatus.UNKNOWN:
            warnings.append(
                str(
                    _(
                        "The treaty record of %(state)s does not show whether it was a State Party at the "
                        "start of the term; please complete its dates."
                    )
                    % {"state": self.state}
                )
            )
        return warnings


class AnalysisGroup(Timestamped):
    """An ad hoc analysis group for extension requests (Article 3 or Article 4); its members are
    derived from the coordinators of the working groups the decision names."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    article = models.PositiveSmallIntegerField(_("article"), unique=True)
    decision = models.ForeignKey(
        "machinery.Mandate",
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="analysis_groups",
    )
    working_groups = models.ManyToManyField(
        WorkingGroup,
        verbose_name=_("working groups whose coordinators take part"),
        related_name="analysis_groups",
    )
    support_roles = models.TextField(_("support roles"), blank=True)
    consults = models.TextField(_("consults"), blank=True, help_text=_("Whose expertise the group seeks."))

    history = HistoricalRecords(excluded_fields=TIMESTAMPS)

    # The translated field behind its name (ccm_portal.lib.content marks it English only).
    translated_from = {"str": "name"}

    class Meta:
        ordering = ["article"]
        verbose_name = _("analysis group")
        verbose_name_plural = _("analysis groups")

    def __str__(self) -> str:
        return self.name
