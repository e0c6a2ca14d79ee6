from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("delegations/", views.delegation_list, name="delegation-list"),
    path("delegations/<str:key>/", views.delegation_detail, name="delegation-detail"),
]
