"""UN-style document symbols of the Convention, parsed and validated.

A symbol names the body, the year, an optional preparatory-meeting part, a series and a
number, then any chain of suffixes:

    CCM/CONF/2021/6                 the 6th document of the Review Conference of 2021
    CCM/MSP/2024/WP.1               working paper 1 of the Meeting of States Parties of 2024
    CCM/CONF/2015/PM.1/2            document 2 of the First Preparatory Meeting
    CCM/MSP/2011/WP.3/Rev.1/Amend.1 a revision, amended

Symbols are stored in their canonical spelling (``str(parse_symbol(text))``), so that
``ccm/msp/2024/wp.1`` and ``CCM/MSP/2024/WP.1`` are the same document.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORGAN = "CCM"
BODIES = {"MSP": _("Meeting of States Parties"), "CONF": _("Review Conference")}
# Series that carry a prefix before their number; a plain number is the main series.
SERIES = {
    "WP": _("working paper"),
    "INF": _("information document"),
    "CRP": _("conference room paper"),
    "MISC": _("miscellaneous document"),
    "L": _("limited document"),
}
SUFFIXES = {"Rev": _("revision"), "Corr": _("corrigendum"), "Add": _("addendum"), "Amend": _("amendment")}
FIRST_YEAR, LAST_YEAR = 2008, 2100  # the Convention was adopted in 2008

_SERIES_ALT = "|".join(SERIES)
_SUFFIX_ALT = "|".join(SUFFIXES)
# One symbol inside running text (used to find citations); anchored on the grammar so that a
# full stop after "CCM/MSP/2024/WP.1." is not taken as part of it.
SYMBOL_IN_TEXT = re.compile(
    rf"\bCCM/(?:{'|'.join(BODIES)})/\d{{4}}/(?:PM\.\d+/)?(?:(?:{_SERIES_ALT})\.\d+|\d+)"
    rf"(?:/(?:{_SUFFIX_ALT})\.\d+)*(?![\w/])",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^([A-Za-z]+)\.(\d+)$")


@dataclass(frozen=True)
class Symbol:
    body: str  # MSP or CONF
    year: int
    series: str  # "" for the main (plain-number) series, else WP, INF, ...
    number: int
    preparatory_meeting: int | None = None  # PM.1 -> 1
    suffixes: tuple[tuple[str, int], ...] = ()  # (("Rev", 1), ("Amend", 1))

    def __str__(self) -> str:
        return "/".join([self.series_prefix + str(self.number), *(f"{k}.{n}" for k, n in self.suffixes)])

    @property
    def series_prefix(self) -> str:
        """Everything before the number: ``CCM/MSP/2024/WP.`` or ``CCM/CONF/2021/``."""
        parts = [ORGAN, self.body, str(self.year)]
        if self.preparatory_meeting is not None:
            parts.append(f"PM.{self.preparatory_meeting}")
        return "/".join(parts) + "/" + (f"{self.series}." if self.series else "")

    @property
    def base(self) -> "Symbol":
        """The symbol without suffixes: the document that revisions and corrigenda refer to."""
        return Symbol(self.body, self.year, self.series, self.number, self.preparatory_meeting)

    @property
    def parent(self) -> "Symbol | None":
        """The symbol one suffix shorter (``.../Rev.1/Amend.1`` -> ``.../Rev.1``), or None."""
        if not self.suffixes:
            return None
        return Symbol(
            self.body, self.year, self.series, self.number, self.preparatory_meeting, self.suffixes[:-1]
        )

    @property
    def last_suffix(self) -> str:
        return self.suffixes[-1][0] if self.suffixes else ""

    @property
    def filename_stem(self) -> str:
        """``CCM/CONF/2021/6`` -> ``CCM_CONF_2021_6`` (for download file names)."""
        return str(self).replace("/", "_")


def _error(message, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params)


def parse_symbol(text: str) -> Symbol:
    """Parse ``text`` into a Symbol, or raise ValidationError with a message staff can act on."""
    raw = (text or "").strip()
    if not raw:
        raise _error(_("Enter a symbol such as CCM/MSP/2024/WP.1."), "empty")
    if re.search(r"\s", raw):
        raise _error(_("A symbol has no spaces: “%(value)s”."), "spaces", value=raw)
    parts = raw.split("/")
    if any(p == "" for p in parts):
        raise _error(_("“%(value)s” has an empty part between slashes."), "empty_part", value=raw)
    if parts[0].upper() != ORGAN:
        raise _error(_("A symbol of the Convention starts with CCM/: “%(value)s”."), "organ", value=raw)
    if len(parts) < 4:
        raise _error(
            _("“%(value)s” is incomplete: a symbol reads CCM/<body>/<year>/<number>, e.g. CCM/CONF/2021/6."),
            "incomplete",
            value=raw,
        )
    body = parts[1].upper()
    if body not in BODIES:
        raise _error(
            _("Unknown body “%(body)s”: use MSP (Meeting of States Parties) or CONF (Review Conference)."),
            "body",
            body=parts[1],
        )
    if not re.fullmatch(r"\d{4}", parts[2]) or not FIRST_YEAR <= int(parts[2]) <= LAST_YEAR:
        raise _error(_("“%(year)s” is not a year between 2008 and 2100."), "year", year=parts[2])
    year = int(parts[2])
    rest = parts[3:]

    preparatory_meeting = None
    match = _NUMBERED.match(rest[0])
    if match and match.group(1).upper() == "PM":
        preparatory_meeting = int(match.group(2))
        rest = rest[1:]
        if not rest:
            raise _error(
                _("“%(value)s” names a preparatory meeting but no document number (e.g. …/PM.1/2)."),
                "pm_number",
                value=raw,
            )

    head, suffix_parts = rest[0], rest[1:]
    if head.isdigit():
        series, number = "", int(head)
    else:
        match = _NUMBERED.match(head)
        series = match.group(1).upper() if match else ""
        if not match or series not in SERIES:
            raise _error(
                _(
                    "“%(part)s” is not a document number: use a number (6) or a series and number (%(series)s)."
                ),
                "number",
                part=head,
                series=", ".join(f"{s}.1" for s in SERIES),
            )
        number = int(match.group(2))
    if number < 1:
        raise _error(_("Document numbers start at 1: “%(value)s”."), "zero", value=raw)

    suffixes = []
    canonical = {s.lower(): s for s in SUFFIXES}
    for part in suffix_parts:
        match = _NUMBERED.match(part)
        kind = canonical.get(match.group(1).lower()) if match else None
        if kind is None:
            raise _error(
                _("“%(part)s” is not a suffix: use Rev.1, Corr.1, Add.1 or Amend.1."), "suffix", part=part
            )
        if int(match.group(2)) < 1:
            raise _error(_("Suffix numbers start at 1: “%(part)s”."), "suffix_zero", part=part)
        suffixes.append((kind, int(match.group(2))))
    return Symbol(body, year, series, number, preparatory_meeting, tuple(suffixes))


def normalize_symbol(text: str) -> str:
    return str(parse_symbol(text))


def validate_symbol(value: str) -> None:
    """Model-field validator: the symbol must parse and be written in its canonical spelling."""
    canonical = normalize_symbol(value)
    if canonical != value:
        raise ValidationError(
            _("Write the symbol as %(canonical)s."), code="not_canonical", params={"canonical": canonical}
        )


def symbols_in_text(text: str) -> list[str]:
    """The canonical symbols mentioned in ``text``, in order of first mention, without repeats."""
    seen: dict[str, None] = {}
    for match in SYMBOL_IN_TEXT.finditer(text or ""):
        try:
            seen.setdefault(normalize_symbol(match.group(0)), None)
        except ValidationError:  # e.g. a year out of range: not a symbol after all
            continue
    return list(seen)


def next_free_number(prefix: Symbol | str, existing: Iterable[str]) -> str:
    """The next unused symbol in the series of ``prefix`` (a symbol of that series, or its
    prefix such as ``CCM/MSP/2026/WP.``), given the symbols already in the register."""
    if isinstance(prefix, str):
        prefix = parse_symbol(prefix if not prefix.endswith((".", "/")) else prefix + "1")
    series = prefix.series_prefix
    taken = 0
    for symbol in existing:
        try:
            parsed = parse_symbol(symbol)
        except ValidationError:
            continue
        if parsed.series_prefix == series:
            taken = max(taken, parsed.number)
    return f"{series}{taken + 1}"
