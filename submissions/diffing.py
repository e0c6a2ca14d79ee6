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
    """The change from ``old`` to ``new`` as runs of kept, deleted and inserted words."""
    a, b = tokens(old), tokens(new)
    chunks: list[Chunk] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            chunks.append(Chunk("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            chunks.append(Chunk("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            chunks.append(Chunk("insert", "".join(b[j1:j2])))
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
