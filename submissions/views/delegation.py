"""The delegation's pages: drafts open for comment, its own submission (comments, files,
consent, submit, edit again, withdraw) and its receipts.

Everything is loaded through ``_get_submission_for_owner``: another delegation's submission is
a 404, whatever its state, so nothing leaks. Anonymous visitors are sent to sign in.
"""

from collections import OrderedDict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ccm_portal.lib.ratelimit import limited

from .. import services
from ..forms import AttachmentForm, CommentForm, ConsentForm
from ..models import (
    Attachment,
    Comment,
    Draft,
    DraftVersion,
    Submission,
    SubmissionRevision,
    SubmissionWindow,
    VersionParagraph,
)
from ..permissions import (
    acting_delegation,
    can_edit_submission,
    can_read_drafts,
    can_start_submission,
    can_view_submission,
    is_isu,
)
from ..wordml import DOCX_CONTENT_TYPE

# Changes to a submission: at most SUBMISSIONS_RATE_LIMIT POSTs per person (a 429 page after).
write_limited = limited("submissions", setting="SUBMISSIONS_RATE_LIMIT")


def _get_version_for_reader(request, slug: str, number: int) -> DraftVersion:
    if not can_read_drafts(request.user):
        raise Http404
    return get_object_or_404(DraftVersion.objects.with_window(), draft__slug=slug, number=number)


def _get_submission_for_owner(request, pk: int) -> Submission:
    delegation = acting_delegation(request.user)
    return get_object_or_404(
        Submission.objects.for_delegation(delegation)
        .select_related("version__draft", "version__window", "delegation")
        .prefetch_related("version__window__extensions", "revisions"),
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


# --- delegation pages -----------------------------------------------------------------------


@login_required
@require_safe
def index(request):
    """Drafts open for comment and the delegation's own submissions."""
    delegation = acting_delegation(request.user)
    now = timezone.now()
    versions = list(
        DraftVersion.objects.with_window().filter(window__isnull=False).order_by("draft__title", "number")
    )
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
            "mine": [(s, s.latest_revision()) for s in mine],
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
def version_docx(request, slug: str, number: int):
    """The version's text as a Word document, for everyone who may read it on the portal;
    ``?changes=tracked``: with the changes from the previous version as tracked changes."""
    version = _get_version_for_reader(request, slug, number)
    tracked = request.GET.get("changes") == "tracked" and version.number > 1
    content = services.version_changes_docx(version) if tracked else services.version_docx(version)
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    name = f"{version.draft.code.lower()}-v{version.number}{'-changes' if tracked else ''}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


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
    revisions = sorted(submission.revisions.all(), key=lambda r: r.number, reverse=True)
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
        "standing": submission.standing_revision(),
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
            "comments": revision.comments_for_display(),
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
