from django.contrib import admin
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from ccm_portal.lib.history_admin import TranslatedHistoryAdmin
from meetings.models import AgendaItem

from .models import Intervention, Position, Topic


@admin.register(Topic)
class TopicAdmin(TranslatedHistoryAdmin):
    list_display = ["name", "slug", "order"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    list_filter = ["order"]
    list_select_related = []


class PositionInline(TranslationTabularInline):
    model = Position
    fields = ["topic", "statement"]
    extra = 1


@admin.register(Intervention)
class InterventionAdmin(TranslatedHistoryAdmin):
    list_display = ["delegation", "role", "meeting", "agenda_item", "order"]
    # Only the meetings that have interventions: staff find a consultation's record here too.
    list_filter = [
        "role",
        ("meeting", admin.RelatedOnlyFieldListFilter),
        "meeting__kind",
        "topics",
        "delegation__region",
    ]
    search_fields = ["summary", "delegation__name", "meeting__title", "agenda_item__title"]
    list_select_related = ["delegation", "meeting", "agenda_item"]
    autocomplete_fields = ["meeting", "agenda_item", "delegation"]
    inlines = [PositionInline]


class InterventionInline(TranslationStackedInline):
    """A meeting's interventions, for the meeting's page in the admin. Registered nowhere here:
    the meetings app knows nothing of consultations, so the admin page that shows a meeting with
    its interventions is put together in the layer above (pages/admin.py)."""

    model = Intervention
    fields = [("agenda_item", "delegation", "role", "order"), "summary"]
    autocomplete_fields = ["delegation"]
    extra = 0
    show_change_link = True

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agenda_item":
            meeting_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
            kwargs["queryset"] = AgendaItem.objects.filter(meeting_id=meeting_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
