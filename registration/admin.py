from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.history_admin import HistoryAdmin

from .models import (
    DelegationRegistration,
    Participant,
    RegistrationExtension,
    RegistrationPeriod,
    SeatingLayout,
    SecurityEvent,
)


class RegistrationExtensionInline(admin.TabularInline):
    model = RegistrationExtension
    fields = ["delegation", "new_deadline", "decided_by", "reason", "recorded_at", "recorded_by"]
    readonly_fields = ["recorded_at", "recorded_by"]
    autocomplete_fields = ["delegation"]
    extra = 0


@admin.register(RegistrationPeriod)
class RegistrationPeriodAdmin(HistoryAdmin):
    list_display = ["meeting", "opens_at", "original_deadline", "deadline_in_force", "credentials_required"]
    list_select_related = ["meeting"]
    search_fields = ["meeting__title", "meeting__code"]
    autocomplete_fields = ["meeting"]
    readonly_fields = ["personal_data_erased_at"]
    inlines = [RegistrationExtensionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("extensions")

    @admin.display(description=_("deadline in force"))
    def deadline_in_force(self, obj: RegistrationPeriod) -> str:
        return obj.deadline_display()

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, RegistrationExtension) and instance.recorded_by_id is None:
                instance.recorded_by = request.user
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()


class ParticipantInline(admin.TabularInline):
    model = Participant
    fields = ["name", "title", "function", "role", "email", "gender", "field_visit", "consent_to_publish"]
    extra = 0


@admin.register(DelegationRegistration)
class DelegationRegistrationAdmin(HistoryAdmin):
    list_display = ["delegation", "meeting", "state", "credentials", "registered_at"]
    list_filter = ["state", "credentials", "meeting"]
    list_select_related = ["delegation", "meeting"]
    search_fields = ["delegation__name", "meeting__title"]
    autocomplete_fields = ["delegation", "meeting"]
    readonly_fields = [
        "letter_name",
        "letter_size",
        "letter_sha256",
        "registered_at",
        "registered_by",
        "decided_at",
        "decided_by",
    ]
    inlines = [ParticipantInline]


@admin.register(SeatingLayout)
class SeatingLayoutAdmin(HistoryAdmin):
    list_display = ["meeting", "first_state", "seats_per_row"]
    list_select_related = ["meeting", "first_state"]
    autocomplete_fields = ["meeting", "first_state"]


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """The security log: superusers only, and read-only (nobody edits or deletes it here)."""

    list_display = ["at", "user", "action", "meeting", "delegation", "detail", "address"]
    list_filter = ["action"]
    list_select_related = ["user", "meeting", "delegation"]
    date_hierarchy = "at"

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
