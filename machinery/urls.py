from django.urls import path

from . import views

app_name = "machinery"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("presidencies/", views.presidency_list, name="presidency-list"),
    path("working-groups/<slug:slug>/", views.working_group_detail, name="working-group-detail"),
]
