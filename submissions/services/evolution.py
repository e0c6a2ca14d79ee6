"""The evolution of a draft's text: each paragraph across the versions a reader may see, with
the word-level change from one version to the next and the published amendments that made it."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from ..diffing import normalised, word_diff
from ..models import Comment, DraftVersion, ParagraphLineage, VersionParagraph


@dataclass
class Step:
    version: DraftVersion
    paragraph: VersionParagraph | None  # None: not in this version (deleted, or not yet there)
    status: str  # "first", "unchanged", "changed", "new", "removed", "absent"
    diff: list = field(default_factory=list)
    amendments: list[Comment] = field(default_factory=list)  # published ones only


@dataclass
class ParagraphEvolution:
    key: int  # the paragraph's identity
    steps: list[Step]

    @property
    def latest(self) -> VersionParagraph | None:
        return next((s.paragraph for s in reversed(self.steps) if s.paragraph), None)

    @property
    def first(self) -> VersionParagraph | None:
        return next((s.paragraph for s in self.steps if s.paragraph), None)

    @property
    def changed(self) -> bool:
        return any(s.status in ("changed", "new", "removed") for s in self.steps[1:])


def evolution(versions: list[DraftVersion]) -> list[ParagraphEvolution]:
    """Each paragraph (by identity) across ``versions`` (in order), latest version's order first,
    then the paragraphs no longer in it. Amendments are listed only where the delegation's
    submission is published (with its consent). Read-only."""
    published = Comment.objects.filter(submission__published_revision__isnull=False).select_related(
        "submission__delegation", "submission__version__draft"
    )
    paragraphs = {
        v.pk: list(v.paragraphs.all())
        for v in DraftVersion.objects.filter(pk__in=[v.pk for v in versions]).prefetch_related("paragraphs")
    }
    links: dict[int, list[Comment]] = {}
    for link in ParagraphLineage.objects.filter(
        version__in=versions, paragraph__isnull=False
    ).prefetch_related(Prefetch("amendments", queryset=published, to_attr="published")):
        links.setdefault(link.paragraph_id, []).extend(link.published)
    order: list[int] = []
    for version in reversed(versions):
        for p in paragraphs.get(version.pk, []):
            if p.paragraph_id not in order:
                order.append(p.paragraph_id)
    result = []
    for key in order:
        steps: list[Step] = []
        before: VersionParagraph | None = None
        for i, version in enumerate(versions):
            here = next((p for p in paragraphs.get(version.pk, []) if p.paragraph_id == key), None)
            if i == 0:
                status = "first" if here else "absent"
            elif here and before:
                status = "unchanged" if normalised(here.text) == normalised(before.text) else "changed"
            elif here:
                status = "new"
            else:
                status = "removed" if before else "absent"
            steps.append(
                Step(
                    version,
                    here,
                    status,
                    diff=word_diff(before.text, here.text) if status == "changed" else [],
                    amendments=links.get(here.pk, []) if here else [],
                )
            )
            before = here
        result.append(ParagraphEvolution(key, steps))
    return result
