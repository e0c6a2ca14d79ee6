from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.uploads import UploadRefused, check_upload
from meetings.deadlines import DeadlineExtensionForm
from meetings.models import Delegation, RegionalGroup

from .models import DelegationRegistration, Participant, SeatingLayout


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["name", "title", "function", "role", "email", "gender", "field_visit", "consent_to_publish"]
        widgets = {"gender": forms.RadioSelect, "role": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gender"].choices = [("", _("Not stated")), *Participant.Gender.choices]
        self.fields["gender"].required = False


class LetterForm(forms.Form):
    """The note verbale (a State) or nomination letter (an organisation), and the credentials."""

    letter = forms.FileField(
        label=_("Note verbale (PDF)"),
        required=True,
        help_text=_("The note verbale of your Permanent Mission naming the delegation, as a PDF file."),
    )
    credentials = forms.ChoiceField(
        label=_("Credentials"), choices=DelegationRegistration.Credentials.choices, required=False
    )

    def __init__(
        self,
        *args,
        delegation: Delegation,
        credentials_required: bool,
        letter_on_file: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if not delegation.is_state:
            self.fields["letter"].label = _("Nomination letter (PDF)")
            self.fields["letter"].help_text = _(
                "The letter nominating your organisation's representatives, as a PDF file."
            )
        if letter_on_file:
            self.fields["letter"].required = False
            self.fields["letter"].help_text = _("Leave empty to keep the file on record.")
        if not credentials_required:
            del self.fields["credentials"]
        self.fields["letter"].widget.attrs["accept"] = "application/pdf,.pdf"

    def clean_letter(self):
        uploaded = self.cleaned_data.get("letter")
        if not uploaded:
            return None
        try:
            return check_upload(uploaded, allowed=("pdf",))
        except UploadRefused as refusal:
            raise forms.ValidationError(str(refusal)) from None


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Why"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RegistrationFilterForm(forms.Form):
    """The filters of the ISU's list (a GET form: bad input is reported and not applied)."""

    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All")), *DelegationRegistration.State.choices]
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *Delegation.Kind.choices]
    )
    region = forms.ModelChoiceField(
        label=_("Region"), required=False, queryset=RegionalGroup.objects.all(), empty_label=_("All")
    )
    q = forms.CharField(label=_("Delegation name contains"), required=False, max_length=100)

    def filter(self, registrations):
        if not self.is_bound or not self.is_valid():
            return registrations
        data = self.cleaned_data
        if data.get("state"):
            registrations = registrations.filter(state=data["state"])
        if data.get("kind"):
            registrations = registrations.filter(delegation__kind=data["kind"])
        if data.get("region"):
            registrations = registrations.filter(delegation__region=data["region"])
        if data.get("q"):
            registrations = registrations.filter(delegation__name__icontains=data["q"])
        return registrations


class DecisionForm(forms.Form):
    DECISIONS = [("approve", _("Approve")), ("reject", _("Reject"))]

    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for a rejection: the delegation sees it."),
    )
    registrations = forms.ModelMultipleChoiceField(
        label=_("Registrations"),
        queryset=DelegationRegistration.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registrations"].queryset = DelegationRegistration.objects.filter(meeting=meeting)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for the rejection: the delegation sees it."))
        return data


class SeatingForm(forms.ModelForm):
    class Meta:
        model = SeatingLayout
        fields = ["first_state", "seats_per_row"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_state"].queryset = Delegation.objects.states().order_by("name_en")


class RegistrationExtensionForm(DeadlineExtensionForm):
    """An extension of the registration deadline (the form shared with submission windows)."""


class ParticipantsListForm(forms.Form):
    """The languages of the list of participants; the first ticked is the original."""

    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The list is issued in each language ticked; the first is its original language."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = [(code, _(name)) for code, name in settings.LANGUAGES]
        self.fields["languages"].initial = [settings.LANGUAGES[0][0]]

    def clean_languages(self):
        chosen = self.cleaned_data["languages"]
        return [code for code, _name in self.fields["languages"].choices if code in chosen]


QR_PHOTO_MAX_BYTES = 10 * 1024 * 1024


class CheckInForm(forms.Form):
    """A badge's token, typed (or typed by a barcode scanner), or a photo of its QR code."""

    token = forms.CharField(
        label=_("Badge code"),
        required=False,
        max_length=64,
        help_text=_("Type the code under the QR code, or read the QR code with a barcode scanner."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )
    photo = forms.ImageField(
        label=_("Or a photo of the QR code"),
        required=False,
        help_text=_("On a phone, this opens the camera."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and photo.size > QR_PHOTO_MAX_BYTES:
            raise forms.ValidationError(
                _("The photo is larger than 10 MB; take it again at a lower resolution.")
            )
        return photo

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("token") or "").strip() and not data.get("photo"):
            raise forms.ValidationError(_("Type the badge's code or choose a photo of its QR code."))
        return data
