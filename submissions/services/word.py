"""Versions and compilations as Word documents (.docx).

A version reads as it reads on the portal: parts as Heading 1, headings as Heading 2, each
paragraph starting with its number (so that the portal's own .docx import reads it back).

In a compilation every amendment is a tracked change by its delegation, dated when the
submission was made, so that the Presidency can accept or reject it in Word or LibreOffice:

- a proposed change: the words it deletes and inserts, inside the paragraph;
- a proposed deletion: the whole paragraph (its mark included) deleted;
- a proposed new paragraph: a whole paragraph inserted after the paragraph it follows.

Two proposals that touch the same words cannot both sit inside the paragraph: the first (a
deletion first, then changes in the order of the compilation) is tracked inside it, and each
other one follows it as a whole paragraph inserted by its delegation, with a Word comment that
says it is an alternative. Comments, and the explanations given with amendments, are Word
comments by the delegation anchored to their paragraph. Read-only: nothing is written.

The compilation's sections and entries are those of ``compilations.compile_version`` (a
``CompiledSection`` with its ``CompiledComment`` entries); this module does not import that one,
which imports it.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..diffing import Edit, edits
from ..models import Comment, DraftVersion, ParagraphLineage, VersionParagraph
from ..wordml import Revision, Segment, TrackedDocument
from .versions import version_changes


def _headings(doc: TrackedDocument, paragraph: VersionParagraph, state: dict) -> None:
    """The part and heading above ``paragraph`` when they change."""
    if paragraph.part != state.get("part"):
        state["part"], state["heading"] = paragraph.part, None
        if paragraph.part:
            doc.heading(paragraph.part, level=1)
    if paragraph.heading != state.get("heading"):
        state["heading"] = paragraph.heading
        if paragraph.heading:
            doc.heading(paragraph.heading, level=2)


def version_docx(version: DraftVersion) -> bytes:
    """The text of ``version`` as a Word document."""
    doc = TrackedDocument(title=str(version))
    doc.heading(f"{version.draft.title}: {version.label}", level=0)  # the import skips the Title
    state: dict = {}
    for paragraph in version.paragraphs.all():
        _headings(doc, paragraph, state)
        doc.paragraph([Segment(paragraph.text)], prefix=f"{paragraph.number}. ")
    return doc.save()


def _change_author(version: DraftVersion) -> dict[int, str]:
    """For each paragraph of ``version`` changed by exactly one delegation's amendment, that
    delegation's name (the ISU is the author of every other change)."""
    authors: dict[int, set[str]] = {}
    for link in ParagraphLineage.objects.filter(version=version).prefetch_related(
        "amendments__submission__delegation"
    ):
        key = link.paragraph_id or -link.source_id
        for amendment in link.amendments.all():
            authors.setdefault(key, set()).add(amendment.submission.delegation.name)
    return {key: names.pop() for key, names in authors.items() if len(names) == 1}


def version_changes_docx(version: DraftVersion) -> bytes:
    """``version`` as a Word document with its changes from the previous version tracked: each
    by the delegation whose amendment made it where one did, by the ISU otherwise, dated when
    the version was made."""
    previous, changes = version_changes(version)
    isu = _("Implementation Support Unit")
    authors = _change_author(version)
    doc = TrackedDocument(title=str(version))
    doc.heading(f"{version.draft.title}: {version.label}", level=0)
    state: dict = {}
    for change in changes:
        current = change.paragraph or change.previous
        _headings(doc, current, state)
        key = change.paragraph.pk if change.paragraph else -change.previous.pk
        revision = Revision(author=authors.get(key, isu), date=version.created_at)
        if change.status == "removed":
            doc.paragraph(
                [Segment(change.previous.text)], prefix=f"{change.previous.number}. ", deleted=revision
            )
        elif change.status == "new" and previous is not None:
            doc.paragraph(
                [Segment(change.paragraph.text)], prefix=f"{change.paragraph.number}. ", inserted=revision
            )
        elif change.status == "changed":
            old = change.previous.text
            found = [(edit, revision) for edit in edits(old, change.paragraph.text)]
            doc.paragraph(segments(old, found), prefix=f"{change.paragraph.number}. ")
        else:
            doc.paragraph([Segment(change.paragraph.text)], prefix=f"{change.paragraph.number}. ")
    return doc.save()


def segments(text: str, changes: list[tuple[Edit, Revision]]) -> list[Segment]:
    """``text`` cut into kept, deleted and inserted runs by non-overlapping ``changes``."""
    result: list[Segment] = []
    position = 0
    for edit, revision in sorted(changes, key=lambda c: (c[0].start, c[0].end)):
        result.append(Segment(text[position : edit.start]))
        result.append(Segment(text[edit.start : edit.end], "delete", revision))
        result.append(Segment(edit.inserted, "insert", revision))
        position = edit.end
    result.append(Segment(text[position:]))
    return [s for s in result if s.text]


def _revision(entry) -> Revision:
    return Revision(author=entry.delegation.name, date=entry.submitted_at)


def _entry_edits(entry, text: str) -> list[Edit]:
    if entry.data["kind"] == Comment.Kind.DELETION:
        return [Edit(0, len(text), "")]
    return edits(text, entry.data.get("proposed_text", ""))


def _note(doc: TrackedDocument, p, entry, text: str) -> None:
    if text.strip():
        doc.comment(p, text=text, author=entry.delegation.name, date=entry.submitted_at)


def _paragraph_section(doc: TrackedDocument, section) -> None:
    paragraph = section.paragraph
    text = paragraph.text
    kind = Comment.Kind
    deletions = [e for e in section.entries if e.data["kind"] == kind.DELETION]
    changes = [e for e in section.entries if e.data["kind"] == kind.AMENDMENT]
    placed: list[tuple[Edit, Revision]] = []
    inline: list = []
    others: list = []
    for entry in [*deletions, *changes]:
        own = _entry_edits(entry, text)
        if any(mine.overlaps(edit) for mine in own for edit, _r in placed):
            others.append(entry)
            continue
        placed.extend((edit, _revision(entry)) for edit in own)
        inline.append(entry)
    prefix = f"{paragraph.number}. "
    whole_deletion = next((e for e in inline if e.data["kind"] == kind.DELETION), None)
    if whole_deletion is not None:
        p = doc.paragraph([Segment(text)], prefix=prefix, deleted=_revision(whole_deletion))
    else:
        p = doc.paragraph(segments(text, placed), prefix=prefix)
    for entry in section.entries:
        if entry.data["kind"] == kind.COMMENT or entry in inline:
            _note(doc, p, entry, entry.data.get("text", ""))
    for entry in others:
        if entry.data["kind"] == kind.DELETION:  # the paragraph is deleted already: say so
            note = _("%(delegation)s also proposes to delete this paragraph.") % {
                "delegation": entry.delegation.name
            }
            _note(doc, p, entry, "\n".join([note, entry.data.get("text", "")]))
            continue
        alternative = doc.paragraph(
            [Segment(entry.data.get("proposed_text", ""))], prefix=prefix, inserted=_revision(entry)
        )
        note = _(
            "An alternative to paragraph %(number)s: it changes the same words as another proposal. "
            "Accept one of them and reject the others."
        ) % {"number": paragraph.number}
        _note(doc, alternative, entry, "\n".join([note, entry.data.get("text", "")]))
    for entry in section.entries:
        if entry.data["kind"] == kind.ADDITION:
            added = doc.paragraph([Segment(entry.data.get("proposed_text", ""))], inserted=_revision(entry))
            _note(doc, added, entry, entry.data.get("text", ""))


def compilation_docx(version: DraftVersion, sections: list, *, as_of: datetime) -> bytes:
    """The compilation of ``sections`` (see ``compile_version``) as a Word document with every
    amendment a tracked change and every comment a Word comment."""
    doc = TrackedDocument(title=str(_("Compilation of the comments on %(version)s") % {"version": version}))
    doc.heading(version.draft.title, level=0)
    doc.plain(_("Compilation of the comments on %(version)s") % {"version": version.label}, bold=True)
    doc.plain(
        _(
            "Comments as of %(date)s. Amendments are tracked changes by their delegation; comments are Word comments."
        )
        % {"date": date_format(timezone.localtime(as_of), "DATETIME_FORMAT")}
    )
    general = next((s for s in sections if s.paragraph is None), None)
    if general and general.entries:
        doc.heading(_("General comments"), level=1)
        p = doc.plain(_("General comments on the whole text (see the Word comments)."))
        for entry in general.entries:
            label = (
                _("On paragraph %(number)s, no longer in this version: ") % {"number": entry.data["number"]}
                if entry.data.get("number")
                else ""
            )
            body = entry.data.get("text", "") or entry.data.get("proposed_text", "")
            _note(doc, p, entry, label + body)
    state: dict = {}
    for section in sections:
        if section.paragraph is None:
            continue
        _headings(doc, section.paragraph, state)
        _paragraph_section(doc, section)
    return doc.save()
