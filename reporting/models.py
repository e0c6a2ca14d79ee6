"""The records of Article 7 reporting and of the obligations under Articles 3 and 4.

Only what a source states is kept here: reports received, obligations declared, extension
requests and the decisions on them. Every due date and deadline is derived from these records
and the State's entry into force (reporting/deadlines.py), never typed."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.choices import choice_label
from ccm_portal.lib.history import HistoricalRecords
from documents.models import Language
from machinery.models.sources import Sourced
from meetings.models import Delegation, Meeting

STATES_ONLY = {"kind": Delegation.Kind.STATE}
# The source note of the embedded default's demonstration records (reporting/demo.py).
DEMONSTRATION_NOTE = "Demonstration data of the portal's embedded set-up: not a record of the Convention."


class Article7ReportQuerySet(models.QuerySet):
    def received_by(self, day: date):
        return self.filter(received_on__lte=day)

    def of_state(self, state: Delegation):
        return self.filter(state=state)


class Article7Report(Sourced):
    """An Article 7 transparency report as received: the initial report (Article 7(1)) or the
    annual update covering one calendar year (Article 7(2))."""

    class Kind(models.TextChoices):
        INITIAL = "initial", _("Initial report")
        ANNUAL = "annual", _("Annual report")

    class ReceivedBy(models.TextChoices):
        UN = "un", _("United Nations (Secretary-General)")
        ISU = "isu", _("Implementation Support Unit")

    state = models.ForeignKey(
        Delegation,
        verbose_name=_("State"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=STATES_ONLY,
    )
    kind = models.CharField(_("report"), max_length=10, choices=Kind.choices, default=Kind.ANNUAL)
    year = models.PositiveSmallIntegerField(
        _("calendar year covered"),
        null=True,
        blank=True,
        help_text=_("For an annual report: the calendar year it covers. Empty for the initial report."),
    )
    received_on = models.DateField(_("date received"))
    received_by = models.CharField(
        _("received by"), max_length=5, choices=ReceivedBy.choices, default=ReceivedBy.UN
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()
    objects = Article7ReportQuerySet.as_manager()

    class Meta:
        ordering = ["state__name", "kind", "year"]
        verbose_name = _("Article 7 report")
        verbose_name_plural = _("Article 7 reports")
        constraints = [
            models.UniqueConstraint(
                fields=["state"],
                condition=Q(kind="initial"),
                name="one_initial_report_per_state",
                violation_error_message=_("This State's initial report is already recorded."),
            ),
            models.UniqueConstraint(
                fields=["state", "year"],
                condition=Q(kind="annual"),
                name="one_annual_report_per_state_and_year",
                violation_error_message=_("This State's report for this year is already recorded."),
            ),
            models.CheckConstraint(
                condition=(Q(kind="initial") & Q(year=None)) | (Q(kind="annual") & ~Q(year=None)),
                name="annual_report_has_year",
                violation_error_message=_("An annual report covers a year; the initial report has none."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state}: {self.period_label}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:delegation-detail", args=[self.state.iso3 or self.state.slug]) + "#reporting"

    @property
    def is_demonstration(self) -> bool:
        return self.source_note == DEMONSTRATION_NOTE

    @property
    def period_label(self) -> str:
        if self.kind == self.Kind.INITIAL:
            return str(_("Initial report"))
        return str(_("Annual report for %(year)s") % {"year": self.year})

    def get_received_by_display(self) -> str:
        return choice_label(self.ReceivedBy, self.received_by)

    def clean(self) -> None:
        if self.kind == self.Kind.ANNUAL and self.year is None:
            raise ValidationError({"year": _("Give the calendar year this annual report covers.")})
        if self.kind == self.Kind.INITIAL and self.year is not None:
            raise ValidationError({"year": _("The initial report covers no calendar year: leave it empty.")})
        if self.kind == self.Kind.ANNUAL and self.received_on and self.year > self.received_on.year:
            raise ValidationError(
                {"year": _("A report cannot cover a year that had not begun when received.")}
            )


def report_version_upload_to(version: "ReportVersion", filename: str) -> str:
    return f"reporting/{version.report_id}/{version.language}.pdf"


class ReportVersion(models.Model):
    """One language version of a report, with its PDF (checked as the documents' uploads are)."""

    report = models.ForeignKey(
        Article7Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="versions"
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    file = models.FileField(_("PDF"), upload_to=report_version_upload_to, max_length=300)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True, editable=False)
    page_count = models.PositiveSmallIntegerField(_("pages"), null=True, blank=True, editable=False)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "language"]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(fields=["report", "language"], name="one_report_version_per_language"),
        ]

    def __str__(self) -> str:
        return f"{self.report} ({self.language})"

    def get_absolute_url(self) -> str:
        return reverse("reporting:report-pdf", kwargs={"pk": self.report_id, "language": self.language})

    def get_language_display(self) -> str:
        return choice_label(Language, self.language)

    @property
    def filename(self) -> str:
        state = self.report.state.iso3 or self.report.state.slug
        period = "initial" if self.report.kind == Article7Report.Kind.INITIAL else self.report.year
        return f"CCM_Article7_{state}_{period}_{self.language}.pdf"


class Article3Obligation(Sourced):
    """A State's obligation to destroy its stockpiles (Article 3(2)): declared, then completed."""

    state = models.OneToOneField(
        Delegation,
        verbose_name=_("State"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=STATES_ONLY,
    )
    declared_on = models.DateField(
        _("stockpile declared on"), null=True, blank=True, help_text=_("Empty: the date is not recorded.")
    )
    completion_declared_on = models.DateField(
        _("completion declared on"),
        null=True,
        blank=True,
        help_text=_("The date the State declared its stockpile destruction complete. Empty: not yet."),
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["state__name"]
        verbose_name = _("Article 3 obligation (stockpiles)")
        verbose_name_plural = _("Article 3 obligations (stockpiles)")

    def __str__(self) -> str:
        return str(self.state)

    def in_force_on(self, day: date) -> bool:
        declared = self.declared_on is None or self.declared_on <= day
        return declared and not (self.completion_declared_on and self.completion_declared_on <= day)


class Retention(Sourced):
    """Cluster munitions and submunitions retained for training and development (Article 3(6)),
    as a State reported them for one calendar year."""

    state = models.ForeignKey(
        Delegation,
        verbose_name=_("State"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=STATES_ONLY,
    )
    year = models.PositiveSmallIntegerField(_("year"))
    cluster_munitions = models.PositiveIntegerField(_("cluster munitions retained"), null=True, blank=True)
    submunitions = models.PositiveIntegerField(_("submunitions retained"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["state__name", "year"]
        verbose_name = _("retention (Article 3(6))")
        verbose_name_plural = _("retentions (Article 3(6))")
        constraints = [
            models.UniqueConstraint(fields=["state", "year"], name="one_retention_per_state_and_year"),
        ]

    def __str__(self) -> str:
        return f"{self.state} {self.year}"

    @property
    def retains(self) -> bool:
        return bool(self.cluster_munitions or self.submunitions)


class Article4Obligation(Sourced):
    """A State's obligation to clear cluster munition remnants (Article 4(1)): areas declared
    contaminated, the end of active hostilities where it applies, completion declared."""

    state = models.OneToOneField(
        Delegation,
        verbose_name=_("State"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=STATES_ONLY,
    )
    declared_on = models.DateField(
        _("contamination declared on"), null=True, blank=True, help_text=_("Empty: the date is not recorded.")
    )
    areas = models.TextField(_("areas declared contaminated"), blank=True)
    hostilities_ended_on = models.DateField(
        _("end of active hostilities"),
        null=True,
        blank=True,
        help_text=_(
            "Only for remnants that appeared after entry into force (Article 4(1)(b)): the deadline then "
            "runs ten years from this date."
        ),
    )
    completion_declared_on = models.DateField(
        _("completion declared on"),
        null=True,
        blank=True,
        help_text=_("The date the State declared its clearance complete. Empty: not yet."),
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["state__name"]
        verbose_name = _("Article 4 obligation (clearance)")
        verbose_name_plural = _("Article 4 obligations (clearance)")

    def __str__(self) -> str:
        return str(self.state)

    def in_force_on(self, day: date) -> bool:
        declared = self.declared_on is None or self.declared_on <= day
        return declared and not (self.completion_declared_on and self.completion_declared_on <= day)


class ExtensionRequestQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("state", "deciding_meeting")

    def submitted_by(self, day: date):
        return self.filter(submitted_on__lte=day)


class ExtensionRequest(Sourced):
    """A request to extend the deadline under Article 3(3) or Article 4(5), and the decision of
    the Meeting of States Parties or Review Conference that considered it."""

    class Article(models.IntegerChoices):
        ARTICLE_3 = 3, _("Article 3 (stockpile destruction)")
        ARTICLE_4 = 4, _("Article 4 (clearance)")

    class Decision(models.TextChoices):
        PENDING = "pending", _("Pending")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Not granted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    article = models.PositiveSmallIntegerField(_("article"), choices=Article.choices)
    state = models.ForeignKey(
        Delegation,
        verbose_name=_("State"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=STATES_ONLY,
    )
    submitted_on = models.DateField(_("submitted on"))
    period_months = models.PositiveSmallIntegerField(
        _("period asked (months)"), help_text=_("Up to 48 months under Article 3, 60 under Article 4.")
    )
    deciding_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting that decides"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind__in": ["msp", "review_conference"]},
    )
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decision_symbol = models.CharField(
        _("decision's document"), max_length=80, blank=True, help_text=_("The symbol, e.g. CCM/MSP/2024/8.")
    )
    decision_paragraph = models.CharField(_("decision's paragraph"), max_length=60, blank=True)
    new_deadline = models.DateField(_("new deadline granted"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()
    objects = ExtensionRequestQuerySet.as_manager()

    MAX_MONTHS = {3: 48, 4: 60}

    class Meta:
        ordering = ["submitted_on", "pk"]
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision="granted") | ~Q(new_deadline=None),
                name="granted_extension_has_deadline",
                violation_error_message=_("A granted extension needs the new deadline."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state}: {self.get_article_display()}, {self.submitted_on}"

    def get_article_display(self) -> str:
        return choice_label(self.Article, self.article)

    def get_decision_display(self) -> str:
        return choice_label(self.Decision, self.decision)

    @property
    def decision_reference(self) -> str:
        parts = [self.decision_symbol] if self.decision_symbol else []
        if self.decision_paragraph:
            parts.append(str(_("paragraph %(number)s") % {"number": self.decision_paragraph}))
        return ", ".join(parts)

    def clean(self) -> None:
        errors = {}
        limit = self.MAX_MONTHS.get(self.article)
        if limit and self.period_months and self.period_months > limit:
            errors["period_months"] = _(
                "An extension under this article may be of up to %(months)s months."
            ) % {"months": limit}
        if self.decision == self.Decision.GRANTED:
            if not self.new_deadline:
                errors["new_deadline"] = _("A granted extension needs the new deadline.")
            if not self.deciding_meeting_id:
                errors["deciding_meeting"] = _("A granted extension needs the meeting that granted it.")
        if errors:
            raise ValidationError(errors)


class Reminder(models.Model):
    """A reminder mailed: to a State's focal points that its annual report is due on 30 April
    (Article 7(2)), or to the ISU, a report of the State's in a weekly list of reports newly
    overdue. One per State, year and kind: the unique constraint keeps a re-run, a retried task
    or a second worker from mailing twice (reporting/reminders.py)."""

    class Kind(models.TextChoices):
        DUE = "due", _("Annual report due (focal points)")
        OVERDUE = "overdue", _("Annual report overdue (ISU list)")
        INITIAL_OVERDUE = "initial-overdue", _("Initial report overdue (ISU list)")

    state = models.ForeignKey(Delegation, verbose_name=_("State"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(
        _("year"),
        help_text=_(
            "The calendar year the annual report covers; for the initial report, the year it fell due."
        ),
    )
    kind = models.CharField(_("reminder"), max_length=16, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    recipients = models.TextField(_("recipients"), blank=True)

    class Meta:
        ordering = ["-sent_at", "state__name"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "year", "kind"], name="one_reminder_per_state_year_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state}: {self.get_kind_display()}, {self.year}"

    def get_kind_display(self) -> str:
        return choice_label(self.Kind, self.kind)
