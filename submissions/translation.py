"""The drafts' titles and versions in English, French and Spanish (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Draft, DraftVersion


@register(Draft)
class DraftTranslation(TranslationOptions):
    fields = ("title", "description", "next_step")


@register(DraftVersion)
class DraftVersionTranslation(TranslationOptions):
    fields = ("label",)
