from datetime import date

import pytest
from django.core.exceptions import ValidationError

from consultations.models import Intervention, Position, Topic
from meetings.models import AgendaItem, Meeting
from tests.conftest import make_state

pytestmark = pytest.mark.django_db


def _meeting(slug):
    return Meeting.objects.create(
        kind="regional_consultation", title=slug, slug=slug, start_date=date(2026, 2, 20)
    )


def test_intervention_item_must_belong_to_its_meeting():
    one, two = _meeting("one"), _meeting("two")
    item = AgendaItem.objects.create(meeting=two, title="Elsewhere")
    said = Intervention(
        meeting=one, agenda_item=item, delegation=make_state(name="Peru", iso3="PER"), summary="x"
    )
    with pytest.raises(ValidationError) as error:
        said.full_clean()
    assert "agenda_item" in error.value.message_dict


def test_speaker_and_chair():
    meeting = _meeting("one")
    lao = make_state(name="Lao PDR", iso3="LAO")
    chair = Intervention.objects.create(meeting=meeting, delegation=lao, role="chair", summary="Welcome")
    peru = Intervention.objects.create(
        meeting=meeting, delegation=make_state(name="Peru", iso3="PER"), summary="Yes"
    )
    assert chair.is_chair and chair.speaker == "The Presidency (Lao PDR)"
    assert not peru.is_chair and peru.speaker == "Peru"
    assert list(Intervention.objects.by_delegations()) == [peru]
    assert peru.get_absolute_url() == f"/meetings/one/#intervention-{peru.pk}"


def test_position_text_falls_back_to_the_summary():
    said = Intervention.objects.create(
        meeting=_meeting("one"), delegation=make_state(name="Peru", iso3="PER"), summary="The whole of it"
    )
    topic = Topic.objects.create(name="Funding", slug="funding")
    other = Topic.objects.create(name="Gender", slug="gender")
    assert Position.objects.create(intervention=said, topic=topic).text == "The whole of it"
    assert Position.objects.create(intervention=said, topic=other, statement="Part").text == "Part"
    assert set(said.topics.all()) == {topic, other}


def test_a_meetings_interventions_grouped_by_agenda_item_in_order_of_speaking(
    django_assert_num_queries,
):
    meeting, other = _meeting("one"), _meeting("two")
    first = AgendaItem.objects.create(meeting=meeting, number="1", title="Opening", order=1)
    second = AgendaItem.objects.create(meeting=meeting, number="2", title="Plans", order=2)
    peru, chile = make_state(name="Peru", iso3="PER"), make_state(name="Chile", iso3="CHL")
    topic = Topic.objects.create(name="Gender", slug="gender")
    late = Intervention.objects.create(
        meeting=meeting, agenda_item=second, delegation=peru, summary="b", order=2
    )
    early = Intervention.objects.create(
        meeting=meeting, agenda_item=second, delegation=chile, summary="a", order=1
    )
    Position.objects.create(intervention=early, topic=topic)
    opening = Intervention.objects.create(meeting=meeting, agenda_item=first, delegation=peru, summary="c")
    aside = Intervention.objects.create(meeting=meeting, delegation=chile, summary="d")
    Intervention.objects.create(meeting=other, delegation=chile, summary="elsewhere")
    with django_assert_num_queries(2):
        grouped = Intervention.objects.grouped_by_agenda_item(meeting)
        assert grouped == {first.pk: [opening], second.pk: [early, late], None: [aside]}
        assert [t.name for t in grouped[second.pk][0].topics.all()] == ["Gender"]
        assert grouped[second.pk][1].delegation.name == "Peru"


def test_a_delegations_interventions_meeting_by_meeting(django_assert_num_queries):
    later, earlier = _meeting("later"), _meeting("earlier")
    Meeting.objects.filter(pk=earlier.pk).update(start_date=date(2025, 1, 1))
    peru = make_state(name="Peru", iso3="PER")
    item = AgendaItem.objects.create(meeting=later, number="1", title="Opening")
    Intervention.objects.create(meeting=later, agenda_item=item, delegation=peru, summary="then")
    Intervention.objects.create(meeting=earlier, delegation=peru, summary="first")
    Intervention.objects.create(meeting=later, delegation=make_state(name="Chile", iso3="CHL"), summary="x")
    with django_assert_num_queries(1):
        said = list(Intervention.objects.of_delegation(peru))
        assert [(s.summary, s.meeting.slug, s.agenda_item and s.agenda_item.title) for s in said] == [
            ("first", "earlier", None),
            ("then", "later", "Opening"),
        ]
