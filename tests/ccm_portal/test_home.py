import re
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import Document
from meetings.models import Meeting

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


@pytest.mark.parametrize("rows", [1, 6])
def test_home_query_count_is_constant(client, rows):
    for i in range(rows):
        Meeting.objects.create(
            kind="other", title=f"Meeting {i}", slug=f"m-{i}", start_date=date(2099, 1, 1 + i)
        )
        Document.objects.create(
            title=f"Document {i}", slug=f"d-{i}", status="published", date=date(2026, 1, 1)
        )
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/")
    assert "Meeting 0" in _text(response) and f"Document {rows - 1}" in _text(response)
    assert len(ctx.captured_queries) <= 10
