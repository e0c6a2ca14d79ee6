import re

import pytest
from django.core.management import call_command

from documents.models import Document
from meetings.models import AgendaItem, Meeting

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_meeting_page_lists_documents_under_their_agenda_item(client):
    call_command("load_ccm_data", verbosity=0)
    page = _text(client.get("/meetings/3rc-first-preparatory-meeting/"))
    item = page.index("Exchange of views on the preparation of documents for the Third Review Conference")
    paper = page.index("Reflections and options regarding the Convention")
    assert item < paper


def test_unpublished_documents_stay_off_the_meeting_page(client):
    call_command("load_ccm_data", verbosity=0)
    meeting = Meeting.objects.get(slug="3rc-first-preparatory-meeting")
    Document.objects.create(
        title="A draft nobody may see yet",
        slug="draft-x",
        meeting=meeting,
        agenda_item=AgendaItem.objects.get(meeting=meeting, number="7"),
        status=Document.Status.DRAFT,
    )
    assert "A draft nobody may see yet" not in _text(client.get(meeting.get_absolute_url()))
