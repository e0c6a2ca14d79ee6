"""The home page: meetings (meetings), the latest documents (documents) and the Presidency of
today (machinery)."""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_home_shows_presidency_meetings_and_documents(client):
    call_command("load_ccm_data", verbosity=0)
    text = _text(client.get("/"))
    assert "Presidency" in text
    assert "Upcoming meetings" in text and "Recent meetings" in text
    assert "Latest documents" in text
    assert "CCM/CONF/2021/6" in text
    assert "Reflections and options regarding the Convention" in text


def test_home_page_links_the_sections(client, db):
    text = _text(client.get("/"))
    assert "Convention on Cluster Munitions" in text
    assert "States and organisations" in text
