"""Reporting's notes in English, French and Spanish (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Article3Obligation, Article4Obligation, Article7Report, ExtensionRequest, Retention


@register(Article7Report)
class Article7ReportTranslation(TranslationOptions):
    fields = ("notes",)


@register(Article3Obligation)
class Article3ObligationTranslation(TranslationOptions):
    fields = ("notes",)


@register(Retention)
class RetentionTranslation(TranslationOptions):
    fields = ("notes",)


@register(Article4Obligation)
class Article4ObligationTranslation(TranslationOptions):
    fields = ("areas", "notes")


@register(ExtensionRequest)
class ExtensionRequestTranslation(TranslationOptions):
    fields = ("notes",)
