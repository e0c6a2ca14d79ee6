from datetime import date

import pytest
from django.core.management import call_command

from meetings.models import AgendaItem, Meeting, Participation
from meetings.services import duplicate_meeting, next_code, next_title

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_admin_meeting_list_searches_and_filters(staff_client):
    call_command("load_ccm_data")
    response = staff_client.get("/admin/meetings/meeting/?q=Americas")
    assert "Informal regional consultation with the Americas Group" in response.content.decode()
    response = staff_client.get("/admin/meetings/meeting/?kind__exact=preparatory")
    html = response.content.decode()
    assert "First Preparatory Meeting" in html and "Thirteenth Meeting" not in html


def test_admin_edit_records_history_with_the_user(staff_client, staff):
    call_command("load_ccm_data")
    meeting = Meeting.objects.get(code="3RC")
    response = staff_client.get(f"/admin/meetings/meeting/{meeting.pk}/history/")
    assert response.status_code == 200
    meeting.summary = "Edited."
    meeting._history_user = staff
    meeting.save()
    assert meeting.history.first().history_user == staff


def test_admin_action_duplicates_a_meeting_as_the_next_of_its_kind(staff_client, staff):
    call_command("load_ccm_data")
    msp = Meeting.objects.get(code="13MSP")
    AgendaItem.objects.create(
        meeting=msp, number="7", title="Item seven", order=70, status="adopted", outcome="Done"
    )
    before = set(Meeting.objects.values_list("pk", flat=True))
    response = staff_client.post(
        "/admin/meetings/meeting/",
        {"action": "duplicate_as_template", "_selected_action": [msp.pk]},
        follow=True,
    )
    copy = Meeting.objects.exclude(pk__in=before).get()
    assert response.redirect_chain[-1][0] == f"/admin/meetings/meeting/{copy.pk}/change/"
    assert copy.title == "Fourteenth Meeting of States Parties"
    # The machinery's reference data already holds a planned 14MSP, so the code is left free.
    assert copy.code is None
    assert copy.history.first().history_user == staff


def test_duplicate_meeting_copies_the_template_not_the_record():
    call_command("load_ccm_data")
    source = Meeting.objects.get(slug="americas-regional-consultation-2026-02-20")
    copy = duplicate_meeting(source)
    assert copy.pk != source.pk and copy.slug != source.slug
    assert copy.title == "Informal regional consultation with the Americas Group (copy)"
    assert copy.code is None and copy.start_date is None and copy.status == Meeting.Status.PLANNED
    assert (copy.kind, copy.room, copy.building, copy.convened_by, copy.regional_group) == (
        source.kind,
        source.room,
        source.building,
        source.convened_by,
        source.regional_group,
    )
    assert copy.prepares == source.prepares
    assert copy.summary == "" and not Participation.objects.filter(meeting=copy).exists()
    assert not copy.interventions.exists()
    source_outline = source.agenda_outline()
    copy_outline = copy.agenda_outline()
    assert [(i.number, i.title) for i in copy_outline] == [(i.number, i.title) for i in source_outline]
    assert [(i.number, i.title) for i in copy_outline[1].sub_items] == [
        (i.number, i.title) for i in source_outline[1].sub_items
    ]
    assert all(i.outcome == "" and i.status == "provisional" for i in copy.agenda_items.all())
    assert copy.date_display == "Dates not announced"


def test_next_code_and_title():
    Meeting.objects.create(
        kind="msp", code="13MSP", title="Thirteenth Meeting of States Parties", slug="13msp"
    )
    Meeting.objects.create(
        kind="review_conference",
        code="3RC",
        title="Third Review Conference",
        slug="3rc",
        start_date=date(2026, 9, 1),
    )
    assert next_code("13MSP") == "14MSP"
    assert next_code("2RC") is None  # 3RC exists
    assert next_code("abc") is None and next_code(None) is None
    assert next_title("Third Review Conference") == "Fourth Review Conference"
    assert next_title("Side event") == "Side event"


def test_admin_add_pages_load(staff_client):
    for url in [
        "/admin/meetings/meeting/add/",
        "/admin/meetings/agendaitem/add/",
        "/admin/meetings/participation/add/",
        "/admin/consultations/intervention/add/",
        "/admin/consultations/topic/add/",
    ]:
        response = staff_client.get(url)
        assert response.status_code == 200, url
        assert "<form" in response.content.decode()


def test_the_meetings_admin_is_registered_without_knowing_other_apps():
    from django.contrib import admin

    from meetings.admin import MeetingAdmin

    # Its inlines are its own; the interventions come from a subclass in the layer above.
    assert {inline.model._meta.app_label for inline in MeetingAdmin.inlines} == {"meetings"}
    registered = admin.site._registry[Meeting]
    assert isinstance(registered, MeetingAdmin) and type(registered) is not MeetingAdmin
