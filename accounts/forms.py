from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from .models import User


class InviteUserForm(forms.ModelForm):
    """Staff create an account by e-mail; the person then chooses their own password."""

    class Meta:
        model = User
        fields = ["email", "full_name", "language", "is_staff"]

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(_("An account with this e-mail address already exists."))
        return email


class LanguageForm(forms.ModelForm):
    """The language of the mail and receipts the portal sends to the signed-in person."""

    class Meta:
        model = User
        fields = ["language"]
        widgets = {"language": forms.RadioSelect}
        labels = {"language": _("Language of e-mails and receipts")}
        help_texts = {"language": ""}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each language in its own name, as language choosers show them.
        self.fields["language"].choices = [
            (code, get_language_info(code)["name_local"].capitalize()) for code, _name in settings.LANGUAGES
        ]
