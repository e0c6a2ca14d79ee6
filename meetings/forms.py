from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Meeting


class MeetingFilterForm(forms.Form):
    """The filters of the public list of meetings (a GET form: bad input is reported next to the
    field and the list is shown unfiltered by it)."""

    kind = forms.ChoiceField(
        label=_("Kind of meeting"), required=False, choices=[("", _("All kinds")), *Meeting.Kind.choices]
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2008,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "list": "meeting-years", "size": 6}),
        error_messages={"invalid": _("Enter a year, such as 2026.")},
    )

    def filter(self, meetings):
        if not self.is_bound:
            return meetings
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("kind"):
            meetings = meetings.filter(kind=data["kind"])
        if data.get("year"):
            meetings = meetings.in_year(data["year"])
        return meetings
