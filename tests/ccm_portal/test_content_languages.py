"""Content in English, French and Spanish (issue 13): the reference data in three languages,
English marked as such where a translation is missing, lists of States in the language's order."""

import re
from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from ccm_portal.lib.i18n import collation_key
from consultations.models import Intervention, Position, Topic
from machinery.models import Mandate, WorkingGroup
from meetings.models import AgendaItem, Delegation, Meeting, RegionalGroup
from meetings.reference_data import AMERICAS_CONSULTATION

pytestmark = pytest.mark.django_db

TRANSLATED = {
    RegionalGroup: ["name"],
    Delegation: ["name"],
    Meeting: ["title", "summary", "notes"],
    AgendaItem: ["title", "outcome"],
    Topic: ["name", "description"],
    Intervention: ["summary"],
    Position: ["statement"],
    WorkingGroup: ["name", "short_name", "thematic_area"],
    Mandate: ["title", "summary"],
}


@pytest.fixture
def loaded(db):
    call_command("load_ccm_data", stdout=open("/dev/null", "w"))


def _text(response) -> str:
    assert response.status_code == 200
    return unescape(response.content.decode())


def _snapshot():
    columns = {}
    for model, fields in TRANSLATED.items():
        names = [f"{f}_{lang}" for f in fields for lang in ("en", "fr", "es")]
        columns[model.__name__] = list(model.objects.order_by("pk").values_list("pk", *names))
        columns[f"{model.__name__} history"] = model.history.count()
    return columns


def test_french_review_conference_page_reads_in_french(client, loaded):
    page = _text(client.get("/fr/meetings/3rc/"))
    assert "<h1>Troisième Conférence d'examen" in page
    assert "République démocratique populaire lao" in page
    # The English page is as it was.
    assert "<h1>Third Review Conference" in _text(client.get("/meetings/3rc/"))


def test_spanish_delegation_page_names_mexico_in_spanish(client, loaded):
    page = _text(client.get("/es/delegations/MEX/"))
    assert "<h1>México" in page
    assert "Estado Parte" in page
    assert "Mexico" not in re.sub(r"<[^>]*>", " ", page.split("<main", 1)[1])


def test_french_machinery_page_names_working_groups_and_president_in_french(client, loaded):
    page = _text(client.get("/fr/machinery/"))
    groups = list(WorkingGroup.objects.all())
    assert groups
    for group in groups:
        # The table names each group by its short name where it has one.
        assert (group.short_name_fr or group.name_fr) in page, group.name_en
    assert "Assistance aux victimes" in page
    assert "République démocratique populaire lao" in page
    assert "(English only)" not in page and "en anglais seulement" not in page


def test_spanish_americas_consultation_reads_in_spanish_with_what_each_delegation_said(client, loaded):
    meeting = Meeting.objects.get(slug=AMERICAS_CONSULTATION)
    page = _text(client.get(f"/es/meetings/{meeting.slug}/"))
    assert meeting.title_es and meeting.title_es in page
    items = list(AgendaItem.objects.filter(meeting=meeting))
    assert items
    for item in items:
        assert item.title_es, item.title_en
        assert item.title_es in page
    interventions = list(Intervention.objects.filter(meeting=meeting))
    assert interventions
    for intervention in interventions:
        assert intervention.summary_es, intervention.summary_en
        assert intervention.summary_es in page
        assert intervention.summary_en not in page
    assert "Palabras de apertura" in page
    assert "solo en inglés" not in page


def test_content_without_translation_shows_english_marked_english_only(client, loaded):
    meeting = Meeting.objects.get(slug="3rc")
    meeting.summary_en = "A summary the ISU has not translated yet."
    meeting.summary_fr = None
    meeting.summary_es = ""
    meeting.save()

    french = client.get("/fr/meetings/3rc/").content.decode()
    assert (
        '<span lang="en">A summary the ISU has not translated yet.</span> '
        '<span class="english-only">(en anglais seulement)</span>'
    ) in french
    spanish = client.get("/es/meetings/3rc/").content.decode()
    assert '<span class="english-only">(solo en inglés)</span>' in spanish
    english = client.get("/meetings/3rc/").content.decode()
    assert "A summary the ISU has not translated yet." in english
    assert "english-only" not in english
    # Never inside the page's title or an attribute: there the English text stands alone.
    title = re.search(r"<title>(.*?)</title>", french, re.S).group(1)
    assert "<span" not in title and "English only" not in title


def test_translated_title_marked_only_where_missing(client, loaded):
    meeting = Meeting.objects.get(slug="3rc")
    meeting.title_fr = ""
    meeting.save()
    page = client.get("/fr/meetings/3rc/").content.decode()
    assert '<h1><span lang="en">Third Review Conference</span> <span class="english-only">' in page
    assert "<title>Third Review Conference" in page


def test_load_ccm_data_fills_french_and_spanish_and_a_second_load_changes_nothing(loaded):
    assert Delegation.objects.get(iso3="MEX").name_es == "México"
    assert Delegation.objects.get(iso3="NLD").name_fr == "Pays-Bas (Royaume des)"
    assert Delegation.objects.get(iso3="LAO").name_en == "Lao PDR"
    assert Delegation.objects.get(slug="icrc").name_fr == "Comité international de la Croix-Rouge"
    assert RegionalGroup.objects.get(slug="americas").name_es == "Américas"
    assert Meeting.objects.get(slug="3rc").title_es == "Tercera Conferencia de Examen"
    first = _snapshot()
    out = StringIO()
    call_command("load_ccm_data", stdout=out)
    assert _snapshot() == first
    assert " created" not in out.getvalue() and " updated" not in out.getvalue()


def test_a_load_over_english_only_records_adds_their_translations(loaded):
    """A database loaded before the content had translations gets them on the next load."""
    Meeting.objects.filter(slug="3rc").update(title_fr=None, title_es=None)
    call_command("load_ccm_data", stdout=open("/dev/null", "w"))
    meeting = Meeting.objects.get(slug="3rc")
    assert (meeting.title_en, meeting.title_fr) == (
        "Third Review Conference",
        "Troisième Conférence d'examen",
    )


def test_states_are_listed_in_the_order_of_the_language(client, loaded):
    assert sorted(["Érythrée", "Estonie", "Égypte", "El Salvador", "Équateur"], key=collation_key) == [
        "Égypte",
        "El Salvador",
        "Équateur",
        "Érythrée",
        "Estonie",
    ]
    page = _text(client.get("/fr/delegations/"))
    africa = page.split('id="region-africa"', 1)[1].split("</section>", 1)[0]
    parties = africa.split('<ul class="columns">', 1)[1].split("</ul>", 1)[0]
    names = re.findall(r'<li><a href="/fr/delegations/[A-Z]{3}/">([^<]+)</a></li>', parties)
    assert len(names) > 10
    assert "Afrique du Sud" in names
    assert names == sorted(names, key=collation_key)
    assert names != sorted(names)  # "Égypte"-like names would come last in code-point order


def test_pages_in_french_take_no_more_queries_than_in_english(client, loaded):
    for path in ["/delegations/", "/meetings/", "/machinery/", "/meetings/3rc/", "/delegations/MEX/"]:
        counts = []
        for prefix in ["", "/fr", "/es"]:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(prefix + path).status_code == 200
            counts.append(len(ctx.captured_queries))
        assert counts[1] == counts[0] and counts[2] == counts[0], (path, counts)


def test_a_change_of_a_translation_is_kept_in_the_history(staff, loaded):
    meeting = Meeting.objects.get(slug="3rc")
    before = meeting.history.count()
    meeting.summary_fr = "Un résumé revu par l'ISU."
    meeting._history_user = staff
    with translation.override("en"):  # the admin's language (its addresses have no prefix)
        meeting.save()
    assert meeting.history.count() == before + 1
    latest = meeting.history.first()
    assert latest.history_user == staff
    # The historical row keeps the text in the language of the change (English here).
    assert latest.title == "Third Review Conference"
    assert Meeting.objects.get(slug="3rc").summary_fr == "Un résumé revu par l'ISU."


def test_the_admin_edits_each_translated_field_in_three_languages(client, staff, loaded):
    client.force_login(staff)
    meeting = Meeting.objects.get(slug="3rc")
    page = client.get(f"/admin/meetings/meeting/{meeting.pk}/change/").content.decode()
    for language in ("en", "fr", "es"):
        assert f'name="title_{language}"' in page
        assert f'name="summary_{language}"' in page
    assert 'name="title"' not in page
    assert "Troisième Conférence d&#x27;examen" in page
    # Its history pages still work.
    assert client.get(f"/admin/meetings/meeting/{meeting.pk}/history/").status_code == 200
