from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.history import HistoricalRecords
from ccm_portal.lib.timestamps import TIMESTAMPS, Timestamped
from meetings.models import Delegation, Meeting

from .sources import Sourced

PRESIDED_KINDS = [Meeting.Kind.MSP, Meeting.Kind.REVIEW_CONFERENCE]


def presided_meetings(meetings=None):
    """The Meetings of States Parties and Review Conferences, in the order they are held; a
    planned meeting with no dates yet (the 14MSP) comes last. ``meetings``: the queryset to
    take them from (default: every meeting)."""
    meetings = (Meeting.objects.all() if meetings is None else meetings).filter(kind__in=PRESIDED_KINDS)
    meetings = meetings.exclude(status=Meeting.Status.CANCELLED)
    return sorted(meetings, key=lambda m: (m.start_date is None, m.start_date or m.pk, m.pk))


class PresidencyQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("meeting", "state__region")


class Presidency(Sourced, Timestamped):
    """The State presiding over one Meeting of States Parties or Review Conference.

    Who is President, President-designate or outgoing President on a date is never stored: it is
    derived from the chain (a Presidency runs from the close of the previous meeting to the close
    of the meeting it presides)."""

    meeting = models.OneToOneField(
        Meeting,
        verbose_name=_("meeting presided"),
        on_delete=models.PROTECT,
        related_name="presidency",
        limit_choices_to={"kind__in": PRESIDED_KINDS},
        error_messages={"unique": _("This meeting already has a Presidency.")},
    )
    state = models.ForeignKey(
        Delegation,
        verbose_name=_("State"),
        on_delete=models.PROTECT,
        related_name="presidencies",
        limit_choices_to={"kind": Delegation.Kind.STATE},
    )
    president_name = models.CharField(
        _("President (person)"), max_length=200, blank=True, help_text=_("Who presided, where known.")
    )
    designated_on = models.DateField(
        _("designated on"),
        null=True,
        blank=True,
        help_text=_("When the State was designated to preside; leave empty if no source says."),
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords(excluded_fields=TIMESTAMPS)
    objects = PresidencyQuerySet.as_manager()

    class Meta:
        ordering = ["meeting__start_date"]
        verbose_name = _("Presidency")
        verbose_name_plural = _("Presidencies")

    def __str__(self) -> str:
        return f"{self.state} ({self.meeting.code or self.meeting.title})"

    def clean(self) -> None:
        if self.meeting_id and self.meeting.kind not in PRESIDED_KINDS:
            raise ValidationError(
                {"meeting": _("Only a Meeting of States Parties or a Review Conference has a Presidency.")}
            )
        if self.state_id and not self.state.is_state:
            raise ValidationError({"state": _("A Presidency is held by a State.")})


class CandidacyQuerySet(models.QuerySet):
    def standing_on(self, day):
        """Candidacies announced by ``day`` and not withdrawn by then."""
        return self.filter(announced_on__lte=day).exclude(withdrawn_on__lte=day)


class Candidacy(Sourced, Timestamped):
    """A State's candidacy to preside over a coming meeting."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="presidency_candidacies",
        limit_choices_to={"kind__in": PRESIDED_KINDS},
    )
    state = models.ForeignKey(
        Delegation,
        verbose_name=_("State"),
        on_delete=models.PROTECT,
        related_name="presidency_candidacies",
        limit_choices_to={"kind": Delegation.Kind.STATE},
    )
    announced_on = models.DateField(_("announced on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords(excluded_fields=TIMESTAMPS)
    objects = CandidacyQuerySet.as_manager()

    class Meta:
        ordering = ["meeting__start_date", "announced_on"]
        verbose_name = _("candidacy for a Presidency")
        verbose_name_plural = _("candidacies for a Presidency")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "state"], name="one_candidacy_per_state_and_meeting"),
        ]

    def __str__(self) -> str:
        return f"{self.state} · {self.meeting.code or self.meeting.title}"

    def clean(self) -> None:
        if self.withdrawn_on and self.announced_on and self.withdrawn_on < self.announced_on:
            raise ValidationError(
                {"withdrawn_on": _("A candidacy cannot be withdrawn before it is announced.")}
            )


class SuccessionReport(Sourced, Timestamped):
    """A source's statement of where the succession to a Presidency stood on a date, e.g. that no
    candidate had been announced for the 14MSP by mid-March 2026."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("Presidency of"),
        on_delete=models.PROTECT,
        related_name="succession_reports",
        limit_choices_to={"kind__in": PRESIDED_KINDS},
    )
    as_of = models.DateField(_("as of"))
    as_of_label = models.CharField(
        _("as of (as the source puts it)"), max_length=80, blank=True, help_text=_("e.g. “mid-March 2026”.")
    )
    candidates_announced = models.BooleanField(_("candidates announced"), default=False)
    statement = models.TextField(
        _("statement"), help_text=_("What the source reports, in the portal's words.")
    )

    history = HistoricalRecords(excluded_fields=TIMESTAMPS)

    class Meta:
        ordering = ["meeting__start_date", "as_of"]
        verbose_name = _("succession report")
        verbose_name_plural = _("succession reports")

    def __str__(self) -> str:
        return f"{self.meeting.code or self.meeting.title} · {self.as_of_label or self.as_of}"


class PresidencyBody(Sourced, Timestamped):
    """A group the Presidency set up for its term (e.g. the Technical Group for the Action Plan)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    presidency = models.ForeignKey(
        Presidency,
        verbose_name=_("set up by the Presidency of"),
        on_delete=models.PROTECT,
        related_name="bodies",
    )
    purpose = models.TextField(_("purpose"))
    composition = models.TextField(
        _("composition"),
        blank=True,
        help_text=_("Who takes part, as the source describes it; empty if not stated."),
    )
    members = models.ManyToManyField(
        Delegation,
        verbose_name=_("delegations named"),
        blank=True,
        related_name="presidency_bodies",
        help_text=_("The delegations or organisations named among its members."),
    )
    announced_on = models.DateField(_("announced on"), null=True, blank=True)
    announced_at = models.CharField(_("announced at"), max_length=300, blank=True)

    history = HistoricalRecords(excluded_fields=TIMESTAMPS)

    # The translated field behind its name (ccm_portal.lib.content marks it English only).
    translated_from = {"str": "name"}

    class Meta:
        ordering = ["presidency__meeting__start_date", "name"]
        verbose_name = _("body set up by the Presidency")
        verbose_name_plural = _("bodies set up by the Presidency")

    def __str__(self) -> str:
        return self.name
