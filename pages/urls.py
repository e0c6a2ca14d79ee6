from django.urls import path

from . import views

# The home page, at the root of the site (the name "home", in no namespace).
urlpatterns = [
    path("", views.home, name="home"),
]

# A meeting's and a delegation's page keep the addresses and the names they had in the
# meetings app (meetings:meeting-detail, meetings:delegation-detail), which the models'
# get_absolute_url() reverse: the root URLconf puts these patterns into the meetings namespace,
# beside that app's own pages, so the meetings app never imports this one.
meetings_urlpatterns = [
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting-detail"),
    path("delegations/<str:key>/", views.delegation_detail, name="delegation-detail"),
]
