from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.history_admin import HistoryAdmin, TranslatedHistoryAdmin

from .forms import ReportVersionForm
from .models import (
    Article3Obligation,
    Article4Obligation,
    Article7Report,
    ExtensionRequest,
    Reminder,
    ReportVersion,
    Retention,
)

SOURCE_FIELDS = (_("Source"), {"fields": ["source_symbol", "source_paragraph", "source_note"]})


class ReportVersionInline(admin.TabularInline):
    model = ReportVersion
    form = ReportVersionForm
    extra = 0
    fields = ["language", "file", "size", "page_count"]
    readonly_fields = ["size", "page_count"]


@admin.register(Article7Report)
class Article7ReportAdmin(TranslatedHistoryAdmin):
    list_display = ["state", "kind", "year", "received_on", "received_by"]
    list_filter = ["kind", "received_by", "year"]
    list_select_related = ["state"]
    search_fields = ["state__name", "state__iso3", "notes"]
    autocomplete_fields = ["state"]
    date_hierarchy = "received_on"
    inlines = [ReportVersionInline]
    fieldsets = [
        (None, {"fields": ["state", "kind", "year", "received_on", "received_by", "notes"]}),
        SOURCE_FIELDS,
    ]


@admin.register(ReportVersion)
class ReportVersionAdmin(HistoryAdmin):
    form = ReportVersionForm
    list_display = ["report", "language", "size", "page_count"]
    list_select_related = ["report__state"]
    list_filter = ["language"]
    search_fields = ["report__state__name"]
    raw_id_fields = ["report"]
    fields = ["report", "language", "file", "size", "page_count", "checksum"]
    readonly_fields = ["size", "page_count", "checksum"]


@admin.register(Article3Obligation)
class Article3ObligationAdmin(TranslatedHistoryAdmin):
    list_display = ["state", "declared_on", "completion_declared_on"]
    list_select_related = ["state"]
    search_fields = ["state__name", "state__iso3"]
    autocomplete_fields = ["state"]
    fieldsets = [
        (None, {"fields": ["state", "declared_on", "completion_declared_on", "notes"]}),
        SOURCE_FIELDS,
    ]


@admin.register(Retention)
class RetentionAdmin(TranslatedHistoryAdmin):
    list_display = ["state", "year", "cluster_munitions", "submunitions"]
    list_filter = ["year"]
    list_select_related = ["state"]
    search_fields = ["state__name", "state__iso3"]
    autocomplete_fields = ["state"]
    fieldsets = [
        (None, {"fields": ["state", "year", "cluster_munitions", "submunitions", "notes"]}),
        SOURCE_FIELDS,
    ]


@admin.register(Article4Obligation)
class Article4ObligationAdmin(TranslatedHistoryAdmin):
    list_display = ["state", "declared_on", "hostilities_ended_on", "completion_declared_on"]
    list_select_related = ["state"]
    search_fields = ["state__name", "state__iso3", "areas"]
    autocomplete_fields = ["state"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "state",
                    "declared_on",
                    "areas",
                    "hostilities_ended_on",
                    "completion_declared_on",
                    "notes",
                ]
            },
        ),
        SOURCE_FIELDS,
    ]


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(TranslatedHistoryAdmin):
    list_display = ["state", "article", "submitted_on", "period_months", "deciding_meeting", "decision"]
    list_filter = ["article", "decision", "deciding_meeting"]
    list_select_related = ["state", "deciding_meeting"]
    search_fields = ["state__name", "state__iso3", "decision_symbol"]
    autocomplete_fields = ["state"]
    raw_id_fields = ["deciding_meeting"]
    fieldsets = [
        (None, {"fields": ["article", "state", "submitted_on", "period_months"]}),
        (
            _("Decision"),
            {
                "fields": [
                    "deciding_meeting",
                    "decision",
                    "decision_symbol",
                    "decision_paragraph",
                    "new_deadline",
                    "notes",
                ]
            },
        ),
        SOURCE_FIELDS,
    ]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """The reminders mailed (reporting/reminders.py): a record staff read, never edit, since a
    row is what keeps a State from being mailed twice."""

    list_display = ["state", "year", "kind", "sent_at", "recipients"]
    list_filter = ["kind", "year"]
    list_select_related = ["state"]
    search_fields = ["state__name", "state__iso3", "recipients"]
    date_hierarchy = "sent_at"
    readonly_fields = ["state", "year", "kind", "sent_at", "recipients"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
