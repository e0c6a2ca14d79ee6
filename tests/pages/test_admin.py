"""The meeting's page in the admin, with its interventions: assembled in pages/admin.py from the
meetings app's MeetingAdmin and the consultations app's InterventionInline."""

from datetime import date

import pytest
from django.core.management import call_command

from consultations.models import Intervention
from meetings.models import AgendaItem, Meeting
from tests.conftest import make_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _as_posted(response) -> dict:
    """The admin change form of ``response`` as a browser posts it back unchanged: the main form
    and every inline formset with its management form."""
    data = {}

    def add(form) -> None:
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            elif isinstance(value, date):
                value = value.isoformat()
            data[bound.html_name] = value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data | {"_continue": "Save and continue editing"}


def test_admin_meeting_page_has_agenda_participation_and_intervention_inlines(staff_client):
    call_command("load_ccm_data")
    meeting = Meeting.objects.get(slug="americas-regional-consultation-2026-02-20")
    response = staff_client.get(f"/admin/meetings/meeting/{meeting.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Agenda items" in html and "Opening remarks" in html
    assert "Participations" in html
    assert "Interventions" in html and "Panama welcomed the consultative approach" in html


def test_staff_record_an_intervention_on_the_meetings_admin_page(staff_client):
    meeting = Meeting.objects.create(kind="regional_consultation", title="Consultation", slug="c")
    item = AgendaItem.objects.create(meeting=meeting, number="1", title="Opening remarks")
    other = Meeting.objects.create(kind="msp", title="Another meeting", slug="other")
    AgendaItem.objects.create(meeting=other, number="1", title="An item of another meeting")
    chile = make_state(name="Chile", iso3="CHL")
    url = f"/admin/meetings/meeting/{meeting.pk}/change/"
    page = staff_client.get(url)
    # The item of an intervention is chosen among this meeting's items only.
    form = next(i for i in page.context["inline_admin_formsets"] if i.formset.model is Intervention)
    assert list(form.formset.empty_form.fields["agenda_item"].queryset) == [item]

    data = _as_posted(page) | {
        "interventions-TOTAL_FORMS": "1",
        "interventions-0-agenda_item": str(item.pk),
        "interventions-0-delegation": str(chile.pk),
        "interventions-0-role": "delegation",
        "interventions-0-order": "1",
        # One field per language (django-modeltranslation): English, French, Spanish.
        "interventions-0-summary_en": "Chile welcomed the process.",
        "interventions-0-summary_fr": "Le Chili a salué le processus.",
        "interventions-0-meeting": str(meeting.pk),
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context and [
        f.errors for i in response.context["inline_admin_formsets"] for f in i.formset.forms
    ]
    said = Intervention.objects.get()
    assert (said.meeting, said.agenda_item, said.delegation) == (meeting, item, chile)
    assert said.summary == "Chile welcomed the process."
    assert said.summary_fr == "Le Chili a salué le processus." and not said.summary_es
    assert said.history.get().history_user is not None
