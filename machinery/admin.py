from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.history_admin import HistoryAdmin, TranslatedHistoryAdmin

from .models import (
    AnalysisGroup,
    Candidacy,
    CoordinatorMandate,
    Mandate,
    Presidency,
    PresidencyBody,
    ReportedFigure,
    SuccessionReport,
    WorkingGroup,
)

SOURCE_FIELDS = (_("Source"), {"fields": ["source_symbol", "source_paragraph", "source_note"]})


@admin.register(WorkingGroup)
class WorkingGroupAdmin(TranslatedHistoryAdmin):
    list_display = ["short_name", "articles", "established_by", "order"]
    list_filter = ["established_by"]
    list_select_related = ["established_by"]
    search_fields = ["name", "short_name", "thematic_area", "articles"]
    prepopulated_fields = {"slug": ["short_name"]}
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "order", "thematic_area", "articles"]}),
        (_("Establishment"), {"fields": ["established_by", "established_on", "establishment_note"]}),
        SOURCE_FIELDS,
    ]


@admin.register(CoordinatorMandate)
class CoordinatorMandateAdmin(TranslatedHistoryAdmin):
    list_display = ["state", "working_group", "term_start", "term_end", "acceptance"]
    list_filter = ["working_group", "start_meeting", "end_meeting"]
    list_select_related = ["state", "working_group", "start_meeting", "end_meeting"]
    search_fields = ["state__name", "state__iso3", "working_group__name", "notes", "acceptance"]
    autocomplete_fields = ["state"]
    fieldsets = [
        (None, {"fields": ["state", "working_group"]}),
        (
            _("Term"),
            {
                "fields": ["start_meeting", "start_date", "start_precision", "end_meeting", "end_date"],
                "description": _(
                    "The term starts after the close of the meeting that appointed the coordinator, or on a "
                    "date; it ends at the end of a meeting (resolved to its last day once the days are known)."
                ),
            },
        ),
        (_("Notes"), {"fields": ["acceptance", "notes"]}),
        SOURCE_FIELDS,
    ]

    @admin.display(description=_("from"))
    def term_start(self, obj: CoordinatorMandate) -> str:
        return obj.start_display

    @admin.display(description=_("until"))
    def term_end(self, obj: CoordinatorMandate) -> str:
        return obj.end_display

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for warning in obj.record_warnings():
            messages.warning(request, warning)


@admin.register(Presidency)
class PresidencyAdmin(TranslatedHistoryAdmin):
    list_display = ["meeting", "state", "president_name", "designated_on"]
    list_filter = ["meeting__kind", "state__region"]
    list_select_related = ["meeting", "state"]
    search_fields = ["state__name", "meeting__code", "meeting__title", "president_name"]
    autocomplete_fields = ["state"]
    fieldsets = [
        (None, {"fields": ["meeting", "state", "president_name", "designated_on", "notes"]}),
        SOURCE_FIELDS,
    ]


@admin.register(Candidacy)
class CandidacyAdmin(HistoryAdmin):
    list_display = ["meeting", "state", "announced_on", "withdrawn_on"]
    list_filter = ["meeting"]
    list_select_related = ["meeting", "state"]
    search_fields = ["state__name", "meeting__code"]
    autocomplete_fields = ["state"]


@admin.register(SuccessionReport)
class SuccessionReportAdmin(TranslatedHistoryAdmin):
    list_display = ["meeting", "as_of", "as_of_label", "candidates_announced"]
    list_filter = ["meeting", "candidates_announced"]
    list_select_related = ["meeting"]
    search_fields = ["statement", "meeting__code", "source_note"]


@admin.register(Mandate)
class MandateAdmin(TranslatedHistoryAdmin):
    list_display = ["title", "body", "kind", "meeting", "source_symbol", "source_paragraph"]
    list_filter = ["body", "kind", "meeting"]
    list_select_related = ["meeting"]
    search_fields = ["title", "summary", "source_symbol", "source_paragraph"]
    filter_horizontal = ["working_groups", "observers"]


@admin.register(AnalysisGroup)
class AnalysisGroupAdmin(TranslatedHistoryAdmin):
    list_display = ["name", "article", "decision"]
    list_filter = ["article"]
    list_select_related = ["decision"]
    search_fields = ["name"]
    filter_horizontal = ["working_groups"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(PresidencyBody)
class PresidencyBodyAdmin(TranslatedHistoryAdmin):
    list_display = ["name", "presidency", "announced_on"]
    list_filter = ["presidency"]
    list_select_related = ["presidency__meeting", "presidency__state"]
    search_fields = ["name", "purpose", "composition"]
    filter_horizontal = ["members"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ReportedFigure)
class ReportedFigureAdmin(TranslatedHistoryAdmin):
    list_display = ["label", "value", "as_of"]
    list_filter = ["as_of"]
    list_select_related = []
    search_fields = ["label", "slug"]
