"""Addresses per language.

Every page has one address per interface language: English unprefixed (``/meetings/3rc/``),
French and Spanish under a prefix (``/fr/meetings/3rc/``, ``/es/meetings/3rc/``), through
``i18n_patterns(..., prefix_default_language=False)`` in the root URLconf. English stays
unprefixed so that every address published before the portal spoke three languages, and every
document symbol cited as ``/documents/CCM/CONF/2021/6/``, keeps working and keeps meaning the
same page. The address alone decides the language (never a cookie or Accept-Language), so a
page is the same for every visitor, can be cached and linked, and search engines index each
language through the ``hreflang`` alternates every page carries.
"""

import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language_from_path, get_language_info, override


@dataclass(frozen=True)
class Alternate:
    code: str
    name: str  # in its own language ("Français")
    url: str  # the same page in that language, path and query string
    current: bool


def language_of(request: HttpRequest) -> str:
    """The language of the page at this address, as LocaleMiddleware decides it."""
    return get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def page_in(address: str, code: str) -> str:
    """The address of the page at ``address`` (a path on this site, with its query string) in
    the language ``code``; the address itself when it names no page of the portal."""
    path = address.split("?", 1)[0]
    with override(get_language_from_path(path) or settings.LANGUAGE_CODE):
        return translate_url(address, code)


def alternates(request: HttpRequest) -> list[Alternate]:
    """The page the request asks for in each interface language (its own address included)."""
    here = request.get_full_path()
    current = language_of(request)
    return [
        Alternate(
            code=code,
            name=get_language_info(code)["name_local"],
            url=here if code == current else page_in(here, code),
            current=code == current,
        )
        for code, _name in settings.LANGUAGES
    ]


def language_alternates(request: HttpRequest) -> dict:
    """Template context processor: ``language_alternates`` for the footer's switcher and the
    ``<link rel="alternate" hreflang>`` elements of the layout."""
    return {"language_alternates": alternates(request)}


def collation_key(text: str) -> str:
    """A sort key for names in the page's language, accents and case ignored ("Équateur"
    between "El Salvador" and "Érythrée", "Éthiopie"; "México" with the M's), as the UN's
    lists sort them."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
