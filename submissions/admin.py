from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from ccm_portal.lib.history_admin import HistoryAdmin, TranslatedHistoryAdmin

from . import services
from .forms import InviteFocalPointForm
from .models import (
    Comment,
    Compilation,
    Draft,
    DraftVersion,
    FocalPoint,
    ReportedStatistic,
    Submission,
    SubmissionRevision,
    SubmissionWindow,
    VersionParagraph,
    WindowExtension,
)


class NoRevertHistoryAdmin(HistoryAdmin):
    """History to read, never to revert: these records change only through the services
    (guarded state transitions, the delegation's own words), and a revert would write every
    field of the old version, read-only ones included (HistoryAdmin refuses the POST)."""

    def revert_disabled(self, request, obj=None):
        return True


@admin.register(FocalPoint)
class FocalPointAdmin(NoRevertHistoryAdmin):
    list_display = ["user", "delegation", "invited_at", "invited_by", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter), "delegation__kind", "delegation__region"]
    search_fields = ["user__email", "user__full_name", "delegation__name", "delegation__iso3"]
    list_select_related = ["user", "delegation", "invited_by"]
    readonly_fields = ["user", "delegation", "invited_at", "invited_by", "revoked_at", "revoked_by"]
    actions = ["revoke", "invite_again"]

    def get_urls(self):
        return [
            path(
                "invite/", self.admin_site.admin_view(self.invite_view), name="submissions_focalpoint_invite"
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        return redirect("admin:submissions_focalpoint_invite")

    def invite_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = InviteFocalPointForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                role = services.invite_focal_point(
                    email=form.cleaned_data["email"],
                    full_name=form.cleaned_data["full_name"],
                    delegation=form.cleaned_data["delegation"],
                    by=request.user,
                    base_url=request.build_absolute_uri("/"),
                )
            except services.Refused as refusal:
                form.add_error("email", str(refusal))
            else:
                self.message_user(
                    request,
                    _("Invitation sent to %(email)s, focal point of %(delegation)s.")
                    % {"email": role.user.email, "delegation": role.delegation},
                    messages.SUCCESS,
                )
                return redirect("admin:submissions_focalpoint_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Invite a focal point"),
            "form": form,
        }
        return TemplateResponse(request, "submissions/admin/invite_focal_point.html", context)

    @admin.action(description=_("Revoke the selected focal points"))
    def revoke(self, request, queryset):
        count = 0
        for role in queryset.filter(revoked_at__isnull=True):
            services.revoke_focal_point(role, by=request.user)
            count += 1
        self.message_user(request, _("%(n)s focal point(s) revoked.") % {"n": count}, messages.SUCCESS)

    @admin.action(description=_("Send the invitation again"))
    def invite_again(self, request, queryset):
        count = 0
        for role in queryset.filter(revoked_at__isnull=True).select_related("user", "delegation"):
            services.invite_focal_point(
                email=role.user.email,
                delegation=role.delegation,
                by=request.user,
                base_url=request.build_absolute_uri("/"),
            )
            count += 1
        self.message_user(request, _("%(n)s invitation(s) sent again.") % {"n": count}, messages.SUCCESS)


class DraftVersionInline(TranslationTabularInline):
    model = DraftVersion
    fields = ["number", "label", "circulated_on", "text_held", "source_name"]
    readonly_fields = ["source_name"]
    extra = 0
    show_change_link = True


@admin.register(Draft)
class DraftAdmin(TranslatedHistoryAdmin):
    list_display = ["title", "code", "meeting", "is_demo", "new_version_link"]
    list_filter = ["meeting", "is_demo"]
    search_fields = ["title", "code", "description"]
    list_select_related = ["meeting"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [DraftVersionInline]

    @admin.display(description=_("new version"))
    def new_version_link(self, obj: Draft) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("submissions:isu-version-create", args=[obj.slug]),
            _("Paste or upload"),
        )


class VersionParagraphInline(admin.TabularInline):
    model = VersionParagraph
    fields = ["position", "number", "part", "heading", "text"]
    extra = 0


@admin.register(DraftVersion)
class DraftVersionAdmin(TranslatedHistoryAdmin):
    list_display = ["draft", "number", "label", "circulated_on", "text_held", "text_public"]
    list_filter = ["draft", "text_held", "text_public"]
    search_fields = ["draft__title", "label"]
    list_select_related = ["draft"]
    readonly_fields = ["created_at", "created_by", "source_name"]
    inlines = [VersionParagraphInline]


class WindowExtensionInline(admin.TabularInline):
    model = WindowExtension
    fields = ["delegation", "new_deadline", "decided_by", "reason", "recorded_at", "recorded_by"]
    readonly_fields = ["recorded_at", "recorded_by"]
    autocomplete_fields = ["delegation"]
    extra = 0


@admin.register(SubmissionWindow)
class SubmissionWindowAdmin(HistoryAdmin):
    list_display = ["version", "opens_at", "original_deadline", "deadline_in_force", "time_zone"]
    list_filter = ["version__draft", "time_zone"]
    search_fields = ["version__draft__title", "version__label"]
    list_select_related = ["version__draft"]
    inlines = [WindowExtensionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("extensions")

    @admin.display(description=_("deadline in force"))
    def deadline_in_force(self, obj: SubmissionWindow) -> str:
        return obj.deadline_display()

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, WindowExtension) and instance.recorded_by_id is None:
                instance.recorded_by = request.user
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()


@admin.register(ReportedStatistic)
class ReportedStatisticAdmin(HistoryAdmin):
    list_display = [
        "version",
        "as_of",
        "states_parties",
        "states_not_party",
        "un_agencies",
        "other_organisations",
    ]
    list_filter = ["version__draft"]
    search_fields = ["version__draft__title", "reported_by", "source"]
    list_select_related = ["version__draft"]


class CommentInline(admin.StackedInline):
    model = Comment
    fields = ["paragraph", "kind", "text", "proposed_text", "removed_at", "disposition", "disposition_note"]
    readonly_fields = ["paragraph", "kind", "text", "proposed_text", "removed_at"]
    extra = 0
    can_delete = False


class RevisionInline(admin.TabularInline):
    model = SubmissionRevision
    fields = ["number", "receipt_number", "submitted_at", "submitted_by", "withdrawn_at", "receipt_mailed_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Submission)
class SubmissionAdmin(NoRevertHistoryAdmin):
    list_display = [
        "delegation",
        "version",
        "state",
        "standing_receipt",
        "consent_to_publish",
        "published_at",
        "updated_at",
    ]
    list_filter = ["state", "consent_to_publish", "version__draft", "delegation__kind", "delegation__region"]
    search_fields = ["delegation__name", "delegation__iso3", "revisions__receipt_number"]
    list_select_related = ["delegation", "version__draft"]
    readonly_fields = [
        "version",
        "delegation",
        "state",
        "consent_to_publish",
        "created_at",
        "created_by",
        "updated_at",
        "published_revision",
        "published_at",
        "published_by",
        "standing_receipt",
    ]
    inlines = [RevisionInline, CommentInline]

    def get_queryset(self, request):
        # As on the ISU pages: a delegation's work is seen once it has been submitted.
        return super().get_queryset(request).ever_submitted().prefetch_related("revisions")

    @admin.display(description=_("standing revision"))
    def standing_receipt(self, obj: Submission) -> str:
        revision = obj.standing_revision()
        return revision.receipt_number if revision else "—"

    def has_add_permission(self, request):
        return False


@admin.register(Comment)
class CommentAdmin(NoRevertHistoryAdmin):
    list_display = ["submission", "paragraph", "kind", "disposition"]
    list_filter = ["kind", "disposition", "submission__version__draft"]
    search_fields = ["text", "proposed_text", "submission__delegation__name"]
    list_select_related = ["submission__delegation", "submission__version__draft", "paragraph"]
    readonly_fields = [
        "submission",
        "paragraph",
        "kind",
        "text",
        "proposed_text",
        "removed_at",
        "disposition_at",
        "disposition_by",
    ]
    fields = [
        *readonly_fields[:6],
        "disposition",
        "disposition_note",
        "adopted_text",
        "disposition_at",
        "disposition_by",
    ]

    def get_queryset(self, request):
        # Comments of submissions never submitted are the delegation's own work in progress.
        return super().get_queryset(request).ever_submitted()

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        if "adopted_text" in form.changed_data:
            services.record_decision(
                obj,
                disposition=obj.disposition,
                reason=obj.disposition_note,
                text=obj.adopted_text,
                by=request.user,
            )
        elif {"disposition", "disposition_note"} & set(form.changed_data):
            services.record_disposition(
                obj, disposition=obj.disposition, note=obj.disposition_note, by=request.user
            )
        else:
            super().save_model(request, obj, form, change)


@admin.register(Compilation)
class CompilationAdmin(admin.ModelAdmin):
    list_display = ["version", "state", "requested_at", "finished_at", "comment_count"]
    list_filter = ["state"]
    search_fields = ["version__draft__title"]
    list_select_related = ["version__draft"]
    readonly_fields = [f.name for f in Compilation._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(SubmissionRevision)
class SubmissionRevisionAdmin(admin.ModelAdmin):
    list_display = ["receipt_number", "submission", "submitted_at", "withdrawn_at"]
    list_filter = ["submission__version__draft"]
    search_fields = ["receipt_number", "submission__delegation__name"]
    list_select_related = ["submission__delegation", "submission__version__draft"]
    readonly_fields = [f.name for f in SubmissionRevision._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
