"""The machinery's content in English, French and Spanish (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    AnalysisGroup,
    CoordinatorMandate,
    Mandate,
    Presidency,
    PresidencyBody,
    ReportedFigure,
    SuccessionReport,
    WorkingGroup,
)


@register(Mandate)
class MandateTranslation(TranslationOptions):
    fields = ("title", "summary", "notes")


@register(WorkingGroup)
class WorkingGroupTranslation(TranslationOptions):
    fields = ("name", "short_name", "thematic_area", "establishment_note")


@register(PresidencyBody)
class PresidencyBodyTranslation(TranslationOptions):
    fields = ("name", "purpose", "composition")


@register(AnalysisGroup)
class AnalysisGroupTranslation(TranslationOptions):
    fields = ("name", "support_roles", "consults")


@register(CoordinatorMandate)
class CoordinatorMandateTranslation(TranslationOptions):
    fields = ("acceptance", "notes")


@register(Presidency)
class PresidencyTranslation(TranslationOptions):
    fields = ("notes",)


@register(SuccessionReport)
class SuccessionReportTranslation(TranslationOptions):
    fields = ("as_of_label", "statement")


@register(ReportedFigure)
class ReportedFigureTranslation(TranslationOptions):
    fields = ("label",)
