"""The ISU's page that turns the amendments on a version into the next version: a decision on
each amendment, conflicts shown side by side, the result previewed paragraph by paragraph, and
the build. Staff only (a 404 for everyone else signed in)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from .. import services
from ..forms import AmendmentDecisionForm, BuildVersionForm
from ..models import Comment, DraftVersion
from ..services.merging import AMENDMENT_KINDS
from .isu import staff_required


def _version(pk: int) -> DraftVersion:
    return get_object_or_404(DraftVersion.objects.select_related("draft"), pk=pk)


def _merge_page(request, version: DraftVersion, *, bound=None, build_form=None, status: int = 200):
    plan = services.merge_plan(version)
    for proposal in plan.proposals:
        comment = proposal.comment
        proposal.form = (bound or {}).get(comment.pk) or AmendmentDecisionForm(
            prefix=f"a{comment.pk}",
            initial={
                "disposition": comment.disposition if comment.disposition in services.merging.DECIDED else "",
                "text": comment.adopted_text or proposal.entry.data.get("proposed_text", ""),
                "reason": comment.disposition_note,
            },
        )
    latest = not version.draft.versions.filter(number__gt=version.number).exists()
    return render(
        request,
        "submissions/isu_merge.html",
        {
            "version": version,
            "draft": version.draft,
            "plan": plan,
            "paragraphs": [p for p in plan.paragraphs if p.proposals],
            "build_form": build_form or BuildVersionForm(),
            "latest": latest,
        },
        status=status,
    )


@staff_required
@require_safe
def isu_merge(request, pk: int):
    return _merge_page(request, _version(pk))


@staff_required
@require_POST
def isu_amendment_decision(request, pk: int):
    comment = get_object_or_404(
        Comment.objects.ever_submitted().filter(kind__in=AMENDMENT_KINDS, paragraph__isnull=False),
        pk=pk,
    )
    version = _version(comment.submission.version_id)
    form = AmendmentDecisionForm(request.POST, prefix=f"a{comment.pk}")
    if not form.is_valid():
        return _merge_page(request, version, bound={comment.pk: form}, status=400)
    services.record_decision(
        comment,
        disposition=form.cleaned_data["disposition"],
        reason=form.cleaned_data["reason"],
        text=form.cleaned_data["text"],
        by=request.user,
    )
    messages.success(request, _("The decision was recorded."))
    return redirect(reverse("submissions:isu-merge", args=[version.pk]) + f"#a-{comment.pk}")


@staff_required
@require_POST
def isu_merge_build(request, pk: int):
    version = _version(pk)
    form = BuildVersionForm(request.POST)
    if form.is_valid():
        try:
            new = services.build_next_version(
                version,
                label=form.cleaned_data["label"],
                circulated_on=form.cleaned_data["circulated_on"],
                by=request.user,
            )
        except services.Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _("%(label)s was built from the amendments taken up.") % {"label": new.label},
            )
            return redirect("submissions:version-compare", slug=version.draft.slug, number=new.number)
    return _merge_page(request, version, build_form=form, status=400)
