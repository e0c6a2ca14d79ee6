"""Under /meetings/<slug>/registration/ (and /fr/, /es/)."""

from django.urls import path

from .views import delegation, isu

app_name = "registration"

urlpatterns = [
    path("", delegation.registration_detail, name="registration-detail"),
    path("members/add/", delegation.participant_form, name="participant-add"),
    path("members/<int:pk>/", delegation.participant_form, name="participant-edit"),
    path("members/<int:pk>/remove/", delegation.participant_remove, name="participant-remove"),
    path("letter/", delegation.letter_form, name="letter-edit"),
    path("letter/<int:pk>.pdf", delegation.letter_download, name="letter-download"),
    path("withdraw/", delegation.registration_withdraw, name="registration-withdraw"),
    path("isu/", isu.isu_list, name="isu-list"),
    path("isu/decide/", isu.isu_decide, name="isu-decide"),
    path("isu/export.csv", isu.isu_export, name="isu-export"),
    path("isu/extensions/", isu.isu_extend, name="isu-extend"),
    path("isu/seating/", isu.isu_seating, name="isu-seating"),
    path("isu/<int:pk>/", isu.isu_detail, name="isu-detail"),
]
