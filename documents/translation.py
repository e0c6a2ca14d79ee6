"""The documents' titles and synopses in English, French and Spanish (django-modeltranslation).
The document's language versions (renditions, six languages) are another matter."""

from modeltranslation.translator import TranslationOptions, register

from .models import Document


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title", "summary", "submitted_by_note", "editorial_note")
