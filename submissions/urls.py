from django.urls import path, re_path

from . import views

app_name = "submissions"

urlpatterns = [
    # Delegations (signed in)
    path("", views.index, name="index"),
    path("drafts/<slug:slug>/versions/<int:number>/", views.version_detail, name="version-detail"),
    path("drafts/<slug:slug>/versions/<int:number>/compare/", views.version_compare, name="version-compare"),
    path("drafts/<slug:slug>/versions/<int:number>/start/", views.submission_start, name="submission-start"),
    path("<int:pk>/", views.submission_detail, name="submission-detail"),
    path("<int:pk>/comments/new/", views.comment_create, name="comment-create"),
    path("<int:pk>/comments/<int:comment_pk>/edit/", views.comment_edit, name="comment-edit"),
    path("<int:pk>/comments/<int:comment_pk>/delete/", views.comment_delete, name="comment-delete"),
    path("<int:pk>/attachments/", views.attachment_upload, name="attachment-upload"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment-download"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/delete/", views.attachment_delete, name="attachment-delete"
    ),
    path("<int:pk>/consent/", views.submission_consent, name="submission-consent"),
    path("<int:pk>/submit/", views.submission_submit, name="submission-submit"),
    path("<int:pk>/reopen/", views.submission_reopen, name="submission-reopen"),
    path("<int:pk>/withdraw/", views.submission_withdraw, name="submission-withdraw"),
    path("<int:pk>/receipts/<int:number>/", views.receipt, name="receipt"),
    path("<int:pk>/receipts/<int:number>.pdf", views.receipt_pdf, name="receipt-pdf"),
    # Public
    path("drafts/<slug:slug>/", views.draft_detail, name="draft-detail"),
    path("drafts/<slug:slug>/published/<int:pk>/", views.published_detail, name="published-detail"),
    # ISU staff
    path("isu/", views.isu_index, name="isu-index"),
    path("isu/submissions/", views.isu_submission_list, name="isu-submission-list"),
    path("isu/submissions/<int:pk>/", views.isu_submission_detail, name="isu-submission-detail"),
    path("isu/submissions/<int:pk>/publication/", views.isu_publish, name="isu-publish"),
    path("isu/comments/<int:pk>/disposition/", views.isu_disposition, name="isu-disposition"),
    path("isu/statistics/", views.isu_statistics, name="isu-statistics"),
    path("isu/drafts/<slug:slug>/versions/new/", views.isu_version_create, name="isu-version-create"),
    path("isu/windows/<int:pk>/extend/", views.isu_window_extend, name="isu-window-extend"),
    path("isu/versions/<int:pk>/compilation/", views.isu_compilation, name="isu-compilation"),
    path(
        "isu/versions/<int:pk>/compilation/status/",
        views.isu_compilation_status,
        name="isu-compilation-status",
    ),
    re_path(
        r"^isu/versions/(?P<pk>[0-9]+)/compilation\.(?P<fmt>pdf|csv)$",
        views.isu_compilation_file,
        name="isu-compilation-file",
    ),
]
