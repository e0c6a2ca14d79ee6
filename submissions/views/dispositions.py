"""The disposition table of a version: the ISU prepares it, downloads its own edition (every
text) and publishes it; the public reads the published table and downloads its PDF and Word
files, without the text of delegations that did not agree to publication. Unpublished, it is a
404 for everyone but the ISU."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from .. import services
from ..models import DispositionTable, DraftVersion
from ..permissions import is_isu
from ..services.dispositions import consent_withdrawn, consenting_delegations
from ..wordml import DOCX_CONTENT_TYPE
from .isu import staff_required

CONTENT_TYPES = {"pdf": "application/pdf", "docx": DOCX_CONTENT_TYPE}


def _file_response(field_file, *, fmt: str):
    if not field_file:
        raise Http404
    return FileResponse(
        field_file.open("rb"),
        as_attachment=fmt != "pdf",
        filename=field_file.name.rsplit("/", 1)[-1],
        content_type=CONTENT_TYPES[fmt],
    )


def _get_table_for_reader(request, slug: str, number: int) -> DispositionTable:
    """A ready table; published for the public, published or not for the ISU (a preview)."""
    table = get_object_or_404(
        DispositionTable.objects.select_related("version__draft"),
        version__draft__slug=slug,
        version__number=number,
        state=DispositionTable.State.READY,
    )
    if not table.is_published and not is_isu(request.user):
        raise Http404
    return table


@require_safe
def disposition_table(request, slug: str, number: int):
    table = _get_table_for_reader(request, slug, number)
    consenting = consenting_delegations(table.version)
    sections = services.readable_sections(table.sections, public=True, consenting=consenting)
    return render(
        request,
        "submissions/disposition_table.html",
        {
            "table": table,
            "version": table.version,
            "draft": table.version.draft,
            "sections": sections,
            "files": not consent_withdrawn(table, consenting),
        },
    )


@require_safe
def disposition_table_file(request, slug: str, number: int, fmt: str):
    table = _get_table_for_reader(request, slug, number)
    if consent_withdrawn(table, consenting_delegations(table.version)):
        raise Http404  # the files still hold a text whose delegation no longer agrees
    return _file_response(table.public_pdf if fmt == "pdf" else table.public_docx, fmt=fmt)


# --- the ISU's ------------------------------------------------------------------------------


def _version(pk: int) -> DraftVersion:
    return get_object_or_404(DraftVersion.objects.select_related("draft"), pk=pk)


@staff_required
def isu_disposition_table(request, pk: int):
    version = _version(pk)
    if request.method == "POST":
        table = services.request_disposition_table(version, by=request.user)
        table.refresh_from_db()  # tasks may run in-process: it may be ready already
        if table.state == DispositionTable.State.READY:
            messages.success(request, _("The disposition table is ready: its files are below."))
        else:
            messages.success(
                request, _("The disposition table has been queued; reload this page in a moment.")
            )
        return redirect("submissions:isu-disposition-table", pk=version.pk)
    table = DispositionTable.objects.filter(version=version).first()
    return render(request, "submissions/isu_disposition_table.html", {"version": version, "table": table})


@staff_required
@require_POST
def isu_disposition_table_publication(request, pk: int):
    table = get_object_or_404(DispositionTable.objects.select_related("version__draft"), version_id=pk)
    if request.POST.get("action") == "unpublish":
        services.unpublish_disposition_table(table, by=request.user)
        messages.success(request, _("The disposition table was taken off the public pages."))
    else:
        try:
            services.publish_disposition_table(table, by=request.user)
        except services.Refused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("The disposition table is published."))
    return redirect("submissions:isu-disposition-table", pk=pk)


@staff_required
@require_safe
def isu_disposition_table_file(request, pk: int, fmt: str):
    table = get_object_or_404(DispositionTable, version_id=pk, state=DispositionTable.State.READY)
    return _file_response(table.pdf if fmt == "pdf" else table.docx, fmt=fmt)
