"""From the amendments on a version to the next version.

For each amendment (a proposed change, deletion or new paragraph) standing on a version, the ISU
records a decision: taken up as proposed, taken up with changes (with the text it takes up), or
not taken up (with the reason). These are the comment's disposition (``Comment.disposition``,
``disposition_note`` and ``adopted_text``), the same record the compilation shows.

``merge_plan`` shows, paragraph by paragraph, what the next version would hold; it applies
nothing by itself. Two accepted amendments that touch the same words of a paragraph (or a
deletion and a change of the same paragraph) are a conflict: the plan shows them side by side,
and the next version cannot be built until the ISU changes one of the decisions. Neither can it
while an amendment has no decision. ``build_next_version`` then writes the version, numbering
its paragraphs again from 1, with each paragraph's lineage.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User

from ..diffing import Edit, apply_edits, edits, word_diff
from ..models import Comment, Draft, DraftVersion, Paragraph, ParagraphLineage, VersionParagraph
from .compilations import CompiledComment, compile_version
from .versions import reads_as_joined
from .workflow import Refused, attribute

AMENDMENT_KINDS = (Comment.Kind.AMENDMENT, Comment.Kind.DELETION, Comment.Kind.ADDITION)
ACCEPTED = (Comment.Disposition.TAKEN_UP, Comment.Disposition.PARTLY)
DECIDED = (*ACCEPTED, Comment.Disposition.NOT_TAKEN_UP, Comment.Disposition.FOR_DISCUSSION)


def record_decision(comment: Comment, *, disposition: str, reason: str, text: str, by: User) -> Comment:
    """Record the ISU's decision on an amendment. Writes: the Comment's disposition, its note
    (the reason), the text taken up (with changes only) and who decided, with the history."""
    comment.disposition = disposition
    comment.disposition_note = reason.strip()
    comment.adopted_text = text.strip() if disposition == Comment.Disposition.PARTLY else ""
    comment.disposition_by = by
    comment.disposition_at = timezone.now()
    attribute(comment, by=by, reason="Decision on an amendment")
    comment.save(
        update_fields=["disposition", "disposition_note", "adopted_text", "disposition_by", "disposition_at"]
    )
    return comment


@dataclass
class Proposal:
    """One standing amendment on a paragraph, with the ISU's decision."""

    entry: CompiledComment
    base: str  # the paragraph's text in the version

    @property
    def comment(self) -> Comment | None:
        return self.entry.comment

    @property
    def kind(self) -> str:
        return self.entry.data["kind"]

    @property
    def disposition(self) -> str:
        return self.comment.disposition if self.comment else ""

    @property
    def accepted(self) -> bool:
        return self.disposition in ACCEPTED

    @property
    def decided(self) -> bool:
        return self.disposition in DECIDED

    @property
    def needs_text(self) -> bool:
        """Taken up with changes, but the text taken up is missing."""
        return self.disposition == Comment.Disposition.PARTLY and not self.comment.adopted_text.strip()

    @property
    def text(self) -> str:
        """The text taken up (with changes) or proposed; "" for a deletion as proposed."""
        if self.disposition == Comment.Disposition.PARTLY and self.comment.adopted_text.strip():
            return self.comment.adopted_text.strip()
        if self.kind == Comment.Kind.DELETION:
            return ""
        return self.entry.data.get("proposed_text", "").strip()

    @property
    def edits(self) -> list[Edit]:
        return edits(self.base, self.text) if self.text else [Edit(0, len(self.base), "")]

    @property
    def diff(self) -> list:
        if self.kind == Comment.Kind.ADDITION:
            return []
        return word_diff(self.base, self.text)


@dataclass
class PlannedParagraph:
    """A paragraph of the version and what becomes of it."""

    source: VersionParagraph
    proposals: list[Proposal] = field(default_factory=list)
    kind: str = ParagraphLineage.Kind.SAME
    texts: list[str] = field(default_factory=list)  # the paragraph(s) it becomes
    applied: list[Proposal] = field(default_factory=list)
    conflicts: list[Proposal] = field(default_factory=list)
    additions: list[Proposal] = field(default_factory=list)  # accepted new paragraphs after it
    merged_into: "PlannedParagraph | None" = None  # deleted, and its text now part of that one

    @property
    def diff(self) -> list:
        return word_diff(self.source.text, "\n\n".join(self.texts))


@dataclass
class MergePlan:
    version: DraftVersion
    paragraphs: list[PlannedParagraph]

    @property
    def proposals(self) -> list[Proposal]:
        return [p for planned in self.paragraphs for p in planned.proposals]

    @property
    def undecided(self) -> list[Proposal]:
        return [p for p in self.proposals if not p.decided]

    @property
    def missing_text(self) -> list[Proposal]:
        return [p for p in self.proposals if p.needs_text]

    @property
    def conflicted(self) -> list[PlannedParagraph]:
        return [p for p in self.paragraphs if p.conflicts]

    @property
    def ready(self) -> bool:
        return bool(self.proposals) and not (self.undecided or self.missing_text or self.conflicted)


def _pieces(text: str) -> list[str]:
    """A text taken up may hold several paragraphs, separated by an empty line."""
    return [" ".join(piece.split()) for piece in text.replace("\r\n", "\n").split("\n\n") if piece.strip()]


def _plan_paragraph(planned: PlannedParagraph) -> None:
    base = planned.source.text
    accepted = [p for p in planned.proposals if p.accepted and not p.needs_text]
    planned.additions = [p for p in accepted if p.kind == Comment.Kind.ADDITION]
    changes = [p for p in accepted if p.kind != Comment.Kind.ADDITION]
    planned.texts = [base]
    if not changes:
        return
    if len(changes) == 1:
        only = changes[0]
        planned.applied = changes
        planned.texts = _pieces(only.text)
        if not planned.texts:
            planned.kind = ParagraphLineage.Kind.DELETED
        elif len(planned.texts) > 1:
            planned.kind = ParagraphLineage.Kind.SPLIT
        else:
            planned.kind = ParagraphLineage.Kind.CHANGED
        return
    overlapping: set[int] = set()
    for i, a in enumerate(changes):
        for b in changes[i + 1 :]:
            if any(x.overlaps(y) for x in a.edits for y in b.edits):
                overlapping |= {i, changes.index(b)}
    if overlapping:
        planned.conflicts = [p for i, p in enumerate(changes) if i in overlapping]
        planned.applied = []
        return
    planned.applied = changes
    merged = apply_edits(base, [e for p in changes for e in p.edits])
    planned.texts = _pieces(merged) or [merged]
    planned.kind = ParagraphLineage.Kind.SPLIT if len(planned.texts) > 1 else ParagraphLineage.Kind.CHANGED


def _mark_merges(planned: list[PlannedParagraph]) -> None:
    """Two neighbouring paragraphs, one deleted and the other changed into a text that reads as
    both joined, are merged: the deleted one's ``merged_into`` is the changed one."""
    for a, b in zip(planned, planned[1:], strict=False):
        for kept, gone in ((a, b), (b, a)):
            if kept.kind != ParagraphLineage.Kind.CHANGED or gone.kind != ParagraphLineage.Kind.DELETED:
                continue
            first, second = (kept, gone) if kept is a else (gone, kept)
            if reads_as_joined(kept.texts[0], [first.source.text, second.source.text]):
                kept.kind = gone.kind = ParagraphLineage.Kind.MERGED
                gone.merged_into = kept


def merge_plan(version: DraftVersion) -> MergePlan:
    """What the next version of ``version`` would hold, from the decisions recorded so far on
    its standing amendments (read-only)."""
    sections, _count = compile_version(version, at=timezone.now())
    planned = []
    for section in sections:
        if section.paragraph is None:
            continue
        paragraph = PlannedParagraph(
            source=section.paragraph,
            proposals=[
                Proposal(entry, section.paragraph.text)
                for entry in section.entries
                if entry.data["kind"] in AMENDMENT_KINDS and entry.comment is not None
            ],
        )
        _plan_paragraph(paragraph)
        planned.append(paragraph)
    _mark_merges(planned)
    return MergePlan(version, planned)


@transaction.atomic
def build_next_version(
    version: DraftVersion, *, label: str, by: User | None, circulated_on: date | None = None
) -> DraftVersion:
    """Build the version that follows ``version`` from the amendments taken up on it.

    Refuses while an amendment has no decision, a text taken up with changes is missing or two
    accepted amendments conflict, and when ``version`` is not the draft's latest version.
    Writes: the DraftVersion, its VersionParagraphs (numbered again from 1), a Paragraph identity
    for each new paragraph (a kept, changed, or first split paragraph keeps its own), and the
    ParagraphLineage of every paragraph with the amendments applied to it.
    """
    draft = Draft.objects.select_for_update().get(pk=version.draft_id)  # one new version at a time
    if draft.versions.filter(number__gt=version.number).exists():
        raise Refused(_("A later version of this draft exists already: build from the latest version only."))
    plan = merge_plan(version)
    if not plan.proposals:
        raise Refused(_("No amendment stands on this version: there is nothing to build from."))
    if plan.undecided:
        n = len(plan.undecided)
        raise Refused(
            ngettext(
                "%(n)s amendment has no decision yet: decide on each amendment first.",
                "%(n)s amendments have no decision yet: decide on each of them first.",
                n,
            )
            % {"n": n}
        )
    if plan.missing_text:
        raise Refused(_("An amendment taken up with changes has no text: give the text taken up."))
    if plan.conflicted:
        raise Refused(
            _("Accepted amendments conflict on paragraphs %(numbers)s: resolve them first.")
            % {"numbers": ", ".join(p.source.number for p in plan.conflicted)}
        )
    new = DraftVersion.objects.create(
        draft=draft, number=version.number + 1, label=label, circulated_on=circulated_on, created_by=by
    )
    position = 0
    links: list[tuple[ParagraphLineage, list[Comment]]] = []

    def add(text: str, source: VersionParagraph, identity: int | None) -> VersionParagraph:
        nonlocal position
        position += 1
        return VersionParagraph.objects.create(
            version=new,
            paragraph_id=identity or Paragraph.objects.create(draft=draft).pk,
            position=position,
            number=str(position),
            part=source.part,
            heading=source.heading,
            text=text,
        )

    first_paragraph: dict[int, VersionParagraph] = {}  # by source paragraph
    merged: list[tuple[PlannedParagraph, list[Comment]]] = []
    for planned in plan.paragraphs:
        source = planned.source
        applied = [p.comment for p in planned.applied]
        if planned.merged_into is not None:  # linked once the paragraph it joins is written
            merged.append((planned, applied))
            continue
        if planned.kind == ParagraphLineage.Kind.DELETED:
            links.append((ParagraphLineage(version=new, source=source, kind=planned.kind), applied))
        for i, text in enumerate(planned.texts if planned.kind != ParagraphLineage.Kind.DELETED else []):
            paragraph = add(text, source, source.paragraph_id if i == 0 else None)
            first_paragraph.setdefault(source.pk, paragraph)
            links.append(
                (
                    ParagraphLineage(version=new, paragraph=paragraph, source=source, kind=planned.kind),
                    applied,
                )
            )
        for addition in planned.additions:
            for text in _pieces(addition.text):
                paragraph = add(text, source, None)
                links.append(
                    (
                        ParagraphLineage(version=new, paragraph=paragraph, kind=ParagraphLineage.Kind.NEW),
                        [addition.comment],
                    )
                )
    for planned, applied in merged:
        into = first_paragraph[planned.merged_into.source.pk]
        links.append(
            (ParagraphLineage(version=new, paragraph=into, source=planned.source, kind=planned.kind), applied)
        )
    ParagraphLineage.objects.bulk_create([link for link, _a in links])
    for link, amendments in links:
        if amendments:
            link.amendments.set(amendments)
    return new


@dataclass
class HistoryStep:
    version: DraftVersion
    paragraph: VersionParagraph
    kind: str
    amendments: list[Comment]


def paragraph_history(paragraph: VersionParagraph) -> list[HistoryStep]:
    """``paragraph`` and the paragraphs it comes from, version by version back to the first
    (following the first source where it has several): the lineage where it was recorded, or
    else the same identity in the previous version."""
    steps: list[HistoryStep] = []
    current: VersionParagraph | None = paragraph
    while current is not None:
        link = (
            ParagraphLineage.objects.filter(paragraph=current)
            .select_related("source__version")
            .prefetch_related("amendments")
            .order_by("pk")
            .first()
        )
        if link is not None:
            steps.append(HistoryStep(current.version, current, link.kind, list(link.amendments.all())))
            current = link.source
            continue
        previous = current.version.previous()
        source = (
            VersionParagraph.objects.select_related("version")
            .filter(version=previous, paragraph_id=current.paragraph_id)
            .first()
            if previous
            else None
        )
        kind = ParagraphLineage.Kind.NEW if previous and source is None else ""
        if source is not None:
            same = " ".join(source.text.split()) == " ".join(current.text.split())
            kind = ParagraphLineage.Kind.SAME if same else ParagraphLineage.Kind.CHANGED
        steps.append(HistoryStep(current.version, current, kind, []))
        current = source
    return steps
