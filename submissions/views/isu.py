"""The ISU's pages: drafts and versions with their submissions, dispositions, publication,
statistics, deadline extensions and compilations. Staff only: a 404 for everyone else signed
in, sign-in for anonymous visitors."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from .. import services
from ..forms import DispositionForm, ExtensionForm, StatisticsForm, SubmissionFilterForm, VersionForm
from ..models import (
    Comment,
    Compilation,
    Draft,
    DraftVersion,
    ReportingCategory,
    Submission,
    SubmissionRevision,
    SubmissionWindow,
    WindowExtension,
    reporting_category,
)
from ..permissions import is_isu
from ..wordml import DOCX_CONTENT_TYPE


def staff_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_isu(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


# --- ISU pages ------------------------------------------------------------------------------


@staff_required
@require_safe
def isu_index(request):
    versions = list(
        DraftVersion.objects.with_window()
        .select_related("compilation")
        .annotate(
            submitted_count=Count(
                "submissions", filter=Q(submissions__revisions__isnull=False), distinct=True
            ),
            paragraph_count=Count("paragraphs", distinct=True),
        )
        .order_by("draft__title", "number")
    )
    drafts = list(Draft.objects.select_related("meeting").order_by("title"))
    for draft in drafts:
        draft.version_list = [v for v in versions if v.draft_id == draft.pk]
    return render(request, "submissions/isu_index.html", {"drafts": drafts})


@staff_required
@require_safe
def isu_submission_list(request):
    form = SubmissionFilterForm(request.GET or None)
    submissions = (
        Submission.objects.ever_submitted()
        .select_related("version__draft", "delegation__region")
        .prefetch_related(Prefetch("revisions", queryset=SubmissionRevision.objects.order_by("number")))
        .annotate(comment_count=Count("comments", filter=Q(comments__removed_at__isnull=True), distinct=True))
        .order_by("version__draft__title", "version__number", "delegation__name")
        .distinct()
    )
    category = ""
    if form.is_valid():
        data = form.cleaned_data
        if data["version"]:
            submissions = submissions.filter(version=data["version"])
        if data["region"]:
            submissions = submissions.filter(delegation__region=data["region"])
        if data["state"]:
            submissions = submissions.filter(state=data["state"])
        if data["paragraph"]:
            submissions = submissions.filter(
                comments__paragraph__number=data["paragraph"].strip().lower(),
                comments__removed_at__isnull=True,
            )
        category = data["category"]
    today = timezone.localdate()
    rows = []
    for submission in submissions:
        submission.category = reporting_category(submission.delegation, today)
        if category and submission.category != category:
            continue
        submission.category_label = ReportingCategory(submission.category).label
        rows.append((submission, submission.latest_revision()))
    return render(request, "submissions/isu_submission_list.html", {"form": form, "rows": rows})


def _isu_submission(pk: int) -> Submission:
    return get_object_or_404(
        Submission.objects.ever_submitted()
        .select_related("version__draft", "delegation__region", "published_revision")
        .prefetch_related(Prefetch("revisions", queryset=SubmissionRevision.objects.order_by("number"))),
        pk=pk,
    )


def _isu_submission_page(request, submission: Submission, bound: dict | None = None, status: int = 200):
    revision = submission.latest_revision()
    comments = revision.comments_for_display()
    live = {c.pk: c for c in Comment.objects.filter(pk__in=[c["id"] for c in comments])}
    for data in comments:
        comment = live.get(data["id"])
        data["live"] = comment
        data["form"] = (bound or {}).get(data["id"]) or DispositionForm(
            initial={"disposition": comment.disposition, "note": comment.disposition_note}
            if comment
            else None,
            prefix=f"c{data['id']}",
        )
    return render(
        request,
        "submissions/isu_submission_detail.html",
        {
            "submission": submission,
            "revision": revision,
            "standing": submission.standing_revision(),
            "revisions": list(submission.revisions.all()),
            "comments": comments,
            "category": ReportingCategory(
                reporting_category(submission.delegation, timezone.localdate())
            ).label,
        },
        status=status,
    )


@staff_required
@require_safe
def isu_submission_detail(request, pk: int):
    return _isu_submission_page(request, _isu_submission(pk))


@staff_required
@require_POST
def isu_disposition(request, pk: int):
    comment = get_object_or_404(Comment.objects.ever_submitted(), pk=pk)
    form = DispositionForm(request.POST, prefix=f"c{comment.pk}")
    if not form.is_valid():
        return _isu_submission_page(
            request, _isu_submission(comment.submission_id), {comment.pk: form}, status=400
        )
    services.record_disposition(
        comment, disposition=form.cleaned_data["disposition"], note=form.cleaned_data["note"], by=request.user
    )
    messages.success(request, _("The disposition was recorded."))
    return redirect(
        reverse("submissions:isu-submission-detail", args=[comment.submission_id]) + f"#c-{comment.pk}"
    )


@staff_required
@require_POST
def isu_publish(request, pk: int):
    submission = _isu_submission(pk)
    try:
        if request.POST.get("action") == "unpublish":
            services.unpublish(submission, by=request.user)
            messages.success(request, _("The submission was taken off the public page."))
        else:
            services.publish(submission, by=request.user)
            messages.success(request, _("The submission is published on the draft's public page."))
    except services.Refused as refusal:
        messages.error(request, str(refusal))
    return redirect("submissions:isu-submission-detail", pk=submission.pk)


@staff_required
@require_safe
def isu_statistics(request):
    versions = DraftVersion.objects.select_related("draft").order_by("draft__title", "number")
    default_version = versions.filter(window__isnull=False).first() or versions.first()
    data = request.GET.copy()
    data.setdefault("on", timezone.localdate().isoformat())
    if default_version:
        data.setdefault("version", str(default_version.pk))
    form = StatisticsForm(data)
    stats = None
    if form.is_valid():
        version = (
            DraftVersion.objects.prefetch_related("reported_statistics")
            .select_related("draft", "window")
            .get(pk=form.cleaned_data["version"].pk)
        )
        stats = services.statistics(version, on=form.cleaned_data["on"])
        form.version_obj = version
    return render(request, "submissions/isu_statistics.html", {"form": form, "stats": stats})


@staff_required
def isu_version_create(request, slug: str):
    draft = get_object_or_404(Draft, slug=slug)
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        version = services.create_version(
            draft=draft,
            label=form.cleaned_data["label"],
            paragraphs=form.cleaned_data["paragraphs"],
            circulated_on=form.cleaned_data["circulated_on"],
            source_name=form.source_name or _("pasted text"),
            by=request.user,
        )
        messages.success(
            request,
            _("%(label)s was created with %(n)s paragraphs.")
            % {"label": version.label, "n": len(form.cleaned_data["paragraphs"])},
        )
        return redirect("submissions:version-compare", slug=draft.slug, number=version.number)
    return render(
        request,
        "submissions/isu_version_form.html",
        {"draft": draft, "form": form},
        status=400 if form.errors else 200,
    )


@staff_required
def isu_window_extend(request, pk: int):
    window = get_object_or_404(
        SubmissionWindow.objects.select_related("version__draft").prefetch_related(
            Prefetch(
                "extensions", queryset=WindowExtension.objects.select_related("delegation", "recorded_by")
            )
        ),
        pk=pk,
    )
    form = ExtensionForm(request.POST or None, window=window)
    if request.method == "POST" and form.is_valid():
        try:
            services.extend_window(
                window,
                new_deadline=form.cleaned_data["new_deadline"],
                decided_by=form.cleaned_data["decided_by"],
                reason=form.cleaned_data["reason"],
                delegation=form.cleaned_data["delegation"],
                by=request.user,
            )
        except services.Refused as refusal:
            form.add_error("new_date", str(refusal))
        else:
            messages.success(request, _("The extension was recorded."))
            return redirect("submissions:isu-window-extend", pk=window.pk)
    return render(
        request,
        "submissions/isu_window_extend.html",
        {"window": window, "form": form, "extensions": list(window.extensions.all())},
        status=400 if form.errors else 200,
    )


@staff_required
def isu_compilation(request, pk: int):
    version = get_object_or_404(DraftVersion.objects.select_related("draft"), pk=pk)
    if request.method == "POST":
        compilation = services.request_compilation(version, by=request.user)
        compilation.refresh_from_db()  # tasks may run in-process: it may be ready already
        if compilation.state == Compilation.State.READY:
            messages.success(request, _("The compilation is ready: its PDF and CSV files are below."))
        else:
            messages.success(
                request, _("The compilation has been queued; this page shows when its files are ready.")
            )
        return redirect("submissions:isu-compilation", pk=version.pk)
    compilation = Compilation.objects.filter(version=version).first()
    return render(
        request, "submissions/isu_compilation.html", {"version": version, "compilation": compilation}
    )


@never_cache
@staff_required
@require_safe
def isu_compilation_status(request, pk: int):
    """The compilation's state, as the fragment that static/js/status.js polls while it is prepared."""
    version = get_object_or_404(DraftVersion.objects.select_related("draft"), pk=pk)
    compilation = Compilation.objects.filter(version=version).first()
    return render(
        request, "submissions/_compilation_status.html", {"version": version, "compilation": compilation}
    )


@staff_required
@require_safe
def isu_compilation_file(request, pk: int, fmt: str):
    compilation = get_object_or_404(Compilation, version_id=pk, state=Compilation.State.READY)
    field_file = {"pdf": compilation.pdf, "csv": compilation.csv, "docx": compilation.docx}[fmt]
    if not field_file:
        raise Http404
    content_type = {"pdf": "application/pdf", "csv": "text/csv; charset=utf-8", "docx": DOCX_CONTENT_TYPE}[
        fmt
    ]
    return FileResponse(
        field_file.open("rb"),
        as_attachment=fmt != "pdf",
        filename=field_file.name.rsplit("/", 1)[-1],
        content_type=content_type,
    )
