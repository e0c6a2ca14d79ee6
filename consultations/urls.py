from django.urls import path

from . import views

app_name = "consultations"

urlpatterns = [
    path("", views.consultation_list, name="consultation-list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic-detail"),
]
