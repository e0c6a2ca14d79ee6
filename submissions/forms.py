from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.deadlines import DeadlineExtensionForm
from meetings.models import Delegation, RegionalGroup

from .models import Comment, DraftVersion, ReportingCategory, Submission, VersionParagraph
from .parsing import ParseError, docx_to_structured_text, parse_structured_text
from .uploads import UploadRefused, check_upload


class CommentForm(forms.Form):
    """A comment on one paragraph: a remark, an amendment, a deletion or a new paragraph."""

    kind = forms.ChoiceField(
        label=_("What do you propose?"), choices=Comment.Kind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Your comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Your remark or the reason for the change you propose."),
    )
    proposed_text = forms.CharField(
        label=_("Proposed text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "For an amendment: the whole paragraph as you would have it (it is shown as a change against "
            "the current text). For a new paragraph: its text."
        ),
    )

    def __init__(self, *args, paragraph: VersionParagraph | None, **kwargs):
        self.paragraph = paragraph
        super().__init__(*args, **kwargs)
        if paragraph is None:
            self.fields["kind"].choices = [(Comment.Kind.COMMENT, Comment.Kind.COMMENT.label)]
            self.fields["kind"].initial = Comment.Kind.COMMENT
            self.fields["kind"].widget = forms.HiddenInput()
            del self.fields["proposed_text"]
            self.fields["text"].label = _("General comment")
            self.fields["text"].help_text = ""

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        text = (data.get("text") or "").strip()
        proposed = (data.get("proposed_text") or "").strip()
        if kind == Comment.Kind.COMMENT and not text:
            self.add_error("text", _("Write your comment."))
        if kind == Comment.Kind.AMENDMENT:
            if not proposed:
                self.add_error("proposed_text", _("Give the paragraph as you would have it."))
            elif self.paragraph and " ".join(proposed.split()) == " ".join(self.paragraph.text.split()):
                self.add_error(
                    "proposed_text", _("The proposed text is the same as the current text: change it.")
                )
        if kind == Comment.Kind.ADDITION and not proposed:
            self.add_error("proposed_text", _("Give the text of the new paragraph."))
        return data


class ConsentForm(forms.Form):
    consent_to_publish = forms.BooleanField(
        label=_("My delegation agrees that the ISU may publish this submission on the portal"),
        required=False,
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word (DOCX) or OpenDocument (ODT); up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt"}),
        error_messages={
            "required": _("Choose a file to attach: a PDF, Word (DOCX) or OpenDocument (ODT) file."),
            "empty": _("The file is empty: choose the file again, or another one."),
        },
    )

    def clean_file(self):
        try:
            return check_upload(self.cleaned_data["file"])
        except UploadRefused as error:
            raise forms.ValidationError(str(error)) from None


class VersionForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=120, help_text=_("Zero draft, revised draft..."))
    circulated_on = forms.DateField(
        label=_("Circulated on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    text = forms.CharField(
        label=_("Structured text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "“# ” starts a part, “## ” a heading, “12. ” a numbered paragraph; other lines continue "
            "the paragraph above."
        ),
    )
    docx = forms.FileField(
        label=_("Or a Word file (.docx)"),
        required=False,
        help_text=_("Heading 1 starts a part, Heading 2 a heading; numbered paragraphs keep their numbers."),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
    )
    tracked_changes = forms.ChoiceField(
        label=_("Tracked changes still in the Word file"),
        choices=[("accept", _("Read them as accepted")), ("reject", _("Read them as rejected"))],
        initial="accept",
        required=False,
        help_text=_("Changes you accepted or rejected in Word are already part of the text."),
    )

    def clean(self):
        data = super().clean()
        text, upload = data.get("text") or "", data.get("docx")
        if bool(text.strip()) == bool(upload):
            raise forms.ValidationError(
                _("Paste the structured text or choose a Word file (one of the two).")
            )
        field = "text"
        self.source_name = ""
        if upload:
            field = "docx"
            try:
                checked = check_upload(upload, allowed=("docx",))
                text = docx_to_structured_text(
                    checked.content, accept_changes=data.get("tracked_changes") != "reject"
                )
                self.source_name = checked.name
            except (UploadRefused, ParseError) as error:
                self.add_error("docx", str(error))
                return data
        try:
            data["paragraphs"] = parse_structured_text(text)
        except ParseError as error:
            self.add_error(field, str(error))
        return data


class ExtensionForm(DeadlineExtensionForm):
    """The extension of a submission window's deadline (the form shared with registration)."""


class DispositionForm(forms.Form):
    disposition = forms.ChoiceField(label=_("Disposition"), choices=[("", "—"), *Comment.Disposition.choices])
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SubmissionFilterForm(forms.Form):
    version = forms.ModelChoiceField(
        label=_("Version"),
        queryset=DraftVersion.objects.select_related("draft").order_by("draft__title", "number"),
        required=False,
        empty_label=_("All versions"),
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("All")), *ReportingCategory.choices], required=False
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=RegionalGroup.objects.all(),
        required=False,
        empty_label=_("All"),
        to_field_name="slug",
    )
    paragraph = forms.CharField(label=_("Paragraph number"), required=False, max_length=20)
    state = forms.ChoiceField(
        label=_("State"), choices=[("", _("All")), *Submission.State.choices], required=False
    )


class StatisticsForm(forms.Form):
    version = forms.ModelChoiceField(
        label=_("Version"),
        queryset=DraftVersion.objects.select_related("draft").order_by("draft__title", "number"),
        empty_label=None,
    )
    on = forms.DateField(label=_("As of"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean_on(self) -> date:
        day = self.cleaned_data["on"]
        if not date(2000, 1, 1) <= day <= date(2099, 12, 31):  # 9999-12-31 has no end of day
            raise forms.ValidationError(_("Give a date between 2000 and 2099."))
        return day


class InviteFocalPointForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Full name"), required=False, max_length=200)
    delegation = forms.ModelChoiceField(label=_("Delegation"), queryset=Delegation.objects.order_by("name"))


class AmendmentDecisionForm(forms.Form):
    """The ISU's decision on one amendment, on the page that builds the next version."""

    disposition = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("", "—"),
            (Comment.Disposition.TAKEN_UP, _("Accept")),
            (Comment.Disposition.PARTLY, _("Accept with changes")),
            (Comment.Disposition.NOT_TAKEN_UP, _("Do not accept")),
        ],
    )
    text = forms.CharField(
        label=_("Text taken up"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For “accept with changes”: the paragraph as taken up; an empty line splits it in two."),
    )
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("disposition") == Comment.Disposition.PARTLY and not data.get("text", "").strip():
            self.add_error("text", _("Give the text as it is taken up."))
        if data.get("disposition") == Comment.Disposition.NOT_TAKEN_UP and not data.get("reason", "").strip():
            self.add_error("reason", _("Give the reason why the amendment is not taken up."))
        return data


class BuildVersionForm(forms.Form):
    label = forms.CharField(label=_("Label of the new version"), max_length=120, initial=_("Revised draft"))
    circulated_on = forms.DateField(
        label=_("Circulated on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
