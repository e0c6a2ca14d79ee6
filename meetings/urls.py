from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting-list"),
    path("meetings/calendar.ics", views.meeting_calendar, name="meeting-calendar"),
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<slug:slug>/calendar.ics", views.meeting_detail_calendar, name="meeting-detail-calendar"),
    path("delegations/", views.delegation_list, name="delegation-list"),
    path("delegations/<str:key>/", views.delegation_detail, name="delegation-detail"),
]
