import re
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations.models import Intervention, Position, Topic
from meetings.models import AgendaItem, Meeting, Participation, RegionalGroup
from tests.conftest import make_state

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", body.replace("&#x27;", "'")).replace(" :", ":").replace(" ,", ",")


def _section(text: str, start: str, end: str) -> str:
    begin = text.index(start)
    return text[begin : text.index(end, begin + len(start))]


def test_consultations_page_shows_gender_positions_of_panama_canada_and_mexico(client):
    call_command("load_ccm_data")
    text = _text(client.get("/consultations/"))
    gender = _section(text, "Gender and diversity Americas", "Environment and climate Americas")
    assert "Panama: Supports mainstreaming gender, diversity, youth and disability inclusion" in gender
    assert "Canada: Gender mainstreaming should stay consistent" in gender
    assert "Mexico: The agreed language on gender mainstreaming must be kept." in gender
    assert "Peru" not in gender
    # Which consultation and item each position comes from.
    assert "Informal regional consultation with the Americas Group, item 2 (b), 20 February 2026" in gender
    # The Presidency's statements are not a delegation's position.
    assert "Lao PDR" not in _section(text, "Positions by topic", "Operated by")


def test_consultations_page_lists_the_consultations(client):
    call_command("load_ccm_data")
    text = _text(client.get("/consultations/"))
    consultations = _section(text, "Consultations (2)", "Positions by topic")
    assert "20 February 2026 Informal regional consultation with the Americas Group Americas" in consultations
    assert "Room IX, Palais des Nations, Geneva, Switzerland 11 4" in consultations
    assert "22 and 24 June 2026 Second regional consultations" in consultations


def test_topic_page_shows_positions_by_region(client):
    call_command("load_ccm_data")
    text = _text(client.get("/consultations/topics/gender-and-diversity/"))
    positions = _section(text, "Positions by region and delegation", "Other topics")
    assert (
        positions.index("Americas")
        < positions.index("Canada")
        < positions.index("Mexico")
        < positions.index("Panama")
    )
    assert client.get("/consultations/topics/nothing/").status_code == 404


def test_topic_without_positions_says_so(client):
    Topic.objects.create(name="Risk education", slug="risk-education")
    text = _text(client.get("/consultations/topics/risk-education/"))
    assert "No delegation's position on this topic is recorded yet." in text


def _consultation_with(rows: int) -> None:
    europe = RegionalGroup.objects.create(name="Europe", slug="europe", order=3)
    topics = [Topic.objects.create(name=f"Topic {t}", slug=f"topic-{t}", order=t) for t in range(2)]
    for i in range(rows):
        meeting = Meeting.objects.create(
            kind=Meeting.Kind.REGIONAL_CONSULTATION,
            title=f"Consultation {i}",
            slug=f"consultation-{i}",
            start_date=date(2026, 1, 1 + i),
            is_formal=False,
        )
        item = AgendaItem.objects.create(meeting=meeting, number="1", title="Item")
        state = make_state(name=f"State {i}", iso3=f"S{i:02d}", region=europe if i % 2 else None)
        Participation.objects.create(meeting=meeting, delegation=state)
        said = Intervention.objects.create(
            meeting=meeting, agenda_item=item, delegation=state, summary=f"Said {i}"
        )
        for topic in topics:
            Position.objects.create(intervention=said, topic=topic, statement=f"On {topic.name}: view {i}")


@pytest.mark.parametrize("rows", [1, 12])
def test_consultation_list_query_count_is_constant(client, rows):
    _consultation_with(rows)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/consultations/")
    text = _text(response)
    assert f"Consultation {rows - 1}" in text
    assert f"State {rows - 1}: On Topic 1: view {rows - 1}" in text
    # consultations with their counts; topics; positions with delegations, regions and meetings
    assert len(ctx.captured_queries) <= 3


@pytest.mark.parametrize("rows", [1, 12])
def test_topic_detail_query_count_is_constant(client, rows):
    _consultation_with(rows)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/consultations/topics/topic-0/")
    assert f"State {rows - 1}: On Topic 0: view {rows - 1}" in _text(response)
    # the topic; its positions; the other topics
    assert len(ctx.captured_queries) <= 3
