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
