"""The public pages of a draft: its versions and windows, and the submissions published with
the delegation's consent. No sign-in needed."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .. import services
from ..models import Draft, DraftVersion, Submission
from ..permissions import can_read_drafts


@require_safe
def draft_detail(request, slug: str):
    """A draft, its versions and windows, and the submissions published with consent."""
    draft = get_object_or_404(Draft.objects.select_related("meeting"), slug=slug)
    versions = list(
        DraftVersion.objects.with_window()
        .select_related("disposition_table")
        .filter(draft=draft)
        .annotate(paragraph_count=Count("paragraphs"))
    )
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
        {"submission": submission, "revision": revision, "comments": revision.comments_for_display()},
    )


@require_safe
def draft_evolution(request, slug: str):
    """Each paragraph of a draft across its versions, word by word. The public sees the versions
    whose text is published; those who may read the drafts on the portal see every version."""
    draft = get_object_or_404(Draft.objects.select_related("meeting"), slug=slug)
    versions = DraftVersion.objects.filter(draft=draft, text_held=True).order_by("number")
    if not can_read_drafts(request.user):
        versions = versions.filter(text_public=True)
    versions = list(versions)
    return render(
        request,
        "submissions/draft_evolution.html",
        {"draft": draft, "versions": versions, "paragraphs": services.evolution(versions)},
    )
