from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.history import HistoricalRecords

from ..treaty import (
    CONVENTION_ENTRY_INTO_FORCE,
    OPENED_FOR_SIGNATURE,
    WITHDRAWAL_NOTICE_MONTHS,
    TreatyStatus,
    add_months,
    entry_into_force_for_deposit,
)


class RegionalGroup(models.Model):
    """One of the ISU's four regions (Africa, Americas, Asia/Pacific, Europe)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    # The translated field behind its name (ccm_portal.lib.content marks it English only).
    translated_from = {"str": "name"}

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("regional group")
        verbose_name_plural = _("regional groups")

    def __str__(self) -> str:
        return self.name


class DelegationQuerySet(models.QuerySet):
    def states(self):
        return self.filter(kind=Delegation.Kind.STATE)

    def organisations(self):
        return self.filter(kind=Delegation.Kind.ORGANISATION)


@dataclass(frozen=True)
class StatusPeriod:
    """A stretch of time over which a State's derived status does not change."""

    start: date | None  # None: from the beginning of the record
    end: date | None  # None: still so today; otherwise the first day of the next period
    status: str

    @property
    def label(self) -> str:
        return TreatyStatus(self.status).label


class Delegation(models.Model):
    """A State or an organisation taking part in the Convention's work.

    A State's status is never typed: it is derived on any date from its dated treaty record
    (signature, deposit, entry into force, withdrawal). A missing date is unknown, never a default.
    """

    class Kind(models.TextChoices):
        STATE = "state", _("State")
        ORGANISATION = "organisation", _("Organisation")

    class Category(models.TextChoices):
        UN_AGENCY = "un", _("United Nations or UN agency")
        INTERNATIONAL = "international", _("International organisation")
        ICRC = "icrc", _("International Committee of the Red Cross")
        CMC = "cmc", _("Cluster Munition Coalition")
        GICHD = "gichd", _("GICHD")
        OTHER = "other", _("Other organisation")

    class DepositType(models.TextChoices):
        RATIFICATION = "ratification", _("Ratification")
        ACCESSION = "accession", _("Accession")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.STATE)
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    iso3 = models.CharField(
        _("ISO 3166 code"),
        max_length=3,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Three letters, for States only (MEX)."),
    )
    region = models.ForeignKey(
        RegionalGroup,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegations",
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, blank=True)

    # The dated treaty record of a State.
    signed = models.BooleanField(
        _("signed"),
        null=True,
        blank=True,
        help_text=_("Whether the State signed the Convention; leave unknown if no source says."),
    )
    signature_date = models.DateField(_("signature"), null=True, blank=True)
    deposited = models.BooleanField(
        _("instrument deposited"),
        default=False,
        help_text=_(
            "An instrument of ratification or accession has been deposited, even if its date is not recorded."
        ),
    )
    deposit_type = models.CharField(_("instrument"), max_length=20, choices=DepositType.choices, blank=True)
    deposit_date = models.DateField(_("deposit of instrument"), null=True, blank=True)
    entry_into_force_date = models.DateField(
        _("entry into force"),
        null=True,
        blank=True,
        help_text=_("As a source states it. Left empty, it is computed from the deposit date (Article 17)."),
    )
    withdrawal_notification_date = models.DateField(_("withdrawal notified"), null=True, blank=True)
    withdrawal_effective_date = models.DateField(_("withdrawal effective"), null=True, blank=True)
    record_as_of = models.DateField(
        _("record confirmed on"),
        null=True,
        blank=True,
        help_text=_("The date by which the sources confirm the facts recorded without a date."),
    )
    sources = models.TextField(_("sources"), blank=True, help_text=_("One source per line."))
    notes = models.TextField(_("notes"), blank=True)
    # For the open data API's ?changed_since= (not kept in the history, which has its own dates).
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_modified = models.DateTimeField(_("last changed"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["created", "last_modified"])
    objects = DelegationQuerySet.as_manager()

    # The translated field behind its name (ccm_portal.lib.content marks it English only).
    translated_from = {"str": "name"}

    class Meta:
        ordering = ["name"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="organisation") | ~Q(iso3=None),
                name="state_has_iso3",
                violation_error_message=_("A State needs its three-letter ISO code."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("meetings:delegation-detail", args=[self.iso3 or self.slug])

    @property
    def is_state(self) -> bool:
        return self.kind == self.Kind.STATE

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym and self.acronym != self.name else self.name

    # --- derived treaty facts -------------------------------------------------------------

    @property
    def entry_into_force(self) -> date | None:
        if self.entry_into_force_date:
            return self.entry_into_force_date
        if self.deposit_date:
            return entry_into_force_for_deposit(self.deposit_date)
        return None

    @property
    def entry_into_force_is_derived(self) -> bool:
        return not self.entry_into_force_date and self.deposit_date is not None

    @property
    def withdrawal_notified(self) -> date | None:
        if self.withdrawal_notification_date:
            return self.withdrawal_notification_date
        if self.withdrawal_effective_date:
            return add_months(self.withdrawal_effective_date, -WITHDRAWAL_NOTICE_MONTHS)
        return None

    @property
    def party_known_by(self) -> date | None:
        """The earliest date by which the records show the State to be a party, when the
        date of entry into force itself is not recorded."""
        candidates = []
        if self.deposited and self.record_as_of:
            candidates.append(self.record_as_of)
        if self.withdrawal_notified:
            candidates.append(self.withdrawal_notified)
        return min(candidates) if candidates else None

    def status_on(self, day: date | None = None) -> str | None:
        """The State's status on ``day`` (today by default), derived from the dated record."""
        if not self.is_state:
            return None
        day = day or timezone.localdate()
        if self.withdrawal_effective_date and day >= self.withdrawal_effective_date:
            return TreatyStatus.WITHDRAWN
        eif = self.entry_into_force
        if eif and day >= eif:
            return TreatyStatus.STATE_PARTY
        known_by = self.party_known_by
        if known_by and day >= known_by and eif is None:
            return TreatyStatus.STATE_PARTY
        if day < OPENED_FOR_SIGNATURE:
            return TreatyStatus.NOT_PARTY
        if self.signed:
            if self.signature_date:
                return TreatyStatus.SIGNATORY if day >= self.signature_date else TreatyStatus.NOT_PARTY
            # Signature was open only until the Convention entered into force.
            return TreatyStatus.SIGNATORY if day >= CONVENTION_ENTRY_INTO_FORCE else TreatyStatus.UNKNOWN
        if self.signed is False:
            return TreatyStatus.NOT_PARTY
        if self.deposited or eif:
            return TreatyStatus.UNKNOWN  # a party whose earlier history is not recorded
        return TreatyStatus.NOT_PARTY

    @property
    def status(self) -> str | None:
        return self.status_on()

    @property
    def status_label(self) -> str:
        status = self.status
        return TreatyStatus(status).label if status else self.get_category_display()

    def status_history(self) -> list[StatusPeriod]:
        """The derived status, period by period, from the Convention's opening to today."""
        if not self.is_state:
            return []
        today = timezone.localdate()
        points = {
            OPENED_FOR_SIGNATURE,
            CONVENTION_ENTRY_INTO_FORCE,
            self.signature_date,
            self.entry_into_force,
            self.party_known_by,
            self.withdrawal_effective_date,
        }
        points = sorted(p for p in points if p and p <= today)
        periods: list[StatusPeriod] = []
        current_start: date | None = None
        current = self.status_on(OPENED_FOR_SIGNATURE - timedelta(days=1))
        for point in points:
            status = self.status_on(point)
            if status != current:
                periods.append(StatusPeriod(current_start, point, current))
                current_start, current = point, status
        periods.append(StatusPeriod(current_start, None, current))
        return periods
