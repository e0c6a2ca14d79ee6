from django.db import models
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.history import HistoricalRecords
from ccm_portal.lib.timestamps import TIMESTAMPS, Timestamped
from meetings.models import Delegation, Meeting

from .sources import Sourced


class MandateQuerySet(models.QuerySet):
    def for_body(self, body: str):
        return self.filter(body=body)


class Mandate(Sourced, Timestamped):
    """A decision of the States Parties that gives an office holder a task or settles how the
    machinery is made up (CCM/CONF/2021/6, paragraph 84)."""

    class Body(models.TextChoices):
        PRESIDENT = "president", _("The President")
        COORDINATION_COMMITTEE = "coordination_committee", _("The Coordination Committee")
        COORDINATORS = "coordinators", _("The Coordinators")
        ANALYSIS_GROUPS = "analysis_groups", _("The ad hoc Analysis Groups")

    class Kind(models.TextChoices):
        TASK = "task", _("Task")
        COMPOSITION = "composition", _("Composition of the Coordination Committee")
        GENDER_FOCAL_POINTS = "gender_focal_points", _("Gender focal points")
        ANALYSIS_GROUPS = "analysis_groups", _("Composition of the analysis groups")
        ESTABLISHMENT = "establishment", _("Establishes a coordinator role")

    body = models.CharField(_("given to"), max_length=30, choices=Body.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.TASK)
    title = models.CharField(_("short title"), max_length=200)
    summary = models.TextField(_("summary"), help_text=_("What the decision asks, in the portal's words."))
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="machinery_mandates",
        limit_choices_to={"kind__in": ["msp", "review_conference"]},
    )
    working_groups = models.ManyToManyField(
        "machinery.WorkingGroup",
        verbose_name=_("working groups named"),
        blank=True,
        related_name="mandates",
        help_text=_("The working groups whose coordinators the decision names."),
    )
    observers = models.ManyToManyField(
        Delegation,
        verbose_name=_("observers"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Delegation.Kind.ORGANISATION},
        help_text=_("For a decision on the Committee's composition: the organisations invited to observe."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords(excluded_fields=TIMESTAMPS)
    objects = MandateQuerySet.as_manager()

    class Meta:
        ordering = ["meeting__start_date", "order", "pk"]
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")

    def __str__(self) -> str:
        return f"{self.meeting.code or self.meeting.title}: {self.title}"


class ReportedFigure(Sourced, Timestamped):
    """A figure a source reports (e.g. how many States have been coordinators), kept next to the
    figure the portal computes from its own records."""

    slug = models.SlugField(_("key"), max_length=80, unique=True)
    label = models.CharField(_("what it counts"), max_length=300)
    value = models.PositiveIntegerField(_("value"))
    as_of = models.DateField(_("as of"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=TIMESTAMPS)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("reported figure")
        verbose_name_plural = _("reported figures")

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"
