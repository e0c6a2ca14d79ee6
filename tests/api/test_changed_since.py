"""?changed_since= on the consultations' topics and on the machinery, over the reference data:
their records carry ``created`` and ``last_modified`` (migrations 0003 of both apps)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ccm_portal.lib.cache import bump_content_version
from consultations.models import Intervention, Position, Topic
from machinery.models import CoordinatorMandate, Presidency

pytestmark = pytest.mark.usefixtures("ccm_data")


def _later():
    return timezone.now() + timedelta(minutes=1)


def test_reference_records_have_their_dates():
    for model in (Topic, Position, Presidency, CoordinatorMandate):
        assert model.objects.exists()
        assert not model.objects.filter(created__isnull=True).exists()
        assert not model.objects.filter(last_modified__lt=timezone.now() - timedelta(days=1)).exists()


def test_topics_changed_since_a_change_to_a_position(client):
    topics = client.get("/api/v1/topics/").json()
    assert topics["count"] >= 2
    assert {"created", "last_modified"} <= set(topics["results"][0])
    later = _later()
    since = {"changed_since": (later - timedelta(seconds=1)).isoformat()}
    assert client.get("/api/v1/topics/", since).json()["count"] == 0
    position = Position.objects.select_related("topic").first()
    Intervention.objects.filter(pk=position.intervention_id).update(last_modified=later)
    bump_content_version()  # update() sends no signal: as the services that use it do
    data = client.get("/api/v1/topics/", since).json()
    assert position.topic.slug in [t["slug"] for t in data["results"]]
    detail = client.get(f"/api/v1/topics/{position.topic.slug}").json()
    assert (
        max(p["last_modified"] for p in detail["positions"])
        >= (later - timedelta(seconds=1)).isoformat()[:19]
    )


def test_machinery_changed_since_keeps_what_changed(client):
    everything = client.get("/api/v1/machinery?on=2026-03-15").json()
    assert everything["presidency"]["president"]["state"]["name"] == "Lao PDR"
    assert everything["last_modified"] is not None
    coordinators = [c for g in everything["working_groups"] for c in g["coordinators"]]
    assert len(coordinators) == 15 and {"created", "last_modified"} <= set(coordinators[0])
    later = _later()
    since = {"on": "2026-03-15", "changed_since": (later - timedelta(seconds=1)).isoformat()}
    nothing = client.get("/api/v1/machinery", since).json()
    assert nothing["presidency"]["president"] is None
    assert [c for g in nothing["working_groups"] for c in g["coordinators"]] == []
    assert nothing["mandates"] == []
    changed = (
        CoordinatorMandate.objects.filter(state__name="Lao PDR").first() or CoordinatorMandate.objects.first()
    )
    CoordinatorMandate.objects.filter(pk=changed.pk).update(last_modified=later)
    bump_content_version()
    data = client.get("/api/v1/machinery", since).json()
    assert data["last_modified"].startswith(later.isoformat()[:16])
    kept = [c["state"]["name"] for g in data["working_groups"] for c in g["coordinators"] + g["upcoming"]]
    assert kept in ([changed.state.name], [])  # the changed mandate, if in office or to come


def test_machinery_changed_since_rejects_a_bad_date(client):
    response = client.get("/api/v1/machinery?changed_since=yesterday")
    assert response.status_code == 400
    assert response.json()["field"] == "changed_since"
