"""The consultations' content in English, French and Spanish (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Intervention, Position, Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Intervention)
class InterventionTranslation(TranslationOptions):
    fields = ("summary",)


@register(Position)
class PositionTranslation(TranslationOptions):
    fields = ("statement",)
