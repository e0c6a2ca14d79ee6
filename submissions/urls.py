from django.urls import path, re_path

from .views import delegation, dispositions, isu, merging, public

app_name = "submissions"

urlpatterns = [
    # Delegations (signed in)
    path("", delegation.index, name="index"),
    path("drafts/<slug:slug>/versions/<int:number>/", delegation.version_detail, name="version-detail"),
    path(
        "drafts/<slug:slug>/versions/<int:number>/compare/",
        delegation.version_compare,
        name="version-compare",
    ),
    path("drafts/<slug:slug>/versions/<int:number>/text.docx", delegation.version_docx, name="version-docx"),
    path(
        "drafts/<slug:slug>/versions/<int:number>/start/",
        delegation.submission_start,
        name="submission-start",
    ),
    path("<int:pk>/", delegation.submission_detail, name="submission-detail"),
    path("<int:pk>/comments/new/", delegation.comment_create, name="comment-create"),
    path("<int:pk>/comments/<int:comment_pk>/edit/", delegation.comment_edit, name="comment-edit"),
    path("<int:pk>/comments/<int:comment_pk>/delete/", delegation.comment_delete, name="comment-delete"),
    path("<int:pk>/attachments/", delegation.attachment_upload, name="attachment-upload"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        delegation.attachment_download,
        name="attachment-download",
    ),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/delete/",
        delegation.attachment_delete,
        name="attachment-delete",
    ),
    path("<int:pk>/consent/", delegation.submission_consent, name="submission-consent"),
    path("<int:pk>/submit/", delegation.submission_submit, name="submission-submit"),
    path("<int:pk>/reopen/", delegation.submission_reopen, name="submission-reopen"),
    path("<int:pk>/withdraw/", delegation.submission_withdraw, name="submission-withdraw"),
    path("<int:pk>/receipts/<int:number>/", delegation.receipt, name="receipt"),
    path("<int:pk>/receipts/<int:number>.pdf", delegation.receipt_pdf, name="receipt-pdf"),
    # Public
    path("drafts/<slug:slug>/", public.draft_detail, name="draft-detail"),
    path("drafts/<slug:slug>/evolution/", public.draft_evolution, name="draft-evolution"),
    path("drafts/<slug:slug>/published/<int:pk>/", public.published_detail, name="published-detail"),
    path(
        "drafts/<slug:slug>/versions/<int:number>/dispositions/",
        dispositions.disposition_table,
        name="disposition-table",
    ),
    re_path(
        r"^drafts/(?P<slug>[-a-zA-Z0-9_]+)/versions/(?P<number>[0-9]+)/dispositions\.(?P<fmt>pdf|docx)$",
        dispositions.disposition_table_file,
        name="disposition-table-file",
    ),
    # ISU staff
    path("isu/", isu.isu_index, name="isu-index"),
    path("isu/submissions/", isu.isu_submission_list, name="isu-submission-list"),
    path("isu/submissions/<int:pk>/", isu.isu_submission_detail, name="isu-submission-detail"),
    path("isu/submissions/<int:pk>/publication/", isu.isu_publish, name="isu-publish"),
    path("isu/comments/<int:pk>/disposition/", isu.isu_disposition, name="isu-disposition"),
    path("isu/statistics/", isu.isu_statistics, name="isu-statistics"),
    path("isu/drafts/<slug:slug>/versions/new/", isu.isu_version_create, name="isu-version-create"),
    path("isu/windows/<int:pk>/extend/", isu.isu_window_extend, name="isu-window-extend"),
    path("isu/versions/<int:pk>/compilation/", isu.isu_compilation, name="isu-compilation"),
    path(
        "isu/versions/<int:pk>/compilation/status/",
        isu.isu_compilation_status,
        name="isu-compilation-status",
    ),
    path("isu/versions/<int:pk>/merge/", merging.isu_merge, name="isu-merge"),
    path("isu/versions/<int:pk>/merge/build/", merging.isu_merge_build, name="isu-merge-build"),
    path("isu/amendments/<int:pk>/decision/", merging.isu_amendment_decision, name="isu-amendment-decision"),
    path(
        "isu/versions/<int:pk>/dispositions/",
        dispositions.isu_disposition_table,
        name="isu-disposition-table",
    ),
    path(
        "isu/versions/<int:pk>/dispositions/publication/",
        dispositions.isu_disposition_table_publication,
        name="isu-disposition-table-publication",
    ),
    re_path(
        r"^isu/versions/(?P<pk>[0-9]+)/dispositions\.(?P<fmt>pdf|docx)$",
        dispositions.isu_disposition_table_file,
        name="isu-disposition-table-file",
    ),
    re_path(
        r"^isu/versions/(?P<pk>[0-9]+)/compilation\.(?P<fmt>pdf|csv|docx)$",
        isu.isu_compilation_file,
        name="isu-compilation-file",
    ),
]
