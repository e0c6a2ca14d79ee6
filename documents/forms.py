"""Forms of the document register: the admin's document and language-version forms (symbol,
text and upload checks), the public filters, and the admin's "generate from a meeting" form."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.widgets import LongSelect
from meetings.models import Meeting

from . import text
from .models import Document, Language, Rendition, upload_size_limit
from .rendering import pdf_facts
from .symbols import BODIES, SERIES, next_free_number, normalize_symbol

# Series offered as "next free number" hints to staff.
SUGGESTED_SERIES = ["", "WP.", "INF."]


def next_free_symbols(year: int) -> list[str]:
    """The next unused symbol of the usual series of ``year`` (one query)."""
    existing = list(Document.objects.filter(symbol__contains=f"/{year}/").values_list("symbol", flat=True))
    return [
        next_free_number(f"CCM/{body}/{year}/{series}", existing)
        for body in BODIES
        for series in SUGGESTED_SERIES
    ]


class DocumentAdminForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = [
            "symbol",
            "slug",
            "title",
            "title_is_descriptive",
            "kind",
            "status",
            "meeting",
            "agenda_item",
            "date",
            "submitted_by",
            "submitting_delegations",
            "submitted_by_note",
            "distribution",
            "original_language",
            "original_only",
            "without_formal_editing",
            "advance_copy",
            "editorial_note",
            "relation",
            "related_to",
            "summary",
            "body",
            "notes",
        ]
        widgets = {"body": forms.Textarea(attrs={"rows": 24, "class": "vLargeTextField"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "symbol" in self.fields:
            instance = self.instance
            year = (instance.date or timezone.localdate()).year if instance else timezone.localdate().year
            self.fields["symbol"].help_text = _(
                "%(help)s Next free numbers in %(year)s: %(free)s. Series: %(series)s."
            ) % {
                "help": self.fields["symbol"].help_text,
                "year": year,
                "free": ", ".join(next_free_symbols(year)),
                "series": ", ".join(f"{code} ({label})" for code, label in SERIES.items()),
            }
        # The model validator insists on the canonical spelling; the form accepts any case.
        if "symbol" in self.fields:
            self.fields["symbol"].validators = []

    def clean_symbol(self):
        value = (self.cleaned_data.get("symbol") or "").strip()
        if not value:
            return None
        return normalize_symbol(value)  # raises ValidationError with a message for staff

    def clean_body(self):
        body = self.cleaned_data.get("body", "")
        problems = text.check(body)
        if problems:
            raise ValidationError(problems)
        return body


class RenditionInlineForm(forms.ModelForm):
    class Meta:
        model = Rendition
        fields = ["language", "source", "title", "body", "file"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or "file" not in self.changed_data:
            return upload
        if not upload.name.lower().endswith(".pdf"):  # stored under this name: no .html or .svg
            raise ValidationError(
                _("“%(name)s” is not named as a PDF: upload a PDF file whose name ends in .pdf."),
                code="not_pdf_name",
                params={"name": upload.name[:80]},
            )
        limit = upload_size_limit()
        if upload.size > limit:
            raise ValidationError(
                _("The file is %(size)s; the limit is %(limit)s."),
                code="too_large",
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            )
        upload.seek(0)
        content = upload.read()
        upload.seek(0)
        try:
            pdf_facts(content)
        except ValueError as exc:
            raise ValidationError(str(exc), code="not_pdf") from exc
        return upload

    def clean(self):
        cleaned = super().clean()
        if "file" in self.changed_data and cleaned.get("file"):
            cleaned["source"] = Rendition.Source.UPLOADED
            self.instance.source = Rendition.Source.UPLOADED
        elif cleaned.get("source") == Rendition.Source.UPLOADED and not (
            cleaned.get("file") or self.instance.file
        ):
            self.add_error(
                "file", _("Choose the PDF to upload, or set the source to “Rendered from the text”.")
            )
        return cleaned


class MeetingChoiceIterator(forms.models.ModelChoiceIterator):
    """The meetings of the filter as (slug, name) pairs read with ``values_list``: hundreds of
    options without making a model instance for each."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for slug, title, code in self.queryset.values_list("slug", "title", "code"):
            yield (slug, Meeting.name_of(title, code))


class MeetingChoiceField(forms.ModelChoiceField):
    iterator = MeetingChoiceIterator


class DocumentFilterForm(forms.Form):
    """The public list's search and filters (GET)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    meeting = MeetingChoiceField(
        label=_("Meeting"),
        queryset=Meeting.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any meeting"),
        widget=LongSelect,
        error_messages={
            "invalid_choice": _(
                "No meeting with published documents has this address: choose one from the list."
            )
        },
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        error_messages={
            "invalid_choice": _("“%(value)s” is not a kind of document: choose one from the list.")
        },
    )
    year = forms.TypedChoiceField(
        label=_("Year"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={
            "invalid_choice": _("No published document is from %(value)s: choose a year from the list.")
        },
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        error_messages={
            "invalid_choice": _("“%(value)s” is not one of the six languages: choose one from the list.")
        },
    )

    def __init__(self, *args, meetings, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["kind"].choices = [("", _("Any kind")), *Document.Kind.choices]
        self.fields["year"].choices = [("", _("Any year")), *((y, y) for y in years)]
        self.fields["language"].choices = [("", _("Any language")), *Language.choices]


class GenerateForm(forms.Form):
    """Admin: write a meeting's provisional agenda or list of participants from its records."""

    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.all())
    what = forms.ChoiceField(
        label=_("Document"),
        choices=[c for c in Document.Generated.choices if c[0]],
        widget=forms.RadioSelect,
    )
