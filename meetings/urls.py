from django.urls import path

from . import views

app_name = "meetings"

# A meeting's page (meeting-detail) and a delegation's page (delegation-detail) show other apps'
# records too: they live in pages/, and the root URLconf adds them to this namespace.
urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting-list"),
    path("meetings/calendar.ics", views.meeting_calendar, name="meeting-calendar"),
    path("meetings/<slug:slug>/calendar.ics", views.meeting_detail_calendar, name="meeting-detail-calendar"),
    path("delegations/", views.delegation_list, name="delegation-list"),
]
