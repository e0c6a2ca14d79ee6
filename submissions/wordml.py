"""Word documents (.docx) with tracked changes and comments, written as Open XML.

python-docx writes the document, its styles and its comments part (python-docx 1.2); it has no
API for tracked changes, so the revisions are written here with lxml, as WordprocessingML
defines them:

- an insertion: ``<w:ins w:id w:author w:date><w:r><w:t>…</w:t></w:r></w:ins>``;
- a deletion: ``<w:del w:id w:author w:date><w:r><w:delText>…</w:delText></w:r></w:del>``;
- a whole paragraph inserted or deleted: its runs in ``w:ins``/``w:del`` and its paragraph mark
  marked the same way (``w:pPr/w:rPr/w:ins`` or ``w:del``), so that accepting the change adds or
  removes the paragraph itself;
- a comment anchored to a whole paragraph: ``w:commentRangeStart`` before its first run,
  ``w:commentRangeEnd`` after its last, then a run holding the ``w:commentReference``.

Word and LibreOffice list each revision with its author and date and let the reader accept or
reject it. Nothing here reads the database: the callers give text, authors and dates.
"""

import io
from dataclasses import dataclass
from datetime import UTC, datetime

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Revision:
    """Who made a tracked change, and when."""

    author: str
    date: datetime

    @property
    def w_date(self) -> str:
        return self.date.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Segment:
    """A run of text: kept ("equal"), or inserted or deleted by ``revision``."""

    text: str
    op: str = "equal"
    revision: Revision | None = None


def _run(text: str, *, deleted: bool = False, bold: bool = False):
    run = OxmlElement("w:r")
    if bold:
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:b"))
        run.append(rpr)
    t = OxmlElement("w:delText" if deleted else "w:t")
    t.text = text
    t.set(XML_SPACE, "preserve")
    run.append(t)
    return run


class TrackedDocument:
    """A Word document built paragraph by paragraph, with tracked changes and comments."""

    def __init__(self, *, title: str = "") -> None:
        import docx

        self.document = docx.Document()
        self.document.core_properties.title = title[:255]
        self._revision_id = 1000  # apart from the comments' ids, which python-docx numbers from 0

    def _revision(self, tag: str, revision: Revision):
        self._revision_id += 1
        element = OxmlElement(tag)
        element.set(qn("w:id"), str(self._revision_id))
        element.set(qn("w:author"), revision.author)
        element.set(qn("w:date"), revision.w_date)
        return element

    def heading(self, text: str, *, level: int = 1):
        return self.document.add_heading(text, level=level)._p

    def plain(self, text: str, *, style: str | None = None, bold: bool = False):
        """A paragraph of plain text (no revision)."""
        paragraph = self.document.add_paragraph(style=style)
        if text:
            paragraph._p.append(_run(text, bold=bold))
        return paragraph._p

    def paragraph(
        self,
        segments: list[Segment],
        *,
        prefix: str = "",
        inserted: Revision | None = None,
        deleted: Revision | None = None,
    ):
        """A paragraph of ``segments``, after a plain ``prefix`` (its number). ``inserted`` or
        ``deleted``: the whole paragraph, its mark included, is a tracked insertion or deletion
        by that revision. Returns the ``w:p`` element."""
        p = self.document.add_paragraph()._p
        whole = inserted or deleted
        if whole is not None:
            rpr = OxmlElement("w:rPr")
            rpr.append(self._revision("w:ins" if inserted else "w:del", whole))
            p.get_or_add_pPr().append(rpr)
            segments = [Segment(prefix, "insert" if inserted else "delete", whole), *segments]
            segments = [
                Segment(s.text, "insert" if inserted else "delete", whole) if s.op == "equal" else s
                for s in segments
            ]
        elif prefix:
            p.append(_run(prefix))
        last = None  # (op, revision, w:ins or w:del): one change stays one element
        for segment in segments:
            if not segment.text:
                continue
            if segment.op == "equal":
                p.append(_run(segment.text))
                last = None
                continue
            if last is None or last[:2] != (segment.op, segment.revision):
                wrapper = self._revision("w:ins" if segment.op == "insert" else "w:del", segment.revision)
                p.append(wrapper)
                last = (segment.op, segment.revision, wrapper)
            last[2].append(_run(segment.text, deleted=segment.op == "delete"))
        return p

    def comment(self, p, *, text: str, author: str, date: datetime, initials: str = "") -> int:
        """A Word comment by ``author`` anchored to the whole paragraph ``p``; returns its id."""
        lines = [line for line in text.splitlines() if line.strip()] or [""]
        comment = self.document.comments.add_comment(text=lines[0], author=author, initials=initials)
        comment._comment_elm.date = date.astimezone(UTC).replace(microsecond=0)
        for line in lines[1:]:
            comment.add_paragraph(line)
        cid = str(comment.comment_id)
        ppr = p.pPr
        start = OxmlElement("w:commentRangeStart", attrs={qn("w:id"): cid})
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        p.append(OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): cid}))
        reference = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"}))
        reference.append(rpr)
        reference.append(OxmlElement("w:commentReference", attrs={qn("w:id"): cid}))
        p.append(reference)
        return comment.comment_id

    def save(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()
