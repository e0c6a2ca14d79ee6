from django import forms
from django.utils.translation import gettext_lazy as _

from .models import User


class InviteUserForm(forms.ModelForm):
    """Staff create an account by e-mail; the person then chooses their own password."""

    class Meta:
        model = User
        fields = ["email", "full_name", "is_staff"]

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(_("An account with this e-mail address already exists."))
        return email
