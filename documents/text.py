"""The structured text staff write for a document's body, and its HTML.

The markup is line-based and deliberately small (it is documented to staff in the admin):

    # I. Introduction              a heading; "## " for a sub-heading
    1. The text of paragraph 1.    a numbered paragraph (numbers run 1, 2, 3...); following
       lines without a blank line  continue it
    A line of text                 an unnumbered paragraph
    - an item                      a bulleted list item
    (a) an item                    a lettered item, the label kept: (a), (b), (iii)
    Text with a note.[^1]          a footnote reference...
    [^1]: The footnote's text.     ...and its text, on its own line anywhere in the body
    **bold**, *italic*             emphasis

Any document symbol in the text (CCM/CONF/2021/6) becomes a link to that document when the
register holds it. The same text renders for the web page (footnotes listed at the end) and
for print (footnotes at the foot of the page, via WeasyPrint's ``float: footnote``).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .symbols import SYMBOL_IN_TEXT, normalize_symbol

_HEADING = re.compile(r"^(#{1,2})\s+(.+)$")
_FOOTNOTE_DEF = re.compile(r"^\[\^([\w-]+)\]:\s*(.*)$")
_NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$")
_BULLET = re.compile(r"^[-•]\s+(.*)$")
_LABELLED = re.compile(r"^\(([a-z]{1,2}|[ivxl]{1,6})\)\s+(.*)$")
_FOOTNOTE_REF = re.compile(r"\[\^([\w-]+)\]")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


@dataclass
class Block:
    kind: str  # heading, paragraph, list
    text: str = ""
    level: int = 2
    number: int | None = None
    items: list[tuple[str, str]] = field(default_factory=list)  # (label, text); label "" for bullets
    ordered: bool = False


@dataclass
class ParsedText:
    blocks: list[Block]
    footnotes: dict[str, str]

    @property
    def paragraph_numbers(self) -> list[int]:
        return [b.number for b in self.blocks if b.kind == "paragraph" and b.number is not None]


def parse(text: str) -> ParsedText:
    blocks: list[Block] = []
    footnotes: dict[str, str] = {}
    current: Block | None = None  # the block that a continuation line extends
    last_footnote: str | None = None
    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            current, last_footnote = None, None
            continue
        if match := _FOOTNOTE_DEF.match(line):
            footnotes[match.group(1)] = match.group(2)
            current, last_footnote = None, match.group(1)
            continue
        if last_footnote is not None:  # a footnote continues on the next line
            footnotes[last_footnote] += " " + line
            continue
        if match := _HEADING.match(line):
            blocks.append(Block("heading", match.group(2), level=len(match.group(1)) + 1))
            current = None
        elif match := _NUMBERED.match(line):
            current = Block("paragraph", match.group(2), number=int(match.group(1)))
            blocks.append(current)
        elif (match := _BULLET.match(line)) or (match := _LABELLED.match(line)):
            label, item = ("", match.group(1)) if match.re is _BULLET else (match.group(1), match.group(2))
            if not (blocks and blocks[-1].kind == "list" and blocks[-1].ordered == bool(label)):
                blocks.append(Block("list", ordered=bool(label)))
            blocks[-1].items.append((label, item))
            current = blocks[-1]
        elif current is not None and current.kind == "list":
            label, item = current.items[-1]
            current.items[-1] = (label, f"{item} {line}")
        elif current is not None and current.kind == "paragraph":
            current.text += " " + line
        else:
            current = Block("paragraph", line)
            blocks.append(current)
    return ParsedText(blocks, footnotes)


def check(text: str) -> list[str]:
    """What is wrong with ``text`` as staff wrote it (empty when all is well)."""
    parsed = parse(text)
    problems = []
    numbers = parsed.paragraph_numbers
    if numbers and numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        problems.append(
            _("Numbered paragraphs must run in order without gaps; found %(numbers)s.")
            % {"numbers": ", ".join(map(str, numbers))}
        )
    referenced = set(_FOOTNOTE_REF.findall(text or "")) - set(parsed.footnotes)
    for key in sorted(referenced):
        problems.append(_("Footnote [^%(key)s] is referenced but its text is missing.") % {"key": key})
    used = set()
    for block in parsed.blocks:
        used.update(_FOOTNOTE_REF.findall(block.text))
        for _label, item in block.items:
            used.update(_FOOTNOTE_REF.findall(item))
    for key in sorted(set(parsed.footnotes) - used):
        problems.append(_("Footnote [^%(key)s] has a text but no reference in the body.") % {"key": key})
    return problems


class _Renderer:
    def __init__(self, parsed: ParsedText, link: Callable[[str], str | None], mode: str):
        self.parsed, self.link, self.mode = parsed, link, mode
        self.order: list[str] = []  # footnote keys in order of first reference

    def inline(self, text: str, *, in_footnote: bool = False) -> str:
        html = escape(text, quote=False)
        html = _BOLD.sub(r"<strong>\1</strong>", html)
        html = _ITALIC.sub(r"<em>\1</em>", html)
        html = SYMBOL_IN_TEXT.sub(self._symbol, html)
        if not in_footnote:
            html = _FOOTNOTE_REF.sub(self._footnote_ref, html)
        return html

    def _symbol(self, match: re.Match) -> str:
        written = match.group(0)
        try:
            url = self.link(normalize_symbol(written))
        except Exception:  # a year out of range: leave the text as written
            url = None
        return f'<a class="symbol" href="{escape(url)}">{written}</a>' if url else written

    def _footnote_ref(self, match: re.Match) -> str:
        key = match.group(1)
        if key not in self.parsed.footnotes:
            return match.group(0)
        first = key not in self.order
        if first:
            self.order.append(key)
        n = self.order.index(key) + 1
        if self.mode == "print":
            if first:  # WeasyPrint moves the span to the foot of the page and numbers it
                return f'<span class="footnote" data-n="{n}">{self.inline(self.parsed.footnotes[key], in_footnote=True)}</span>'
            return f'<sup class="fn-again">{n}</sup>'
        ref_id = f' id="fnref-{key}"' if first else ""
        return f'<sup class="fn-ref"><a href="#fn-{key}"{ref_id}>{n}</a></sup>'

    def render(self) -> str:
        out = []
        for block in self.parsed.blocks:
            if block.kind == "heading":
                out.append(f"<h{block.level + 1}>{self.inline(block.text)}</h{block.level + 1}>")
            elif block.kind == "paragraph" and block.number is not None:
                out.append(
                    f'<p class="para" id="para-{block.number}"><span class="para-num">{block.number}.</span>'
                    f"{self.inline(block.text)}</p>"
                )
            elif block.kind == "paragraph":
                out.append(f"<p>{self.inline(block.text)}</p>")
            else:
                items = "".join(
                    (f'<li><span class="item-label">({label})</span>' if label else "<li>")
                    + f"{self.inline(text)}</li>"
                    for label, text in block.items
                )
                out.append(f'<ul class="{"labelled" if block.ordered else "bullets"}">{items}</ul>')
        if self.mode == "web" and self.order:
            notes = "".join(
                f'<li id="fn-{key}">{self.inline(self.parsed.footnotes[key], in_footnote=True)} '
                f'<a href="#fnref-{key}" class="fn-back" aria-label="{escape(_("Back to the text"))}">↩</a></li>'
                for key in self.order
            )
            out.append(
                f'<section class="footnotes" aria-labelledby="footnotes-title">'
                f'<h2 id="footnotes-title" class="footnotes__title">{escape(_("Notes"))}</h2><ol>{notes}</ol></section>'
            )
        return "\n".join(out)


def to_html(
    text: str, *, link: Callable[[str], str | None] = lambda s: None, mode: str = "web"
) -> SafeString:
    """``text`` as HTML: ``mode="web"`` lists footnotes at the end, ``"print"`` places them
    for the foot of the page. ``link(symbol)`` returns the address of a cited document or None."""
    if mode not in ("web", "print"):
        raise ValueError(mode)
    # Every text part is escaped by the renderer (tests/robustness/test_escaping.py).
    return mark_safe(_Renderer(parse(text), link, mode).render())  # noqa: S308  # nosec
