"""The history of records (django-simple-history), with content in three languages.

django-modeltranslation adds a column per language to a translated field (``title_en``,
``title_fr``, ``title_es``) once every model is loaded, after django-simple-history has built
the historical model from the fields the model had then: the historical tables keep one
column per translated field, the text in the language of the person who made the change (the
admin's language: English for the ISU), and the columns per language are left out of the
record (simple-history would otherwise give them to a historical model that lacks them)."""

from modeltranslation.fields import TranslationField
from simple_history.models import HistoricalRecords as BaseHistoricalRecords


class HistoricalRecords(BaseHistoricalRecords):
    def fields_included(self, model):
        return [f for f in super().fields_included(model) if not isinstance(f, TranslationField)]
