from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from documents.models import upload_size_limit
from documents.rendering import pdf_facts
from machinery.forms import EARLIEST, LATEST

from .models import ReportVersion


class OnDateForm(forms.Form):
    """The date on which to show reporting and deadlines (today when empty)."""

    on = forms.DateField(
        label=_("Show reporting on"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("A date as YYYY-MM-DD, for example 2026-05-01. Empty: today."),
        error_messages={"invalid": _("This is not a date. Give it as YYYY-MM-DD, for example 2026-05-01.")},
    )

    def clean_on(self):
        day = self.cleaned_data.get("on")
        if day and not EARLIEST <= day <= LATEST:
            raise ValidationError(_("Give a date between 2000 and 2099."))
        return day


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet of Article 7 reports"),
        help_text=_(
            "CSV (UTF-8) or XLSX, first row: state, report, year, received_on, received_by, source. "
            "state is the ISO code (MEX), report “initial” or “annual”, year the calendar year covered, "
            "received_on as YYYY-MM-DD, received_by “un” or “isu”."
        ),
    )


class ReportVersionForm(forms.ModelForm):
    """A report's language version: the PDF is checked as the documents' uploads are (named
    .pdf, within the size limit, a PDF that opens), and its size, pages and checksum kept."""

    class Meta:
        model = ReportVersion
        fields = ["language", "file"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or "file" not in self.changed_data:
            return upload
        if not upload.name.lower().endswith(".pdf"):
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
            facts = pdf_facts(content)
        except ValueError as exc:
            raise ValidationError(str(exc), code="not_pdf") from exc
        self.instance.size = facts["size"]
        self.instance.page_count = facts["page_count"]
        self.instance.checksum = facts["checksum"]
        return upload
