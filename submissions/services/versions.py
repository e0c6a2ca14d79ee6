"""Versions of a draft: a new version made of parsed paragraphs, each paragraph carried from
the previous version when it is recognised, and a version compared with the previous one."""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Count

from accounts.models import User

from ..diffing import normalised, similarity, word_diff
from ..models import Comment, Draft, DraftVersion, Paragraph, ParagraphLineage, VersionParagraph
from ..parsing import ParsedParagraph


def match_identities(previous: list[VersionParagraph], parsed: list[ParsedParagraph]) -> list[int | None]:
    """For each new paragraph, the identity (Paragraph id) it carries from the previous version.

    First the same text, then the same number with a similar text, then the most similar text
    among those not yet matched; a paragraph with no close counterpart is new.
    """
    result: list[int | None] = [None] * len(parsed)
    unused = {p.pk: p for p in previous}
    by_text: dict[str, list[VersionParagraph]] = {}
    for p in previous:
        by_text.setdefault(normalised(p.text), []).append(p)
    for i, new in enumerate(parsed):
        for candidate in by_text.get(normalised(new.text), []):
            if candidate.pk in unused:
                result[i] = candidate.paragraph_id
                del unused[candidate.pk]
                break
    by_number = {p.number: p for p in previous}
    for i, new in enumerate(parsed):
        candidate = by_number.get(new.number)
        if result[i] is None and candidate and candidate.pk in unused:
            if similarity(candidate.text, new.text) >= 0.5:
                result[i] = candidate.paragraph_id
                del unused[candidate.pk]
    for i, new in enumerate(parsed):
        if result[i] is not None or not unused:
            continue
        best, score = None, 0.0
        for candidate in unused.values():
            value = similarity(candidate.text, new.text)
            if value > score:
                best, score = candidate, value
        if best is not None and score >= 0.6:
            result[i] = best.paragraph_id
            del unused[best.pk]
    return result


# Two paragraphs read as one (merged), or one as two (split), when the joined text is this
# alike and clearly closer than either part alone.
JOINED_SIMILARITY = 0.8
JOINED_MARGIN = 0.1


def reads_as_joined(whole: str, parts: list[str]) -> bool:
    joined = similarity(" ".join(parts), whole)
    alone = max(similarity(part, whole) for part in parts)
    return joined >= JOINED_SIMILARITY and joined > alone + JOINED_MARGIN


Link = tuple[int | None, VersionParagraph | None, str]  # (new paragraph's index, source, kind)


def upload_lineage(
    previous: list[VersionParagraph], parsed: list[ParsedParagraph], identities: list[int | None]
) -> tuple[list[int | None], list[Link]]:
    """The lineage of an uploaded version against the ``previous`` one, from the identities
    ``match_identities`` found: each new paragraph the same as or changed from its source; two
    consecutive previous paragraphs that read as one new paragraph merged into it; one previous
    paragraph that reads as two consecutive new ones split; the rest new or deleted. A merged
    paragraph with no identity yet takes its first source's, and the first part of a split one
    the identity of the paragraph it comes from, so that comments stay anchored.
    Returns the identities (completed) and the links (read-only)."""
    identities = list(identities)
    by_identity = {p.paragraph_id: p for p in previous}
    sources: dict[int, list[VersionParagraph]] = {
        i: [by_identity[identity]] for i, identity in enumerate(identities) if identity is not None
    }
    used = {source.pk for found in sources.values() for source in found}
    kinds: dict[int, str] = {}
    for i, new in enumerate(parsed):
        for a, b in zip(previous, previous[1:], strict=False):
            own = {p.pk for p in sources.get(i, [])}
            if not own <= {a.pk, b.pk} or any(p.pk in used and p.pk not in own for p in (a, b)):
                continue
            if reads_as_joined(new.text, [a.text, b.text]):
                sources[i], kinds[i] = [a, b], ParagraphLineage.Kind.MERGED
                used |= {a.pk, b.pk}
                if identities[i] is None:
                    identities[i] = a.paragraph_id
                break
    for old in previous:
        for i in range(len(parsed) - 1):
            group = (i, i + 1)
            if any(k in kinds or sources.get(k, [old]) != [old] for k in group):
                continue
            if old.pk in used and all(k not in sources for k in group):
                continue
            if reads_as_joined(old.text, [parsed[k].text for k in group]):
                for k in group:
                    sources[k], kinds[k] = [old], ParagraphLineage.Kind.SPLIT
                used.add(old.pk)
                # Each part is unmatched or matched to ``old``: its identity goes to the first.
                identities[i], identities[i + 1] = old.paragraph_id, None
                break
    links: list[Link] = []
    for i, new in enumerate(parsed):
        if i not in sources:
            links.append((i, None, ParagraphLineage.Kind.NEW))
            continue
        for source in sources[i]:
            same = normalised(source.text) == normalised(new.text)
            kind = kinds.get(i) or (ParagraphLineage.Kind.SAME if same else ParagraphLineage.Kind.CHANGED)
            links.append((i, source, kind))
    links.extend((None, p, ParagraphLineage.Kind.DELETED) for p in previous if p.pk not in used)
    return identities, links


@transaction.atomic
def create_version(
    *,
    draft: Draft,
    label: str,
    paragraphs: list[ParsedParagraph],
    by: User | None,
    circulated_on: date | None = None,
    source_name: str = "",
) -> DraftVersion:
    """Add the next version of ``draft`` made of ``paragraphs``.

    Writes: the DraftVersion, its VersionParagraphs, a Paragraph identity for each paragraph
    that is not carried from the previous version (carried ones keep theirs), and each
    paragraph's lineage from the previous version (``upload_lineage``).
    """
    Draft.objects.select_for_update().filter(pk=draft.pk).first()  # one new version at a time
    last = draft.versions.order_by("-number").first()
    previous = list(last.paragraphs.all()) if last else []
    identities = match_identities(previous, paragraphs)
    links: list[Link] = []
    if last is not None:
        identities, links = upload_lineage(previous, paragraphs, identities)
    version = DraftVersion.objects.create(
        draft=draft,
        number=(last.number + 1) if last else 1,
        label=label,
        circulated_on=circulated_on,
        source_name=source_name,
        created_by=by,
    )
    rows = []
    for position, (parsed, identity) in enumerate(zip(paragraphs, identities, strict=True), start=1):
        if identity is None:
            identity = Paragraph.objects.create(draft=draft).pk
        rows.append(
            VersionParagraph(
                version=version,
                paragraph_id=identity,
                position=position,
                number=parsed.number,
                part=parsed.part[:300],
                heading=parsed.heading[:300],
                text=parsed.text,
            )
        )
    created = VersionParagraph.objects.bulk_create(rows)
    ParagraphLineage.objects.bulk_create(
        ParagraphLineage(
            version=version, paragraph=created[i] if i is not None else None, source=source, kind=kind
        )
        for i, source, kind in links
    )
    return version


@dataclass
class ParagraphChange:
    paragraph: VersionParagraph | None  # None for a paragraph that was removed
    previous: VersionParagraph | None
    status: str  # "unchanged", "changed", "new", "removed"
    renumbered: bool = False
    diff: list = field(default_factory=list)
    earlier_comments: int = 0


def version_changes(version: DraftVersion) -> tuple[DraftVersion | None, list[ParagraphChange]]:
    """This version paragraph by paragraph against the previous one (read-only)."""
    previous = version.previous()
    current = list(version.paragraphs.all())
    before = {p.paragraph_id: p for p in previous.paragraphs.all()} if previous else {}
    counts: dict[int, int] = {}
    if previous:
        # Comments received on the previous version (submitted at least once), by paragraph identity.
        counts = {
            row["paragraph__paragraph_id"]: row["n"]
            for row in Comment.objects.current()
            .ever_submitted()
            .filter(paragraph__version=previous)
            .values("paragraph__paragraph_id")
            .annotate(n=Count("pk", distinct=True))
        }
    changes: list[ParagraphChange] = []
    for p in current:
        old = before.pop(p.paragraph_id, None)
        if old is None:
            changes.append(ParagraphChange(p, None, "new"))
            continue
        same = normalised(old.text) == normalised(p.text)
        changes.append(
            ParagraphChange(
                p,
                old,
                "unchanged" if same else "changed",
                renumbered=old.number != p.number,
                diff=[] if same else word_diff(old.text, p.text),
                earlier_comments=counts.get(p.paragraph_id, 0),
            )
        )
    for old in before.values():
        changes.append(
            ParagraphChange(None, old, "removed", earlier_comments=counts.get(old.paragraph_id, 0))
        )
    return previous, changes
