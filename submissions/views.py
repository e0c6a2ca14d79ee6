"""Pages of the submissions app.

Delegation pages load everything through ``_get_submission_for_owner``: another delegation's
submission is a 404, whatever its state, so nothing leaks. ISU pages are staff-only (404 for
everyone else signed in). Anonymous visitors are sent to sign in, except on the public pages of
a draft and its published submissions.
"""

from collections import OrderedDict
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from ccm_portal.lib.ratelimit import limited

from . import services
from .diffing import word_diff
from .forms import (
    AttachmentForm,
    CommentForm,
    ConsentForm,
    DispositionForm,
    ExtensionForm,
    StatisticsForm,
    SubmissionFilterForm,
    VersionForm,
)
from .models import (
    Attachment,
    Comment,
    Compilation,
    Draft,
    DraftVersion,
    ReportingCategory,
    Submission,
    SubmissionRevision,
    SubmissionWindow,
    VersionParagraph,
    WindowExtension,
    reporting_category,
)
from .permissions import (
    acting_delegation,
    can_edit_submission,
    can_read_drafts,
    can_start_submission,
    can_view_submission,
    is_isu,
)

# --- access helpers -------------------------------------------------------------------------


# Changes to a submission: at most SUBMISSIONS_RATE_LIMIT POSTs per person (a 429 page after).
write_limited = limited("submissions", setting="SUBMISSIONS_RATE_LIMIT")


def staff_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_isu(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _versions():
    return DraftVersion.objects.select_related("draft__meeting", "window").prefetch_related(
        "window__extensions"
    )


def _get_version_for_reader(request, slug: str, number: int) -> DraftVersion:
    if not can_read_drafts(request.user):
        raise Http404
    return get_object_or_404(_versions(), draft__slug=slug, number=number)


def _get_submission_for_owner(request, pk: int) -> Submission:
    delegation = acting_delegation(request.user)
    return get_object_or_404(
        Submission.objects.for_delegation(delegation)
        .select_related("version__draft", "version__window", "delegation")
        .prefetch_related("version__window__extensions"),
        pk=pk,
    )


def _get_submission_for_viewer(request, pk: int) -> Submission:
    submission = get_object_or_404(Submission.objects.select_related("version__draft", "delegation"), pk=pk)
    if not can_view_submission(request.user, submission):
        raise Http404
    return submission


def _window(version: DraftVersion) -> SubmissionWindow | None:
    return getattr(version, "window", None)


def _group_paragraphs(paragraphs):
    """Paragraphs grouped by part, then heading, keeping the version's order."""
    parts: OrderedDict = OrderedDict()
    for p in paragraphs:
        parts.setdefault(p.part, OrderedDict()).setdefault(p.heading, []).append(p)
    return [(part, list(headings.items())) for part, headings in parts.items()]


# --- public pages ---------------------------------------------------------------------------


@require_safe
def draft_detail(request, slug: str):
    """A draft, its versions and windows, and the submissions published with consent."""
    draft = get_object_or_404(Draft.objects.select_related("meeting"), slug=slug)
    versions = list(_versions().filter(draft=draft).annotate(paragraph_count=Count("paragraphs")))
    published = (
        Submission.objects.filter(version__draft=draft, published_revision__isnull=False)
        .select_related("delegation", "version", "published_revision")
        .order_by("version__number", "delegation__name")
    )
    return render(
        request,
        "submissions/draft_detail.html",
        {
            "draft": draft,
            "versions": versions,
            "published": published,
            "can_read": can_read_drafts(request.user),
        },
    )


@require_safe
def published_detail(request, slug: str, pk: int):
    submission = get_object_or_404(
        Submission.objects.select_related("version__draft", "delegation", "published_revision"),
        pk=pk,
        version__draft__slug=slug,
        published_revision__isnull=False,
    )
    revision = submission.published_revision
    return render(
        request,
        "submissions/published_detail.html",
        {"submission": submission, "revision": revision, "comments": _annotated_comments(revision.comments)},
    )


def _annotated_comments(comments: list[dict]) -> list[dict]:
    return [
        dict(
            c,
            kind_label=Comment.Kind(c["kind"]).label,
            diff=word_diff(c["paragraph_text"], c["proposed_text"])
            if c["kind"] == Comment.Kind.AMENDMENT
            else [],
        )
        for c in comments
    ]


# --- delegation pages -----------------------------------------------------------------------


@login_required
@require_safe
def index(request):
    """Drafts open for comment and the delegation's own submissions."""
    delegation = acting_delegation(request.user)
    now = timezone.now()
    versions = list(_versions().filter(window__isnull=False).order_by("draft__title", "number"))
    open_versions = [v for v in versions if delegation and can_start_submission(request.user, v, at=now)]
    mine = list(
        Submission.objects.for_delegation(delegation)
        .select_related("version__draft", "version__window")
        .prefetch_related("revisions", "version__window__extensions")
        .annotate(comment_count=Count("comments", filter=Q(comments__removed_at__isnull=True)))
        .order_by("version__draft__title", "version__number")
    )
    started = {s.version_id for s in mine}
    drafts = Draft.objects.select_related("meeting").order_by("title")
    return render(
        request,
        "submissions/index.html",
        {
            "delegation": delegation,
            "open_versions": open_versions,
            "mine": [(s, services.latest_revision(s)) for s in mine],
            "started": started,
            "drafts": drafts,
            "is_isu": is_isu(request.user),
        },
    )


@login_required
@require_safe
def version_detail(request, slug: str, number: int):
    version = _get_version_for_reader(request, slug, number)
    delegation = acting_delegation(request.user)
    mine = Submission.objects.filter(version=version, delegation=delegation).first() if delegation else None
    return render(
        request,
        "submissions/version_detail.html",
        {
            "version": version,
            "draft": version.draft,
            "window": _window(version),
            "parts": _group_paragraphs(version.paragraphs.all()),
            "delegation": delegation,
            "mine": mine,
            "can_start": mine is None and can_start_submission(request.user, version, at=timezone.now()),
        },
    )


@login_required
@require_safe
def version_compare(request, slug: str, number: int):
    version = _get_version_for_reader(request, slug, number)
    previous, changes = services.version_changes(version)
    return render(
        request,
        "submissions/version_compare.html",
        {
            "version": version,
            "draft": version.draft,
            "previous": previous,
            "changes": changes,
            "is_isu": is_isu(request.user),
        },
    )


@login_required
@require_POST
@write_limited
def submission_start(request, slug: str, number: int):
    version = _get_version_for_reader(request, slug, number)
    delegation = acting_delegation(request.user)
    if delegation is None:
        raise Http404
    try:
        submission = services.start_submission(version=version, delegation=delegation, by=request.user)
    except services.Refused as refusal:
        messages.error(request, str(refusal))
        return redirect(version)
    return redirect(submission)


def _submission_context(request, submission: Submission, **extra) -> dict:
    version = submission.version
    comments = list(
        submission.comments.current()
        .select_related("paragraph")
        .order_by("paragraph__position", "created_at", "pk")
    )
    by_paragraph: dict[int | None, list[Comment]] = {}
    for comment in comments:
        by_paragraph.setdefault(comment.paragraph_id, []).append(comment)
    paragraphs = list(version.paragraphs.all())
    for paragraph in paragraphs:
        paragraph.my_comments = by_paragraph.get(paragraph.pk, [])
    revisions = list(submission.revisions.order_by("-number"))
    window = _window(version)
    context = {
        "submission": submission,
        "version": version,
        "draft": version.draft,
        "window": window,
        "deadline": window.deadline_display(submission.delegation) if window else "",
        "parts": _group_paragraphs(paragraphs),
        "general_comments": by_paragraph.get(None, []),
        "comment_count": len(comments),
        "attachments": list(submission.attachments.current()),
        "revisions": revisions,
        "standing": revisions[0] if revisions and revisions[0].withdrawn_at is None else None,
        "editable": can_edit_submission(request.user, submission, at=timezone.now()),
        "window_open": bool(window and window.is_open(at=timezone.now(), delegation=submission.delegation)),
        "upload_form": AttachmentForm(),
        "consent_form": ConsentForm(initial={"consent_to_publish": submission.consent_to_publish}),
    }
    context.update(extra)
    return context


@login_required
@require_safe
def submission_detail(request, pk: int):
    submission = _get_submission_for_owner(request, pk)
    return render(request, "submissions/submission_detail.html", _submission_context(request, submission))


def _refusal_page(request, submission, refusal, **extra):
    return render(
        request,
        "submissions/submission_detail.html",
        _submission_context(request, submission, refusal=str(refusal), **extra),
        status=409,
    )


def _comment_form_page(request, submission, form, paragraph, comment=None, refusal=None, status=200):
    return render(
        request,
        "submissions/comment_form.html",
        {
            "submission": submission,
            "version": submission.version,
            "form": form,
            "paragraph": paragraph,
            "comment": comment,
            "refusal": refusal,
            "deadline": _window(submission.version).deadline_display(submission.delegation)
            if _window(submission.version)
            else "",
        },
        status=status,
    )


def _paragraph_for(submission: Submission, raw) -> VersionParagraph | None:
    if raw in (None, ""):
        return None
    try:
        return submission.version.paragraphs.get(pk=int(raw))
    except (ValueError, VersionParagraph.DoesNotExist):
        raise Http404 from None


@login_required
@write_limited
def comment_create(request, pk: int):
    submission = _get_submission_for_owner(request, pk)
    paragraph = _paragraph_for(submission, request.POST.get("paragraph") or request.GET.get("paragraph"))
    if request.method == "POST":
        form = CommentForm(request.POST, paragraph=paragraph)
        if form.is_valid():
            try:
                services.save_comment(
                    submission=submission,
                    by=request.user,
                    paragraph=paragraph,
                    kind=form.cleaned_data["kind"],
                    text=form.cleaned_data["text"],
                    proposed_text=form.cleaned_data.get("proposed_text", ""),
                )
            except services.Refused as refusal:
                return _comment_form_page(
                    request, submission, form, paragraph, refusal=str(refusal), status=409
                )
            messages.success(request, _("Your comment was saved. It is not submitted until you submit."))
            anchor = f"#p-{paragraph.pk}" if paragraph else "#general"
            return redirect(submission.get_absolute_url() + anchor)
        return _comment_form_page(request, submission, form, paragraph)
    if not can_edit_submission(request.user, submission, at=timezone.now()):
        messages.error(request, _("This submission cannot be changed now."))
        return redirect(submission)
    kind = request.GET.get("kind", Comment.Kind.COMMENT)
    kind = kind if kind in Comment.Kind.values else Comment.Kind.COMMENT
    initial = {"kind": kind}
    if paragraph and kind == Comment.Kind.AMENDMENT:
        initial["proposed_text"] = paragraph.text
    form = CommentForm(initial=initial, paragraph=paragraph)
    return _comment_form_page(request, submission, form, paragraph)


def _get_comment(submission: Submission, comment_pk: int) -> Comment:
    return get_object_or_404(submission.comments.current().select_related("paragraph"), pk=comment_pk)


@login_required
@write_limited
def comment_edit(request, pk: int, comment_pk: int):
    submission = _get_submission_for_owner(request, pk)
    comment = _get_comment(submission, comment_pk)
    paragraph = comment.paragraph
    if request.method == "POST":
        form = CommentForm(request.POST, paragraph=paragraph)
        if form.is_valid():
            try:
                services.save_comment(
                    submission=submission,
                    by=request.user,
                    paragraph=paragraph,
                    comment=comment,
                    kind=form.cleaned_data["kind"],
                    text=form.cleaned_data["text"],
                    proposed_text=form.cleaned_data.get("proposed_text", ""),
                )
            except services.Refused as refusal:
                return _comment_form_page(
                    request, submission, form, paragraph, comment, str(refusal), status=409
                )
            messages.success(request, _("Your comment was saved."))
            return redirect(
                submission.get_absolute_url() + (f"#p-{paragraph.pk}" if paragraph else "#general")
            )
        return _comment_form_page(request, submission, form, paragraph, comment)
    if not can_edit_submission(request.user, submission, at=timezone.now()):
        messages.error(request, _("This submission cannot be changed now."))
        return redirect(submission)
    form = CommentForm(
        initial={"kind": comment.kind, "text": comment.text, "proposed_text": comment.proposed_text},
        paragraph=paragraph,
    )
    return _comment_form_page(request, submission, form, paragraph, comment)


@login_required
@write_limited
def comment_delete(request, pk: int, comment_pk: int):
    submission = _get_submission_for_owner(request, pk)
    comment = _get_comment(submission, comment_pk)
    if request.method == "POST":
        try:
            services.remove_comment(comment, by=request.user)
        except services.Refused as refusal:
            return _refusal_page(request, submission, refusal)
        messages.success(request, _("The comment was removed."))
        return redirect(submission)
    return render(
        request, "submissions/comment_confirm_delete.html", {"submission": submission, "comment": comment}
    )


@login_required
@require_POST
@write_limited
def attachment_upload(request, pk: int):
    submission = _get_submission_for_owner(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(
            request,
            "submissions/submission_detail.html",
            _submission_context(request, submission, upload_form=form),
            status=400,
        )
    try:
        attachment = services.add_attachment(
            submission=submission, checked=form.cleaned_data["file"], by=request.user
        )
    except services.Refused as refusal:
        return _refusal_page(request, submission, refusal)
    messages.success(request, _("“%(name)s” was attached.") % {"name": attachment.name})
    return redirect(submission.get_absolute_url() + "#attachments")


@login_required
@require_safe
def attachment_download(request, pk: int, attachment_pk: int):
    submission = _get_submission_for_viewer(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, submission=submission)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )


@login_required
@require_POST
@write_limited
def attachment_delete(request, pk: int, attachment_pk: int):
    submission = _get_submission_for_owner(request, pk)
    attachment = get_object_or_404(Attachment.objects.current(), pk=attachment_pk, submission=submission)
    try:
        services.remove_attachment(attachment, by=request.user)
    except services.Refused as refusal:
        return _refusal_page(request, submission, refusal)
    messages.success(request, _("“%(name)s” was removed.") % {"name": attachment.name})
    return redirect(submission.get_absolute_url() + "#attachments")


@login_required
@require_POST
@write_limited
def submission_consent(request, pk: int):
    submission = _get_submission_for_owner(request, pk)
    form = ConsentForm(request.POST)
    form.is_valid()
    try:
        services.set_consent(submission, consent=form.cleaned_data["consent_to_publish"], by=request.user)
    except services.Refused as refusal:
        return _refusal_page(request, submission, refusal, consent_form=form)
    messages.success(request, _("Your choice about publication was saved."))
    return redirect(submission)


@login_required
@require_POST
@write_limited
def submission_submit(request, pk: int):
    submission = _get_submission_for_owner(request, pk)
    form = ConsentForm(request.POST)
    form.is_valid()
    consent = form.cleaned_data["consent_to_publish"]
    try:
        if consent != submission.consent_to_publish and submission.state == Submission.State.DRAFT:
            services.set_consent(submission, consent=consent, by=request.user)
        revision = services.submit(submission, by=request.user)
    except services.Refused as refusal:
        return _refusal_page(request, submission, refusal, consent_form=form)
    messages.success(
        request,
        _("Submitted. Your receipt number is %(receipt)s; a confirmation is on its way by e-mail.")
        % {"receipt": revision.receipt_number},
    )
    return redirect(revision)


@login_required
@require_POST
@write_limited
def submission_reopen(request, pk: int):
    submission = _get_submission_for_owner(request, pk)
    try:
        services.reopen(submission, by=request.user)
    except services.Refused as refusal:
        return _refusal_page(request, submission, refusal)
    messages.success(
        request, _("You can edit the submission again. What you submitted stands until you submit again.")
    )
    return redirect(submission)


@login_required
@require_POST
@write_limited
def submission_withdraw(request, pk: int):
    submission = _get_submission_for_owner(request, pk)
    try:
        services.withdraw(submission, by=request.user)
    except services.Refused as refusal:
        return _refusal_page(request, submission, refusal)
    messages.success(request, _("The submission was withdrawn."))
    return redirect(submission)


def _get_revision(request, pk: int, number: int) -> SubmissionRevision:
    submission = _get_submission_for_viewer(request, pk)
    return get_object_or_404(
        SubmissionRevision.objects.select_related(
            "submission__version__draft", "submission__delegation", "submitted_by"
        ),
        submission=submission,
        number=number,
    )


@login_required
@require_safe
def receipt(request, pk: int, number: int):
    revision = _get_revision(request, pk, number)
    window = SubmissionWindow.objects.filter(version_id=revision.submission.version_id).first()
    return render(
        request,
        "submissions/receipt.html",
        {
            "revision": revision,
            "submission": revision.submission,
            "comments": _annotated_comments(revision.comments),
            "submitted_local": timezone.localtime(revision.submitted_at, window.tz if window else None),
            "time_zone": window.time_zone if window else "",
            "owner": acting_delegation(request.user) == revision.submission.delegation,
        },
    )


@login_required
@require_safe
@limited("receipt-pdf", setting="RECEIPT_PDF_RATE_LIMIT", methods=("GET",))
def receipt_pdf(request, pk: int, number: int):
    revision = _get_revision(request, pk, number)
    response = HttpResponse(services.receipt_pdf(revision), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="receipt-{revision.receipt_number}.pdf"'
    return response


# --- ISU pages ------------------------------------------------------------------------------


@staff_required
@require_safe
def isu_index(request):
    versions = list(
        _versions()
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
        rows.append((submission, services.latest_revision(submission)))
    return render(request, "submissions/isu_submission_list.html", {"form": form, "rows": rows})


def _isu_submission(pk: int) -> Submission:
    return get_object_or_404(
        Submission.objects.ever_submitted()
        .select_related("version__draft", "delegation__region", "published_revision")
        .prefetch_related(Prefetch("revisions", queryset=SubmissionRevision.objects.order_by("number"))),
        pk=pk,
    )


def _isu_submission_page(request, submission: Submission, bound: dict | None = None, status: int = 200):
    revision = services.latest_revision(submission)
    comments = _annotated_comments(revision.comments)
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
            "standing": services.standing_revision(submission),
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
    field_file = compilation.pdf if fmt == "pdf" else compilation.csv
    if not field_file:
        raise Http404
    content_type = "application/pdf" if fmt == "pdf" else "text/csv; charset=utf-8"
    return FileResponse(
        field_file.open("rb"),
        as_attachment=fmt == "csv",
        filename=field_file.name.rsplit("/", 1)[-1],
        content_type=content_type,
    )
