"""Every page that shows several apps, with one and with many rows of each app's records: the
number of queries is fixed (an N+1 anywhere would make the count grow with the rows)."""

import re
from datetime import date, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations.models import Intervention, Position, Topic
from documents.models import Document, Rendition
from machinery.models import CoordinatorMandate, Mandate, Presidency, PresidencyBody, WorkingGroup
from meetings.models import AgendaItem, Meeting, Participation
from tests.conftest import make_state

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", body.replace("&#x27;", "'")).replace(" :", ":")


def _get(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), _text(response)


def _meeting(title: str, start: date | None, **fields) -> Meeting:
    return Meeting.objects.create(
        kind=fields.pop("kind", Meeting.Kind.MSP),
        title=title,
        slug=title.lower().replace(" ", "-"),
        start_date=start,
        **fields,
    )


def _document(title: str, *, meeting=None, agenda_item=None, languages=("en", "fr")) -> Document:
    document = Document.objects.create(
        title=title,
        slug=title.lower().replace(" ", "-"),
        status=Document.Status.PUBLISHED,
        date=date(2026, 1, 1),
        meeting=meeting,
        agenda_item=agenda_item,
    )
    for language in languages:
        Rendition.objects.create(
            document=document,
            language=language,
            state=Rendition.State.READY,
            file=f"documents/{document.pk}/{language}/x.pdf",
        )
    return document


@pytest.mark.parametrize("rows", [1, 6])
def test_home_query_count_is_constant(client, rows):
    for i in range(rows):
        state = make_state(name=f"State {i}", iso3=f"S{i:02d}")
        held = _meeting(f"Held {i}", date(2011 + i, 9, 1), code=f"{i + 1}MSP", status="held")
        Presidency.objects.create(meeting=held, state=state)
        _meeting(f"Meeting {i}", date(2099, 1, 1 + i), kind="other")
        _document(f"Document {i}")
    coming = _meeting("Coming MSP", date(2099, 9, 1), code=f"{rows + 1}MSP")
    Presidency.objects.create(meeting=coming, state=make_state(name="Presiding State", iso3="PRS"))
    queries, text = _get(client, "/")
    assert "Meeting 0" in text and f"Held {rows - 1}" in text
    assert f"Document {rows - 1}" in text
    assert "Presiding State — President of the Coming MSP" in text
    assert f"Outgoing President: State {rows - 1}" in text
    # upcoming and recent meetings; the latest documents and their language versions; the
    # meetings with their Presidencies
    assert queries == 5


@pytest.mark.parametrize("rows", [1, 8])
def test_meeting_detail_query_count_does_not_grow_with_agenda_and_participants(client, rows):
    """Several agenda items, each with a sub-item, interventions with topics and documents with
    their language versions; interventions and documents under no item; participants,
    preparatory and related meetings."""
    topics = [Topic.objects.create(name=f"Topic {t}", slug=f"topic-{t}") for t in range(2)]
    parent = _meeting("The parent", date(2026, 9, 1), kind=Meeting.Kind.REVIEW_CONFERENCE)
    meeting = _meeting("The meeting", date(2026, 2, 20), prepares=parent, start_time=time(10))
    chair = make_state(name="Chair State", iso3="CHR")
    for i in range(rows):
        state = make_state(name=f"State {i}", iso3=f"S{i:02d}")
        Participation.objects.create(meeting=meeting, delegation=state)
        item = AgendaItem.objects.create(meeting=meeting, number=str(i + 1), title=f"Item title {i}", order=i)
        AgendaItem.objects.create(
            meeting=meeting, parent=item, number=f"{i + 1} (a)", title=f"Sub {i}", order=i
        )
        Intervention.objects.create(
            meeting=meeting, agenda_item=item, delegation=chair, role="chair", summary=f"Opened {i}"
        )
        said = Intervention.objects.create(
            meeting=meeting, agenda_item=item, delegation=state, summary=f"Said {i}", order=1
        )
        for topic in topics:
            Position.objects.create(intervention=said, topic=topic)
        Intervention.objects.create(meeting=meeting, delegation=state, summary=f"Outside {i}")
        _document(f"Paper {i}", meeting=meeting, agenda_item=item)
        _document(f"Note {i}", meeting=meeting, agenda_item=item, languages=("es",))
        _document(f"Other paper {i}", meeting=meeting)
        _meeting(f"Sibling {i}", date(2026, 3, 1 + i), prepares=parent)
        _meeting(f"Preparing {i}", date(2026, 1, 1 + i), prepares=meeting)
    queries, text = _get(client, meeting.get_absolute_url())
    last = rows - 1
    assert f"State {last}: Said {last}" in text and f"State {last}: Outside {last}" in text
    assert f"The Presidency (Chair State): Opened {last}" in text
    item = text[text.index(f"{rows}. Item title {last}") :]
    assert item.index(f"Note {last} ES Paper {last} EN FR") < item.index(f"State {last}: Said {last}")
    assert f"Other paper {last} EN FR" in text
    assert "Topic 1" in text
    assert f"Sibling {last}" in text and f"Preparing {last}" in text
    # the meeting; its agenda items; its interventions and their topics; its published
    # documents and their language versions; participations; preparatory meetings; the
    # other meetings preparing the same one; whether registration is open
    assert queries == 10


@pytest.mark.parametrize("rows", [1, 8])
def test_delegation_detail_query_count_does_not_grow_with_offices_and_interventions(client, rows):
    state = make_state(name="Lao PDR", iso3="LAO", signed=True)
    for i in range(rows):
        meeting = _meeting(f"{i + 1}MSP", date(2011 + i, 9, 1), code=f"{i + 1}MSP", status="held")
        Participation.objects.create(meeting=meeting, delegation=state)
        item = AgendaItem.objects.create(meeting=meeting, number="1", title=f"Opening {i}")
        Intervention.objects.create(meeting=meeting, agenda_item=item, delegation=state, summary=f"Said {i}")
        Intervention.objects.create(meeting=meeting, delegation=state, role="chair", summary=f"Chaired {i}")
        presidency = Presidency.objects.create(meeting=meeting, state=state)
        group = WorkingGroup.objects.create(
            name=f"Group {i}", short_name=f"Group {i}", slug=f"group-{i}", order=i, thematic_area="x"
        )
        CoordinatorMandate.objects.create(state=state, working_group=group, start_meeting=meeting)
        body = PresidencyBody.objects.create(
            name=f"Body {i}", slug=f"body-{i}", presidency=presidency, purpose="x"
        )
        body.members.add(state)
        decision = Mandate.objects.create(
            body=Mandate.Body.COORDINATION_COMMITTEE, kind=Mandate.Kind.COMPOSITION, title=f"Seat {i}",
            summary="x", meeting=meeting, source_symbol=f"CCM/X/{i}", source_paragraph="1",
        )  # fmt: skip
        decision.observers.add(state)
    queries, text = _get(client, "/delegations/LAO/")
    last = rows - 1
    assert f"Meetings attended {rows}MSP · 1 September {2010 + rows}" in text
    assert f"item 1: Opening {last}" in text and f"Said {last}" in text and f"Chaired {last}" in text
    assert f"Presidency of the {rows}MSP" in text
    assert f"Coordinator, Working Group on Group {last}" in text
    assert f"Member of the Body {last}" in text
    assert f"Observer on the Coordination Committee (decision of the {rows}MSP)" in text
    # the delegation; its participations; its interventions; the offices it held: the meetings
    # with their Presidencies, coordinator mandates, bodies, observer seats; its Article 7
    # reports, extension requests, Article 3 and 4 obligations and retentions (reporting's
    # query counts with rows: tests/reporting/test_query_counts.py)
    assert queries == 12
