"""Public addresses of the document register. Symbols keep their slashes:
/documents/CCM/CONF/2021/6/ and /documents/CCM/CONF/2021/6/en.pdf; documents without a
symbol live at /documents/<slug>/."""

from django.urls import path, re_path

from ccm_portal.lib.cache import public_page

from . import views
from .feeds import LatestDocumentsFeed

app_name = "documents"

LANGUAGE = r"(?P<language>ar|en|es|fr|ru|zh)"
SYMBOL = r"(?P<symbol>[A-Za-z]+/[^\s]+?)"  # at least one slash; parsed and checked by the view

urlpatterns = [
    path("", views.document_list, name="document-list"),
    path("feed/", public_page(LatestDocumentsFeed()), name="document-feed"),
    re_path(rf"^{SYMBOL}/{LANGUAGE}\.pdf$", views.rendition_pdf, name="rendition-pdf"),
    # The language versions alone, polled while a PDF is being rendered (static/js/status.js).
    re_path(rf"^{SYMBOL}/versions/$", views.document_status, name="document-status"),
    re_path(r"^(?P<slug>[-\w]+)/versions/$", views.document_status_by_slug, name="document-status-slug"),
    re_path(rf"^{SYMBOL}/$", views.document_detail, name="document-detail"),
    re_path(rf"^(?P<slug>[-\w]+)/{LANGUAGE}\.pdf$", views.rendition_pdf_by_slug, name="rendition-pdf-slug"),
    path("<slug:slug>/", views.document_detail_by_slug, name="document-detail-slug"),
]
