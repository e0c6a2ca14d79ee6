"""The seating of a meeting's room: the draw of lots and the layout. The plan itself is derived
(registration.seating), never stored."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.history import HistoricalRecords
from meetings.models import Delegation, Meeting


class SeatingLayout(models.Model):
    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="+"
    )
    first_state = models.ForeignKey(
        Delegation,
        verbose_name=_("State drawn by lot"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The State that takes the first seat; the others follow in English alphabetical order."),
    )
    seats_per_row = models.PositiveSmallIntegerField(
        _("seats per row"), default=16, validators=[MinValueValidator(4)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("seating layout")
        verbose_name_plural = _("seating layouts")

    def __str__(self) -> str:
        return _("Seating for %(meeting)s") % {"meeting": self.meeting}

    @property
    def front_seats(self) -> int:
        """Front-row seats per delegation, as the meeting's logistics give them (two by default)."""
        return self.meeting.front_row_seats if self.meeting.front_row_seats is not None else 2

    @property
    def back_seats(self) -> int:
        return self.meeting.back_row_seats if self.meeting.back_row_seats is not None else 2
