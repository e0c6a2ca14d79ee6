"""The admin base class of every model that keeps its history."""

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose "Revert" needs the right to change the record.

    django-simple-history shows a past version to anyone who may view the record, and saves it
    back when that page is POSTed, even for a user with the view permission only (it merely
    hides the button). Here the POST is refused whenever the button would be hidden:
    ``revert_disabled`` (view only, or a ModelAdmin that forbids reverts)."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if self.revert_disabled(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class TranslatedHistoryAdmin(TranslationAdmin, HistoryAdmin):
    """HistoryAdmin of a model whose content is kept in English, French and Spanish (its app's
    translation.py): each translated field is edited as three fields, one per language, the
    English one first (django-modeltranslation's TranslationAdmin, without its tabs, whose
    script and stylesheet come from outside the portal).

    The model's own validation names the field (``title``); the form has ``title_en`` etc.:
    such an error is shown on the English field rather than breaking the page."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (EnglishErrorsForm, form), {"__module__": form.__module__})


class EnglishErrorsForm(forms.BaseForm):
    """A form whose errors on a translated field go to that field's English version."""

    def _english(self, name):
        if name is None or name in self.fields or f"{name}_en" not in self.fields:
            return name
        return f"{name}_en"

    def add_error(self, field, error):
        if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            error = ValidationError(
                {self._english(name): errors for name, errors in error.error_dict.items()}
            )
        elif isinstance(error, dict):
            error = {self._english(name): errors for name, errors in error.items()}
        super().add_error(self._english(field), error)
