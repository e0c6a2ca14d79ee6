from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("reports/<int:pk>/<str:language>.pdf", views.report_pdf, name="report-pdf"),
    path("mandate/", views.mandate, name="mandate"),
    path("mandate.csv", views.mandate_csv, name="mandate-csv"),
    path("import/", views.report_import, name="report-import"),
]
