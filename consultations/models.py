"""Informal consultations: who said what under which agenda item, tagged by topic."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.history import HistoricalRecords
from ccm_portal.lib.timestamps import TIMESTAMPS, Timestamped
from meetings.models import AgendaItem, Delegation, Meeting


class Topic(Timestamped):
    """A subject delegations take positions on (gender and diversity, universalization...)."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords(excluded_fields=TIMESTAMPS)

    # The translated field behind its name (ccm_portal.lib.content marks it English only).
    translated_from = {"str": "name"}

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("consultations:topic-detail", args=[self.slug])


class InterventionQuerySet(models.QuerySet):
    def by_delegations(self):
        """Statements by delegations, without those of the chair (the Presidency)."""
        return self.filter(role=Intervention.Role.DELEGATION)

    def of_delegation(self, delegation: Delegation):
        """What ``delegation`` said, meeting by meeting in date order, then in agenda order (one
        query: each row comes with its meeting and agenda item)."""
        return self.filter(delegation=delegation)

    def grouped_by_agenda_item(self, meeting: Meeting) -> dict[int | None, list["Intervention"]]:
        """A meeting's interventions by the id of their agenda item (None: those under no item),
        each list in order of speaking, with their speakers and topics. Two queries, whatever
        the number of items and interventions."""
        grouped: dict[int | None, list[Intervention]] = {}
        for intervention in self.filter(meeting=meeting).prefetch_related("topics"):
            grouped.setdefault(intervention.agenda_item_id, []).append(intervention)
        return grouped


class InterventionManager(models.Manager.from_queryset(InterventionQuerySet)):
    # So that a list of interventions does not fetch its meeting, item and speaker one row at
    # a time.
    def get_queryset(self):
        return super().get_queryset().select_related("meeting", "agenda_item", "delegation")


class Intervention(Timestamped):
    """A delegation taking the floor under an agenda item: what it said, in the portal's words."""

    class Role(models.TextChoices):
        DELEGATION = "delegation", _("Delegation")
        CHAIR = "chair", _("Chair (the Presidency)")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="interventions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="interventions",
    )
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.PROTECT, related_name="interventions"
    )
    role = models.CharField(
        _("speaking as"),
        max_length=20,
        choices=Role.choices,
        default=Role.DELEGATION,
        help_text=_("The chair's statements are shown apart: they are not a delegation's position."),
    )
    summary = models.TextField(_("summary"), help_text=_("What was said, in the portal's own words."))
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), through="Position", related_name="interventions", blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Order of speaking."))

    history = HistoricalRecords(excluded_fields=TIMESTAMPS)
    objects = InterventionManager()

    class Meta:
        ordering = ["meeting__start_date", "meeting_id", "agenda_item__order", "order", "pk"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")

    def __str__(self) -> str:
        where = self.agenda_item.label if self.agenda_item_id else self.meeting
        return f"{self.delegation} · {where}"

    def get_absolute_url(self) -> str:
        return f"{self.meeting.get_absolute_url()}#intervention-{self.pk}"

    def clean(self) -> None:
        if self.agenda_item_id and self.meeting_id and self.agenda_item.meeting_id != self.meeting_id:
            raise ValidationError({"agenda_item": _("Choose an item of this meeting's agenda.")})

    @property
    def is_chair(self) -> bool:
        return self.role == self.Role.CHAIR

    @property
    def speaker(self) -> str:
        if self.role == self.Role.CHAIR:
            return str(_("The Presidency (%(name)s)") % {"name": self.delegation.name})
        return self.delegation.name


class Position(Timestamped):
    """What one intervention said on one topic (the whole summary when left empty)."""

    intervention = models.ForeignKey(
        Intervention, verbose_name=_("intervention"), on_delete=models.CASCADE, related_name="positions"
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="positions"
    )
    statement = models.TextField(
        _("on this topic"),
        blank=True,
        help_text=_("The part of the intervention on this topic, in the portal's words."),
    )

    history = HistoricalRecords(excluded_fields=TIMESTAMPS)

    class Meta:
        ordering = ["topic__order", "pk"]
        verbose_name = _("position on a topic")
        verbose_name_plural = _("positions on topics")
        constraints = [
            models.UniqueConstraint(fields=["intervention", "topic"], name="one_position_per_topic"),
        ]

    def __str__(self) -> str:
        return f"{self.intervention.delegation} · {self.topic}"

    @property
    def text(self) -> str:
        return self.statement or self.intervention.summary
