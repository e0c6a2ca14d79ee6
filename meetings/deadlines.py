"""The workflow and form of deadline extensions, shared by every window built on
meetings.models.deadlines (submission windows, registration periods)."""

from datetime import datetime

from django import forms
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import DeadlineExtension, DeadlineWindow, Delegation


class ExtensionRefused(Exception):
    """The extension was refused; the message is for the person who asked."""


@transaction.atomic
def extend_deadline(
    window: DeadlineWindow,
    *,
    new_deadline: datetime,
    decided_by: str,
    reason: str,
    by,
    delegation: Delegation | None = None,
) -> DeadlineExtension:
    """Record an extension for everyone or one delegation. Writes: one row of the window's
    extension model. Refuses a new deadline that is not later than the one in force for that
    scope (the window's row is locked, so two extensions recorded at once are compared in turn)."""
    type(window).objects.select_for_update().filter(pk=window.pk).first()
    current = window.deadline_for(delegation)
    if current is not None and new_deadline <= current:
        raise ExtensionRefused(
            gettext("The new deadline must be later than the one in force (%(deadline)s).")
            % {"deadline": window.deadline_display(delegation)}
        )
    extension = window.extensions.model(
        window=window,
        delegation=delegation,
        new_deadline=new_deadline,
        decided_by=decided_by,
        reason=reason,
        recorded_by=by,
    )
    extension.save()
    return extension


class DeadlineExtensionForm(forms.Form):
    new_date = forms.DateField(label=_("New deadline: day"), widget=forms.DateInput(attrs={"type": "date"}))
    new_time = forms.TimeField(label=_("New deadline: time"), widget=forms.TimeInput(attrs={"type": "time"}))
    delegation = forms.ModelChoiceField(
        label=_("For one delegation only"),
        queryset=Delegation.objects.order_by("name"),
        required=False,
        empty_label=_("For everyone"),
    )
    decided_by = forms.CharField(label=_("Decided by"), max_length=200, help_text=_("e.g. the President"))
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, window: DeadlineWindow, **kwargs):
        self.window = window
        super().__init__(*args, **kwargs)
        self.fields["new_time"].help_text = _("In the window's time zone, %(tz)s.") % {"tz": window.time_zone}

    def clean(self):
        data = super().clean()
        if data.get("new_date") and data.get("new_time"):
            data["new_deadline"] = datetime.combine(data["new_date"], data["new_time"], tzinfo=self.window.tz)
        return data
