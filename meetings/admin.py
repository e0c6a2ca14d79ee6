from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from ccm_portal.lib.history_admin import HistoryAdmin, TranslatedHistoryAdmin

from . import services
from .models import AgendaItem, Delegation, Meeting, Participation, RegionalGroup
from .treaty import TreatyStatus


@admin.register(RegionalGroup)
class RegionalGroupAdmin(TranslatedHistoryAdmin):
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
class DelegationAdmin(TranslatedHistoryAdmin):
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


class AgendaItemInline(TranslationTabularInline):
    model = AgendaItem
    fields = ["order", "number", "title", "parent", "status", "outcome"]
    extra = 0
    show_change_link = True

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Offer as parents only the items of the meeting being edited.
        if db_field.name == "parent":
            meeting_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
            kwargs["queryset"] = AgendaItem.objects.filter(meeting_id=meeting_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ParticipationInline(admin.TabularInline):
    model = Participation
    fields = [
        "delegation",
        "head_of_delegation",
        "members",
        "front_row_seats",
        "back_row_seats",
        "overflow_seats",
        "field_visit",
    ]
    autocomplete_fields = ["delegation"]
    extra = 0


class PreparatoryMeetingInline(admin.TabularInline):
    model = Meeting
    fk_name = "prepares"
    fields = ["title", "kind", "start_date", "status"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name = _("preparatory meeting or event")
    verbose_name_plural = _("preparatory meetings and events")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(TranslatedHistoryAdmin):
    list_display = ["title", "code", "kind", "date_display", "venue_display", "status", "is_formal"]
    list_filter = ["kind", "status", "is_formal", "regional_group", "date_precision"]
    search_fields = ["title", "code", "slug", "city", "building", "summary"]
    list_select_related = ["country"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["country", "convened_by", "prepares"]
    # The interventions are added in the layer above (pages/admin.py), by a subclass.
    inlines = [AgendaItemInline, ParticipationInline, PreparatoryMeetingInline]
    actions = ["duplicate_as_template"]
    fieldsets = [
        (None, {"fields": ["kind", "code", "title", "slug", "is_formal", "status", "prepares"]}),
        (
            _("Dates and times"),
            {
                "fields": [
                    ("start_date", "end_date"),
                    "date_precision",
                    "parts",
                    "dates_note",
                    ("start_time", "end_time"),
                    "time_zone",
                ],
                "description": _(
                    "A meeting known only to the month is stored as the 1st of the month with “Month "
                    "only”: it is shown as “September 2026” and is not put in calendars."
                ),
            },
        ),
        (_("Venue"), {"fields": ["room", "building", "city", "country"]}),
        (_("Convener"), {"fields": ["convened_by", "convened_as", "regional_group"]}),
        (_("Summary"), {"fields": ["summary"]}),
        (
            _("Logistics"),
            {
                "fields": [
                    ("delegation_size", "delegation_size_limit"),
                    ("front_row_seats", "back_row_seats"),
                    "overflow_area",
                    "field_visit",
                    "logistics_note",
                ]
            },
        ),
        (_("Notes and sources"), {"fields": ["notes", "sources"]}),
    ]

    @admin.display(description=_("dates"), ordering="start_date")
    def date_display(self, obj: Meeting) -> str:
        return obj.date_display

    @admin.display(description=_("venue"))
    def venue_display(self, obj: Meeting) -> str:
        return obj.venue_display

    @admin.action(description=_("Duplicate as a template for the next meeting of its kind"))
    def duplicate_as_template(self, request, queryset):
        copies = [services.duplicate_meeting(meeting, by=request.user) for meeting in queryset]
        for copy in copies:
            self.message_user(
                request,
                format_html(
                    str(_('Created <a href="{}">{}</a>: set its dates, then check its agenda.')),
                    reverse("admin:meetings_meeting_change", args=[copy.pk]),
                    copy,
                ),
                messages.SUCCESS,
            )
        if len(copies) == 1:
            return HttpResponseRedirect(reverse("admin:meetings_meeting_change", args=[copies[0].pk]))
        return None


@admin.register(AgendaItem)
class AgendaItemAdmin(TranslatedHistoryAdmin):
    list_display = ["__str__", "meeting", "parent", "order", "status"]
    list_filter = ["status", "meeting__kind"]
    search_fields = ["title", "number", "meeting__title", "meeting__code"]
    list_select_related = ["meeting", "parent"]
    autocomplete_fields = ["meeting", "parent"]


@admin.register(Participation)
class ParticipationAdmin(HistoryAdmin):
    list_display = ["delegation", "meeting", "head_of_delegation", "front_row_seats", "back_row_seats"]
    list_filter = ["meeting__kind", "field_visit"]
    search_fields = ["delegation__name", "meeting__title", "meeting__code", "head_of_delegation"]
    list_select_related = ["delegation", "meeting"]
    autocomplete_fields = ["meeting", "delegation"]
