"""Every page in French and Spanish shows no English interface string (issue 13: "Tried as a
new user would, /fr/ and /es/ versions of every public page, the sign-in pages and every
delegation page show no English interface string").

Over every address of the permission matrix that answers a page (200, HTML) to the public, a
delegation's focal point or ISU staff (the admin aside: Django's own), the French and Spanish
versions are fetched and their text read: every text node and every label a person reads
(aria-label, title, placeholder, alt, a button's value). Any that is, word for word, an English
string of the project's catalogue which that language translates differently is reported.
Text in an element marked lang="en" (content shown in English only, the language switcher's
"English") is English on purpose and is skipped."""

from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings as django_settings

from tests.security.test_url_matrix import MATRIX, ROLES, send, signed_in, w, world  # noqa: F401

READ_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
LANGUAGES = ("fr", "es")
ROLES_SEEN = ("anonymous", "fp_a", "staff")
NOT_PAGES = ("/api/", "/healthz", "/robots.txt", "/i18n/", "/language/", "/media/", "/static/")


def english_strings(language: str) -> set[str]:
    """The catalogue's English strings that ``language`` renders differently, as a person sees
    them (no placeholders, no line breaks)."""
    path = Path(django_settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    strings = set()
    for entry in polib.pofile(str(path)):
        text = " ".join(entry.msgid.split())
        if entry.obsolete or entry.msgid_plural or "%" in text or "{" in text or len(text) < 4:
            continue
        if not any(c.isalpha() for c in text) or " ".join(entry.msgstr.split()) == text:
            continue
        strings.add(text)
    return strings


ENGLISH = {language: english_strings(language) for language in LANGUAGES}


class Reader(HTMLParser):
    """The texts a person reads on a page, outside elements marked lang="en"."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, is English or inside English)
        self.texts: list[str] = []

    @property
    def english(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    @property
    def hidden(self) -> bool:
        return any(tag in ("script", "style") for tag, _ in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        english = self.english or attributes.get("lang", "").startswith("en") or "hreflang" in attributes
        if not english:
            for name in READ_ATTRIBUTES:
                if attributes.get(name):
                    self.texts.append(attributes[name])
            if tag == "input" and attributes.get("type") in ("submit", "button") and attributes.get("value"):
                self.texts.append(attributes["value"])
        if tag not in self.VOID:
            self.stack.append((tag, english))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if not self.english and not self.hidden and data.strip():
            self.texts.append(data)


def english_on(page: str, language: str) -> list[str]:
    reader = Reader()
    reader.feed(page)
    found = []
    for text in reader.texts:
        text = " ".join(text.split()).strip(" ·:–—()")
        if text in ENGLISH[language]:
            found.append(text)
    return sorted(set(found))


def pages(of) -> list[tuple[str, str]]:
    """(role, address) of every page of the matrix that a role reads in the interface."""
    out = []
    for key, entry in MATRIX.items():
        if key.startswith("admin:"):
            continue
        for role in ROLES_SEEN:
            if entry.outcome("get", role) == 200:
                address = entry.address(of)
                if not address.startswith(NOT_PAGES) and not address.endswith((".pdf", ".ics", ".csv")):
                    out.append((role, address))
    return out


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_shows_an_english_interface_string(w, language):  # noqa: F811 (the fixture)
    assert ROLES_SEEN[0] in ROLES
    report = []
    visited = 0
    for role, address in pages(w):
        client = signed_in(w, role)
        response = send(client, "get", f"/{language}{address}")
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        visited += 1
        english = english_on(response.content.decode(), language)
        if english:
            report.append(f"/{language}{address} ({role}): {english}")
    assert visited > 30, f"only {visited} pages were read"
    assert not report, "English interface strings:\n" + "\n".join(report)


def test_the_reader_finds_an_english_string_and_skips_english_content():
    page = (
        '<main><h1>Meetings</h1><p lang="en">Meetings</p>'
        '<a href="/" hreflang="en" lang="en">English</a><nav aria-label="Breadcrumbs">→</nav></main>'
    )
    assert english_on(page, "fr") == ["Breadcrumbs", "Meetings"]
