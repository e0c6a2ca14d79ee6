"""Turning a draft's text into parts, headings and numbered paragraphs.

The structured text that staff paste reads like this::

    # I. Introduction
    ## Purpose of the review
    1. The text of the first paragraph,
    which may run over several lines.
    2. The second paragraph.
    (a) a sub-paragraph stays inside paragraph 2.

A line starting with ``#`` opens a part, ``##`` a heading within it, and a number followed by
a full stop or a bracket (``12.``, ``12)``, ``12 bis.``) a paragraph; other lines continue the
current paragraph. A Word file is read into the same structure: Heading 1 opens a part,
Heading 2 and below a heading, automatically numbered list items (first level) and
paragraphs that start with a number open paragraphs, and the rest continues them.
"""

import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

NUMBER_RE = re.compile(r"^\s*(\d{1,4}(?:\s?(?:bis|ter|quater))?)\s*[.)]\s+(.*)$", re.IGNORECASE)


class ParseError(ValueError):
    """The text cannot be split into paragraphs; ``str(error)`` says where and why."""


@dataclass
class ParsedParagraph:
    number: str
    part: str = ""
    heading: str = ""
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


def parse_structured_text(text: str) -> list[ParsedParagraph]:
    paragraphs: list[ParsedParagraph] = []
    part = heading = ""
    current: ParsedParagraph | None = None
    seen: dict[str, int] = {}
    for line_number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("##"):
            heading = line.lstrip("#").strip()
            current = None
            continue
        if line.startswith("#"):
            part = line.lstrip("#").strip()
            heading = ""
            current = None
            continue
        match = NUMBER_RE.match(line)
        if match:
            number = re.sub(r"\s+", " ", match.group(1)).lower()
            if number in seen:
                raise ParseError(
                    _("Line %(line)s: paragraph %(number)s appears twice (first on line %(first)s).")
                    % {"line": line_number, "number": number, "first": seen[number]}
                )
            seen[number] = line_number
            current = ParsedParagraph(
                number=number, part=part, heading=heading, lines=[match.group(2).strip()]
            )
            paragraphs.append(current)
            continue
        if current is None:
            raise ParseError(
                _(
                    "Line %(line)s: “%(text)s” comes before any numbered paragraph. Start with a part "
                    "(# I. Introduction), a heading (## Heading) or a numbered paragraph (1. Text)."
                )
                % {"line": line_number, "text": line[:60]}
            )
        current.lines.append(line)
    for paragraph in paragraphs:
        if not paragraph.text:
            raise ParseError(_("Paragraph %(number)s has no text.") % {"number": paragraph.number})
    if not paragraphs:
        raise ParseError(
            _("No numbered paragraph was found (a paragraph starts with its number: “1. Text”).")
        )
    return paragraphs


def _is_numbered_list_item(paragraph) -> int | None:
    """The list level of a Word paragraph that is an automatically numbered list item."""
    ppr = paragraph._p.pPr
    num_pr = ppr.numPr if ppr is not None else None
    if num_pr is None and paragraph.style is not None:
        style = paragraph.style
        while style is not None and num_pr is None:
            style_ppr = style.element.pPr
            num_pr = style_ppr.numPr if style_ppr is not None else None
            style = style.base_style
    if num_pr is None or num_pr.numId is None or num_pr.numId.val == 0:
        return None
    return num_pr.ilvl.val if num_pr.ilvl is not None else 0


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
INSERTED = (f"{W}ins", f"{W}moveTo")
DELETED = (f"{W}del", f"{W}moveFrom")


def _paragraph_text(p, *, accept: bool) -> str:
    """The text of a Word paragraph (``w:p``) with the tracked changes still in it read as
    accepted (insertions kept, deletions dropped) or as rejected (the other way round)."""
    parts: list[str] = []
    for node in p.iter(f"{W}t", f"{W}delText", f"{W}tab", f"{W}br"):
        nearest = next(node.iterancestors(*INSERTED, *DELETED, f"{W}p"), None)
        change = nearest.tag if nearest is not None and nearest.tag != f"{W}p" else None
        if (change in INSERTED and not accept) or (change in DELETED and accept):
            continue
        if node.tag == f"{W}delText" and change not in DELETED:
            continue
        parts.append((node.text or "") if node.tag in (f"{W}t", f"{W}delText") else " ")
    return "".join(parts)


def tracked_change_count(data: bytes) -> int:
    """How many tracked insertions and deletions a Word file still holds (0 if unreadable)."""
    import zipfile

    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = etree.fromstring(archive.read("word/document.xml"))
    except Exception:  # a damaged file is reported by docx_to_structured_text
        return 0
    return sum(1 for _node in root.iter(*INSERTED, *DELETED))


def docx_to_structured_text(data: bytes, *, accept_changes: bool = True) -> str:
    """Read a Word file into the structured text that ``parse_structured_text`` reads. Tracked
    changes still in the file are read as accepted, or with ``accept_changes=False`` as
    rejected; those the ISU accepted or rejected in Word are already part of the text."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        return _structured_text(document, accept=accept_changes)
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise ParseError(
            _("The file could not be read as a Word document (%(error)s).") % {"error": error}
        ) from None
    except Exception:  # a damaged file fails inside python-docx or lxml in many other ways
        raise ParseError(
            _("The file could not be read as a Word document: it is damaged or is not a Word file.")
        ) from None


def _structured_text(document, *, accept: bool = True) -> str:
    """The paragraphs of an opened Word document as structured text."""
    lines: list[str] = []
    next_number = 1
    for paragraph in document.paragraphs:
        text = " ".join(_paragraph_text(paragraph._p, accept=accept).split())
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style == "Title":
            continue
        if style == "Heading 1":
            lines.append(f"# {text}")
            continue
        if style.startswith("Heading"):
            lines.append(f"## {text}")
            continue
        match = NUMBER_RE.match(text)
        if match and match.group(1).isdigit():
            next_number = int(match.group(1)) + 1
            lines.append(text)
            continue
        level = _is_numbered_list_item(paragraph)
        if level == 0:
            lines.append(f"{next_number}. {text}")
            next_number += 1
            continue
        lines.append(text)
    return "\n".join(lines)
