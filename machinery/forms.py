from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)


class OnDateForm(forms.Form):
    """The date for which to show the office holders (today when empty)."""

    on = forms.DateField(
        label=_("Show the office holders on"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("A date as YYYY-MM-DD, for example 2026-03-15. Empty: today."),
        error_messages={"invalid": _("This is not a date. Give it as YYYY-MM-DD, for example 2026-03-15.")},
    )

    def clean_on(self) -> date | None:
        day = self.cleaned_data.get("on")
        if day and not EARLIEST <= day <= LATEST:
            raise forms.ValidationError(_("Give a date between 2000 and 2099."))
        return day
