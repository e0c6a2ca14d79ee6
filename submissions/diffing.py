"""Word-by-word comparison of two texts, for proposed amendments and version comparisons."""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

TOKEN_RE = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Chunk:
    op: str  # "equal", "insert" or "delete"
    text: str


def tokens(text: str) -> list[str]:
    return TOKEN_RE.findall(text)


def word_diff(old: str, new: str) -> list[Chunk]:
    """The change from ``old`` to ``new`` as runs of kept, deleted and inserted words.

    A lone space kept between two changes is folded into them, so "without delay" replaced by
    "at the earliest opportunity" reads as one deletion and one insertion.
    """
    a, b = tokens(old), tokens(new)
    runs: list[tuple[str, str, str]] = []  # (op, old text, new text)
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        runs.append(("equal" if op == "equal" else "change", "".join(a[i1:i2]), "".join(b[j1:j2])))
    for i in range(1, len(runs) - 1):
        op, text, _ = runs[i]
        if op == "equal" and text.isspace() and runs[i - 1][0] == "change" and runs[i + 1][0] == "change":
            runs[i] = ("change", text, text)
    chunks: list[Chunk] = []
    deleted, inserted = "", ""
    for op, old_text, new_text in [*runs, ("equal", "", "")]:
        if op == "change":
            deleted += old_text
            inserted += new_text
            continue
        if deleted:
            chunks.append(Chunk("delete", deleted))
        if inserted:
            chunks.append(Chunk("insert", inserted))
        deleted = inserted = ""
        if old_text:
            chunks.append(Chunk("equal", old_text))
    return chunks


def similarity(old: str, new: str) -> float:
    """How alike two paragraphs are, from 0 (nothing shared) to 1 (the same words)."""
    a = [t for t in tokens(old.lower()) if not t.isspace()]
    b = [t for t in tokens(new.lower()) if not t.isspace()]
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < 0.5 or matcher.quick_ratio() < 0.5:
        return matcher.quick_ratio() / 2
    return matcher.ratio()


def normalised(text: str) -> str:
    return " ".join(text.split()).lower()


@dataclass(frozen=True)
class Edit:
    """One change to a text: the characters ``start`` to ``end`` of the old text replaced by
    ``inserted`` (an insertion when start == end, a deletion when nothing is inserted)."""

    start: int
    end: int
    inserted: str

    def overlaps(self, other: "Edit") -> bool:
        """Two edits touch the same words (or the same place): applying both would be a guess."""
        return self.start <= other.end and other.start <= self.end


def edits(old: str, new: str) -> list[Edit]:
    """The changes from ``old`` to ``new``, as positions in ``old`` (from ``word_diff``)."""
    result: list[Edit] = []
    position = 0
    pending: Edit | None = None
    for chunk in word_diff(old, new):
        if chunk.op == "equal":
            if pending:
                result.append(pending)
                pending = None
            position += len(chunk.text)
        elif chunk.op == "delete":
            pending = Edit(position, position + len(chunk.text), "")
            position += len(chunk.text)
        else:  # an insertion, alone or replacing what was just deleted
            start = pending.start if pending else position
            pending = Edit(start, position, chunk.text)
    if pending:
        result.append(pending)
    return result


def apply_edits(old: str, changes: list[Edit]) -> str:
    """``old`` with ``changes`` made (they must not overlap)."""
    text = old
    for change in sorted(changes, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: change.start] + change.inserted + text[change.end :]
    return text
