"""Query counts of the document pages not covered in test_views.py: a search and the feed,
with one and with many documents (the count must not grow)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import make_document, make_meeting, page_text

pytestmark = pytest.mark.django_db


def _count(client, path: str):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    return response, len(ctx.captured_queries)


@pytest.mark.parametrize("rows", [1, 6])
def test_search_query_count_does_not_grow(client, rows):
    meeting = make_meeting()
    for i in range(rows):
        make_document(
            symbol=f"CCM/MSP/2026/WP.{i + 1}",
            title=f"Victim assistance paper {i}",
            meeting=meeting,
            publish=True,
        )
    response, queries = _count(client, "/documents/?q=victim+assistance")
    assert f"Victim assistance paper {rows - 1}" in page_text(response)
    # years, meetings, count, documents, their renditions
    assert queries <= 5


@pytest.mark.parametrize("rows", [1, 6])
def test_feed_query_count_does_not_grow(client, rows):
    meeting = make_meeting()
    for i in range(rows):
        make_document(symbol=f"CCM/MSP/2026/WP.{i + 1}", title=f"Paper {i}", meeting=meeting, publish=True)
    response, queries = _count(client, "/documents/feed/")
    assert f"Paper {rows - 1}".encode() in response.content
    assert queries <= 3
