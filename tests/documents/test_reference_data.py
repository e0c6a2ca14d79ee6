import pytest
from django.core.management import call_command

from documents.models import Document
from meetings.models import Meeting

from .conftest import page_text

pytestmark = pytest.mark.django_db

WP_URL = "/documents/1pm-3rc-machinery-coordination-committee-president/"


def test_working_paper_and_its_cited_documents_are_in_the_register(client):
    call_command("load_ccm_data")
    meeting = Meeting.objects.get(slug="3rc-first-preparatory-meeting")
    assert str(meeting.start_date) == "2026-03-30"
    paper = Document.objects.get(slug="1pm-3rc-machinery-coordination-committee-president")
    assert paper.symbol is None and paper.get_absolute_url() == WP_URL
    assert paper.agenda_item.number == "7" and paper.meeting == meeting
    assert paper.original_only and paper.without_formal_editing and paper.kind == Document.Kind.WORKING_PAPER
    assert not paper.renditions.exists()

    text = page_text(client.get(WP_URL))
    for expected in [
        "Reflections and options regarding the Convention's machinery: Coordination Committee and the Role of the President",
        "First Preparatory Meeting for the Third Review Conference",
        "Item 7 of the provisional agenda: Exchange of views on the preparation of documents for the Third Review Conference",
        "30 March 2026",
        "English only",
        "The present document is being issued without formal editing.",
        "The portal holds no PDF of this document.",
    ]:
        assert expected in text, expected
    html = client.get(WP_URL).content.decode()
    for symbol in ["CCM/CONF/2021/6", "CCM/MSP/2024/WP.1", "CCM/CONF/2020/12", "CCM/MSP/2018/WP.3"]:
        assert f'<a class="symbol" href="/documents/{symbol}/">{symbol}</a>' in html, symbol


def test_cited_documents_have_their_pages_and_show_the_paper_cites_them(client):
    call_command("load_ccm_data")
    text = page_text(client.get("/documents/CCM/CONF/2021/6/"))
    assert "[Final report of the Second Review Conference]" in text and "Second Review Conference" in text
    text = page_text(client.get("/documents/CCM/MSP/2018/WP.3/"))
    assert "Establishment of a Process for the Selection of the Presidency of the CCM" in text
    assert "Cited by Reflections and options regarding the Convention's machinery" in text
    assert "Eighth Meeting of States Parties" in text
    text = page_text(client.get("/documents/CCM/CONF/2020/12/"))
    assert "Ways Forward on Universalisation of the Convention on Cluster Munitions" in text
    assert "Cited by" in text and "The portal holds no PDF of this document." in text
    assert client.get("/documents/CCM/MSP/2024/WP.1/").status_code == 200


def test_loading_twice_changes_nothing_and_keeps_staff_edits(staff):
    call_command("load_ccm_data")
    paper = Document.objects.get(slug="1pm-3rc-machinery-coordination-committee-president")
    count = Document.objects.count()
    paper.summary = "Edited by staff."
    paper._history_user = staff
    paper.save()
    call_command("load_ccm_data")
    assert Document.objects.count() == count == 5
    paper.refresh_from_db()
    assert paper.summary == "Edited by staff."
    assert paper.history.count() == 2


def test_the_seed_search_finds_the_working_paper(client):
    call_command("load_ccm_data")
    text = page_text(client.get("/documents/?q=Presidency"))
    assert "Reflections and options regarding the Convention's machinery" in text
