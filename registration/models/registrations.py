"""A delegation's registration for a meeting (with its note verbale, or nomination letter for
an organisation, and the state of its credentials) and its members."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.history import HistoricalRecords
from meetings.models import Delegation, Meeting


def note_verbale_path(instance: "DelegationRegistration", filename: str) -> str:
    # The stored name is random: the name the delegation gave is kept only as data.
    return f"registration/{instance.meeting_id}/{uuid.uuid4().hex}"


class RegistrationQuerySet(models.QuerySet):
    def for_meeting(self, meeting: Meeting):
        return self.filter(meeting=meeting)

    def with_counts(self):
        """Each registration with its number of members (``member_count``) in the same query."""
        return self.select_related("delegation__region").annotate(member_count=Count("participants"))

    def approved(self):
        return self.filter(state=DelegationRegistration.State.APPROVED)


class DelegationRegistration(models.Model):
    """One delegation's registration for one meeting: pending until the ISU approves or rejects
    it with a reason; a change by the delegation after approval sends it back to pending."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Credentials(models.TextChoices):
        NONE = "none", _("None received yet")
        COPY = "copy", _("Copy received")
        ORIGINAL = "original", _("Original received")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="+"
    )
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PENDING)
    state_reason = models.TextField(_("reason"), blank=True, help_text=_("Why it was rejected or withdrawn."))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    letter = models.FileField(
        _("note verbale or nomination letter"), upload_to=note_verbale_path, max_length=255
    )
    letter_name = models.CharField(_("file name"), max_length=200)
    letter_size = models.PositiveIntegerField(_("size in bytes"))
    letter_sha256 = models.CharField(_("SHA-256"), max_length=64)
    credentials = models.CharField(
        _("credentials"), max_length=20, choices=Credentials.choices, default=Credentials.NONE
    )
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "delegation__name"]
        verbose_name = _("delegation registration")
        verbose_name_plural = _("delegation registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "delegation"],
                name="one_registration_per_delegation_and_meeting",
                violation_error_message=_("This delegation is already registered for this meeting."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.delegation} · {self.meeting}"

    def get_absolute_url(self) -> str:
        return reverse("registration:registration-detail", kwargs={"slug": self.meeting.slug})

    @property
    def letter_label(self) -> str:
        return str(_("Note verbale") if self.delegation.is_state else _("Nomination letter"))


class ParticipantQuerySet(models.QuerySet):
    def in_order(self):
        """Head of delegation first, then alternates, advisers and others, each by name."""
        role_order = models.Case(
            *[models.When(role=role, then=i) for i, role in enumerate(Participant.Role.values)],
            output_field=models.IntegerField(),
        )
        return self.alias(role_order=role_order).order_by("role_order", "name", "pk")

    def counts_by_gender(self):
        return dict(self.values_list("gender").annotate(n=Count("pk")).order_by("gender"))


class Participant(models.Model):
    """A member of a registered delegation. The personal fields (name, title, function, e-mail)
    are erased after the meeting's retention period; role, gender and field visit remain for the
    counts."""

    class Role(models.TextChoices):
        HEAD = "head", _("Head of delegation")
        ALTERNATE = "alternate", _("Alternate")
        ADVISER = "adviser", _("Adviser")
        OTHER = "other", _("Other member")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        OTHER = "other", _("Another gender")

    registration = models.ForeignKey(
        DelegationRegistration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=60, blank=True, help_text=_("e.g. H.E. Ms, Mr, Dr"))
    function = models.CharField(_("function"), max_length=300, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.OTHER)
    email = models.EmailField(_("e-mail address"), blank=True)
    gender = models.CharField(
        _("gender"),
        max_length=10,
        choices=Gender.choices,
        blank=True,
        help_text=_("As the person states it; optional, used only for aggregate statistics."),
    )
    field_visit = models.BooleanField(_("takes part in the field visit"), default=False)
    consent_to_publish = models.BooleanField(
        _("consents to the publication of the name in the list of participants"), default=False
    )
    erased = models.BooleanField(_("personal data erased"), default=False)
    badge_token = models.CharField(
        _("badge token"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("The unguessable token in the badge's QR code, given when the badges are printed."),
    )

    history = HistoricalRecords(excluded_fields=["badge_token"])
    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["registration", "name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.name or str(_("(erased)"))

    @property
    def display_name(self) -> str:
        return " ".join(part for part in (self.title, self.name) if part)
