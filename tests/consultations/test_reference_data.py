import pytest
from django.core.management import call_command

from consultations.models import Intervention, Position, Topic

pytestmark = pytest.mark.django_db


def test_topics_and_positions_load_once(capsys):
    call_command("load_ccm_data")
    assert Topic.objects.count() == 13
    assert Intervention.objects.count() == 13
    positions = Position.objects.count()
    call_command("load_ccm_data")
    assert (Topic.objects.count(), Intervention.objects.count(), Position.objects.count()) == (
        13,
        13,
        positions,
    )
    assert "positions on topics: 23 unchanged" in capsys.readouterr().out


def test_gender_topic_holds_panama_canada_and_mexico():
    call_command("load_ccm_data")
    gender = Topic.objects.get(slug="gender-and-diversity")
    speakers = set(gender.interventions.values_list("delegation__name", flat=True))
    assert speakers == {"Panama", "Canada", "Mexico"}


def test_staff_edit_of_a_topic_is_kept(staff):
    call_command("load_ccm_data")
    topic = Topic.objects.get(slug="universalization")
    topic.name = "Universalisation"
    topic._history_user = staff
    topic.save()
    call_command("load_ccm_data")
    topic.refresh_from_db()
    assert topic.name == "Universalisation"
