"""The meetings' content in English, French and Spanish (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import AgendaItem, Delegation, Meeting, RegionalGroup


@register(RegionalGroup)
class RegionalGroupTranslation(TranslationOptions):
    fields = ("name",)


@register(Delegation)
class DelegationTranslation(TranslationOptions):
    fields = ("name",)


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = (
        "title",
        "summary",
        "dates_note",
        "parts",
        "convened_as",
        "overflow_area",
        "field_visit",
        "logistics_note",
        "notes",
    )


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title", "outcome")
