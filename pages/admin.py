"""The meeting's page in the admin, with its interventions.

ISU staff record a consultation in one sitting, item by item: the agenda items, the delegations
present and who said what under each item belong on one page, as they did before. The meetings
app registers its MeetingAdmin knowing nothing of consultations; this layer, which may know
both, registers in its place a subclass with the interventions added (the documented way to
extend another app's admin). Each intervention's topics are edited on its own page in the
consultations admin, which also lists the interventions by meeting."""

from django.contrib import admin

from consultations.admin import InterventionInline
from meetings.admin import MeetingAdmin
from meetings.models import Meeting


class MeetingWithInterventionsAdmin(MeetingAdmin):
    inlines = [*MeetingAdmin.inlines, InterventionInline]


admin.site.unregister(Meeting)
admin.site.register(Meeting, MeetingWithInterventionsAdmin)
