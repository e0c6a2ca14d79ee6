"""The interface in French and Spanish: complete catalogues, kept in step with the code, and
every page at an address of its own per language (ccm_portal/lib/i18n.py)."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

BASE_DIR = Path(settings.BASE_DIR)
LANGUAGES = ("fr", "es")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sd]|\{\w*\}")
# What makemessages reads: the project's code and templates (not its tests, benchmarks or tools).
NOT_SOURCES = (
    ".git",
    ".venv",
    "node_modules",
    "var",
    "media",
    "staticfiles",
    "tests",
    "bench",
    "docs",
    "locale",
)


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"))


def entry_ids(po: polib.POFile) -> set[tuple[str, str, str]]:
    return {
        (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "") for entry in po if not entry.obsolete
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_has_no_untranslated_or_fuzzy_entry(language):
    po = catalogue(language)
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert len(po) > 1000
    assert untranslated == [], f"{len(untranslated)} untranslated {language} entries, e.g. {untranslated[:5]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy {language} entries, e.g. {fuzzy[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_keeps_the_placeholders_of_its_original(language):
    wrong = []
    for entry in catalogue(language):
        if entry.obsolete:
            continue
        pairs = (
            [(entry.msgid, entry.msgstr)]
            if not entry.msgid_plural
            else [(entry.msgid_plural, text) for text in entry.msgstr_plural.values()]
        )
        for original, translated in pairs:
            if sorted(set(PLACEHOLDER.findall(original))) != sorted(set(PLACEHOLDER.findall(translated))):
                if not entry.msgid_plural or set(PLACEHOLDER.findall(translated)) - set(
                    PLACEHOLDER.findall(original)
                ):
                    wrong.append(entry.msgid)
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_is_the_one_in_use(language):
    """make install compiles the .po files; a stale .mo would serve old translations."""
    po_path = BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), "run make install (it compiles the catalogues)"
    assert mo_path.stat().st_mtime >= po_path.stat().st_mtime, "the .mo is older than its .po: make install"


def test_makemessages_finds_no_string_that_the_catalogues_lack(tmp_path):
    """Run makemessages over a copy of the code and compare: a string marked for translation in
    the code but missing from the catalogues (or the reverse) fails here, and in CI."""
    copy = tmp_path / "project"
    shutil.copytree(BASE_DIR, copy, ignore=shutil.ignore_patterns(*NOT_SOURCES, "__pycache__", "*.sqlite3"))
    shutil.copytree(BASE_DIR / "locale", copy / "locale")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "-l", "es", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "ccm_portal.settings", "DEBUG": "true"},
    )
    for language in LANGUAGES:
        extracted = entry_ids(polib.pofile(str(copy / "locale" / language / "LC_MESSAGES" / "django.po")))
        committed = entry_ids(catalogue(language))
        missing, stale = extracted - committed, committed - extracted
        assert not missing, f"run make messages and translate: {sorted(missing)[:10]}"
        assert not stale, f"entries no longer in the code (make messages drops them): {sorted(stale)[:10]}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "switcher"),
    [("fr", "Réunions", "Français"), ("es", "Reuniones", "Español")],
)
def test_a_page_at_its_language_address_speaks_that_language(client, language, heading, switcher):
    response = client.get(f"/{language}/meetings/")
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert heading in page
    assert "Meetings</a>" not in page
    assert f'hreflang="{language}" href="http://testserver/{language}/meetings/"' in page
    assert 'hreflang="en" href="http://testserver/meetings/"' in page
    assert 'hreflang="x-default" href="http://testserver/meetings/"' in page
    assert (
        f'<a href="/{language}/meetings/" lang="{language}" hreflang="{language}" aria-current="true">{switcher}</a>'
        in page
    )


@pytest.mark.django_db
def test_english_addresses_stay_unprefixed_whatever_the_browser_asks(client):
    page = client.get("/meetings/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="en">' in page
    assert "Meetings</a>" in page
    with translation.override("es"):
        assert reverse("meetings:meeting-list") == "/es/meetings/"
    assert reverse("meetings:meeting-list") == "/meetings/"


@pytest.mark.django_db
def test_the_language_switch_keeps_the_page_and_its_query(client):
    response = client.get("/language/es/?next=/documents/%3Fyear%3D2021")
    assert response.status_code == 302
    assert response["Location"] == "/es/documents/?year=2021"
    page = client.get("/fr/documents/?year=2021").content.decode()
    assert '<a href="/es/documents/?year=2021" lang="es"' in page


@pytest.mark.django_db
def test_the_page_cache_keeps_each_language_apart(client):
    english = client.get("/meetings/").content.decode()
    french = client.get("/fr/meetings/").content.decode()
    assert '<html lang="en">' in english and '<html lang="fr">' in french
    assert '<html lang="en">' in client.get("/meetings/").content.decode()
    assert '<html lang="fr">' in client.get("/fr/meetings/").content.decode()
