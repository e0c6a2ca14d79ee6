"""Admin of the document register: documents with their language versions inline, the render
state of each version, a re-render action, upload checks, and documents generated from a
meeting's records."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ccm_portal.lib.history_admin import TranslatedHistoryAdmin

from . import services
from .forms import DocumentAdminForm, GenerateForm, RenditionInlineForm
from .models import Document, Rendition


class RenditionInline(admin.StackedInline):
    model = Rendition
    form = RenditionInlineForm
    extra = 0
    fields = [
        ("language", "source"),
        "title",
        "body",
        "file",
        ("state_badge", "size", "page_count", "ready_at"),
        "error",
        "checksum",
    ]
    readonly_fields = ["state_badge", "size", "page_count", "ready_at", "error", "checksum"]
    verbose_name = _("language version")
    verbose_name_plural = _(
        "language versions (one per language: upload a PDF, or leave it to be rendered from the text)"
    )

    @admin.display(description=_("state"))
    def state_badge(self, obj: Rendition) -> str:
        if not obj.pk:
            return "—"
        return obj.get_state_display()


@admin.register(Document)
class DocumentAdmin(TranslatedHistoryAdmin):
    form = DocumentAdminForm
    inlines = [RenditionInline]
    list_display = ["reference_display", "title", "kind", "meeting", "date", "status", "versions"]
    list_filter = ["status", "kind", "distribution", "original_language", "meeting"]
    list_select_related = ["meeting"]
    search_fields = ["symbol", "title", "slug", "summary"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["meeting", "agenda_item", "related_to"]
    filter_horizontal = ["submitting_delegations"]
    readonly_fields = ["published_at", "render_status", "cited_by", "generated"]
    actions = ["publish_selected", "rerender_selected"]
    change_list_template = "documents/admin_change_list.html"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "symbol",
                    "slug",
                    "title",
                    "title_is_descriptive",
                    "kind",
                    "status",
                    "published_at",
                    "render_status",
                ]
            },
        ),
        (_("Meeting"), {"fields": ["meeting", "agenda_item", "date"]}),
        (
            _("Submitted by"),
            {"fields": ["submitted_by", "submitting_delegations", "submitted_by_note"]},
        ),
        (
            _("Issue"),
            {
                "fields": [
                    "distribution",
                    "original_language",
                    "original_only",
                    "without_formal_editing",
                    "advance_copy",
                    "editorial_note",
                ]
            },
        ),
        (_("Relations"), {"fields": ["relation", "related_to", "cited_by"]}),
        (_("Text"), {"fields": ["summary", "body", "notes", "generated"]}),
    ]

    class Media:
        js = ["js/status.js"]  # the PDFs' render state updates by itself

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("renditions")

    def _render_status_html(self, document: Document) -> str:
        renditions = list(document.renditions.all()) if document.pk else []
        pending = [r for r in renditions if r.state in (Rendition.State.QUEUED, Rendition.State.RENDERING)]
        status_url = (
            reverse("admin:documents_document_render_status", args=[document.pk]) if document.pk else ""
        )
        return render_to_string(
            "documents/_admin_render_status.html",
            {"renditions": renditions, "pending": pending, "status_url": status_url},
        )

    @admin.display(description=_("PDFs"))
    def render_status(self, obj: Document) -> str:
        return self._render_status_html(obj)  # rendered by a template: autoescaped and safe

    def render_status_view(self, request, object_id):
        """The render state of the document's PDFs, as the fragment static/js/status.js polls."""
        document = get_object_or_404(Document, pk=object_id)
        if not self.has_view_or_change_permission(request, document):
            raise PermissionDenied
        response = HttpResponse(self._render_status_html(document))
        add_never_cache_headers(response)
        return response

    @admin.display(description=_("symbol"), ordering="symbol")
    def reference_display(self, obj: Document) -> str:
        return obj.symbol or format_html('<span title="{}">{}</span>', _("no symbol yet"), obj.slug)

    @admin.display(description=_("language versions"))
    def versions(self, obj: Document) -> str:
        renditions = list(obj.renditions.all())
        if not renditions:
            return "—"
        return format_html_join(
            ", ",
            "{} ({}){}",
            (
                (
                    r.language,
                    r.get_state_display(),
                    f": {r.error[:80]}" if r.state == Rendition.State.FAILED else "",
                )
                for r in renditions
            ),
        )

    @admin.display(description=_("cited by"))
    def cited_by(self, obj: Document) -> str:
        if not obj.symbol:
            return "—"
        citing = Document.objects.filter(citations__symbol=obj.symbol).distinct()
        return format_html_join(", ", "{}", ((d.reference,) for d in citing)) or "—"

    # Saving goes through the services: the search vector, citations, uploads and renders.

    def save_model(self, request, obj, form, change):
        was = form.initial.get("status") if change else None
        request._publish_document = (
            obj.status == Document.Status.PUBLISHED and was != Document.Status.PUBLISHED
        )
        if request._publish_document:
            obj.status = was or Document.Status.DRAFT  # publish() makes the transition
        services.save_document(obj, by=request.user, queue=False)

    def save_formset(self, request, form, formset, change):
        instances = formset.save()
        if formset.model is Rendition:
            uploaded = [f.instance for f in formset.forms if "file" in f.changed_data and f.instance.file]
            for rendition in uploaded:
                services.accept_upload(rendition)
            request._renditions_changed = bool(instances or formset.deleted_objects)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        document = form.instance
        if getattr(request, "_publish_document", False):
            services.publish(document, by=request.user)
        elif form.has_changed() or getattr(request, "_renditions_changed", False):
            services.queue_renders(document, force=True)
        else:
            services.queue_renders(document)

    @admin.action(description=_("Publish the selected documents (renders their PDFs)"))
    def publish_selected(self, request, queryset):
        count = 0
        for document in queryset:
            if document.status != Document.Status.PUBLISHED:
                services.publish(document, by=request.user)
                count += 1
        self.message_user(
            request,
            ngettext("%(count)d document published.", "%(count)d documents published.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Render the PDFs of the selected documents again"))
    def rerender_selected(self, request, queryset):
        with transaction.atomic():
            queued = sum(len(services.queue_renders(d, force=True)) for d in queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d language version queued for rendering.",
                "%(count)d language versions queued for rendering.",
                queued,
            )
            % {"count": queued},
            messages.SUCCESS,
        )

    # Documents generated from a meeting's records.

    def get_urls(self):
        urls = super().get_urls()
        generate = path(
            "generate/",
            self.admin_site.admin_view(self.generate_view),
            name="documents_document_generate",
        )
        render_status = path(
            "<int:object_id>/render-status/",
            self.admin_site.admin_view(self.render_status_view),
            name="documents_document_render_status",
        )
        return [generate, render_status, *urls]

    def generate_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = GenerateForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            meeting = form.cleaned_data["meeting"]
            if form.cleaned_data["what"] == Document.Generated.PROVISIONAL_AGENDA:
                document = services.generate_provisional_agenda(meeting, by=request.user)
            else:
                document = services.generate_list_of_participants(meeting, by=request.user)
            self.message_user(
                request,
                _("“%(title)s” of %(meeting)s written from the records; its PDF is being rendered.")
                % {"title": document.title, "meeting": meeting},
                messages.SUCCESS,
            )
            return redirect(reverse("admin:documents_document_change", args=[document.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Generate a document from a meeting's records"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "documents/admin_generate.html", context)
