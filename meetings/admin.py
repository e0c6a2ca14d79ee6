from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Delegation, RegionalGroup
from .treaty import TreatyStatus


@admin.register(RegionalGroup)
class RegionalGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "order"]
    prepopulated_fields = {"slug": ["name"]}


class StatusTodayFilter(admin.SimpleListFilter):
    title = _("status today")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return TreatyStatus.choices

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        today = timezone.localdate()
        # The status is derived in Python from the dated record; States are few (under 200).
        keep = [d.pk for d in queryset.states() if d.status_on(today) == self.value()]
        return queryset.filter(pk__in=keep)


@admin.register(Delegation)
class DelegationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "iso3", "kind", "region", "category", "status_today", "entry_into_force"]
    list_filter = ["kind", "region", "category", StatusTodayFilter]
    search_fields = ["name", "iso3", "acronym", "slug"]
    list_select_related = ["region"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["status_today", "entry_into_force"]
    fieldsets = [
        (None, {"fields": ["kind", "name", "slug", "acronym", "iso3", "region", "category"]}),
        (
            _("Treaty record (States)"),
            {
                "fields": [
                    "signed",
                    "signature_date",
                    "deposited",
                    "deposit_type",
                    "deposit_date",
                    "entry_into_force_date",
                    "withdrawal_notification_date",
                    "withdrawal_effective_date",
                    "record_as_of",
                    "entry_into_force",
                    "status_today",
                ],
                "description": _("The status is derived from these dates; it is never entered by hand."),
            },
        ),
        (_("Sources and notes"), {"fields": ["sources", "notes"]}),
    ]

    @admin.display(description=_("status today"))
    def status_today(self, obj: Delegation) -> str:
        return obj.status_label if obj.is_state else "—"

    @admin.display(description=_("entry into force (derived)"))
    def entry_into_force(self, obj: Delegation):
        return obj.entry_into_force or "—"


from .document_admin import DocumentAdmin  # noqa: E402, F401
