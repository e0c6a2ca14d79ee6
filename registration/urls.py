"""Under /meetings/<slug>/registration/ (and /fr/, /es/). Every page's refusals (403, 404) to a
signed-in person are written to the security log."""

from django.urls import path

from .security import log_refusals
from .views import delegation, isu, printing

app_name = "registration"

urlpatterns = [
    path(route, log_refusals(view), name=name)
    for route, view, name in [
        ("", delegation.registration_detail, "registration-detail"),
        ("members/add/", delegation.participant_form, "participant-add"),
        ("members/<int:pk>/", delegation.participant_form, "participant-edit"),
        ("members/<int:pk>/remove/", delegation.participant_remove, "participant-remove"),
        ("letter/", delegation.letter_form, "letter-edit"),
        ("letter/<int:pk>.pdf", delegation.letter_download, "letter-download"),
        ("withdraw/", delegation.registration_withdraw, "registration-withdraw"),
        ("isu/", isu.isu_list, "isu-list"),
        ("isu/decide/", isu.isu_decide, "isu-decide"),
        ("isu/export.csv", isu.isu_export, "isu-export"),
        ("isu/export.xlsx", isu.isu_export_xlsx, "isu-export-xlsx"),
        ("isu/extensions/", isu.isu_extend, "isu-extend"),
        ("isu/seating/", isu.isu_seating, "isu-seating"),
        ("isu/seating.pdf", printing.isu_seating_pdf, "isu-seating-pdf"),
        ("isu/name-plates.pdf", printing.isu_name_plates, "isu-name-plates"),
        ("isu/participants/", printing.isu_participants_list, "isu-participants"),
        ("isu/badges.pdf", printing.isu_badges, "isu-badges"),
        ("isu/check-in/", printing.isu_check_in, "isu-check-in"),
        ("isu/<int:pk>/", isu.isu_detail, "isu-detail"),
    ]
]
