"""The focal point's registration pages: register with a note verbale, see each member's state,
changes after approval, refusals that keep what was typed, another delegation's 404."""

from datetime import datetime

import pytest

from registration import services
from registration.models import DelegationRegistration, Participant

from .conftest import (
    GENEVA,
    PAST_DEADLINE,
    head_data,
    make_registration,
    open_registration,
    pdf_upload,
    text_of,
)

pytestmark = pytest.mark.django_db

URL = "/meetings/demo-msp/registration/"


def test_focal_point_registers_with_note_verbale_and_sees_it_pending(client, fp_a, mexico, period):
    client.force_login(fp_a)
    response = client.post(URL, {**head_data(), "letter": pdf_upload()})
    assert response.status_code == 302
    registration = DelegationRegistration.objects.get(delegation=mexico, meeting=period.meeting)
    assert registration.state == DelegationRegistration.State.PENDING
    assert registration.letter_name == "note-verbale.pdf"
    assert registration.credentials == DelegationRegistration.Credentials.COPY
    head = registration.participants.get()
    assert (head.name, head.role, head.gender, head.field_visit) == ("Alejandra Ruiz", "head", "woman", True)
    page = text_of(client.get(URL))
    assert "Pending" in page and "Alejandra Ruiz" in page and "Head of delegation" in page


def test_registration_without_note_verbale_is_refused_and_keeps_input(client, fp_a, period):
    client.force_login(fp_a)
    response = client.post(URL, head_data())
    assert response.status_code == 400
    assert "This field is required." in text_of(response)
    assert 'value="Alejandra Ruiz"' in response.content.decode()
    assert not DelegationRegistration.objects.exists()


def test_registration_with_a_file_that_is_not_a_pdf_is_refused(client, fp_a, period):
    client.force_login(fp_a)
    response = client.post(URL, {**head_data(), "letter": pdf_upload("nv.pdf", b"hello, not a PDF at all")})
    assert response.status_code == 400
    assert "its content is not a PDF file" in text_of(response)
    assert 'value="a.ruiz@mexico.example"' in response.content.decode()
    assert not DelegationRegistration.objects.exists()


def test_registration_after_deadline_is_refused_with_date_and_keeps_input(client, fp_a, meeting):
    open_registration(meeting, deadline=PAST_DEADLINE)
    client.force_login(fp_a)
    response = client.post(URL, {**head_data(), "letter": pdf_upload()})
    assert response.status_code == 400
    page = text_of(response)
    assert "The deadline for registration passed on 1 March 2021, 17:00 (Europe/Zurich)" in page
    assert 'value="Alejandra Ruiz"' in response.content.decode()
    assert not DelegationRegistration.objects.exists()


def test_registration_after_deadline_with_own_extension_is_accepted(
    client, fp_a, mexico, chile, meeting, staff
):
    period = open_registration(meeting, deadline=PAST_DEADLINE)
    services.extend_registration(
        period,
        delegation=mexico,
        new_deadline=datetime(2099, 1, 1, tzinfo=GENEVA),
        decided_by="the President",
        reason="Mission closed for a holiday",
        by=staff,
    )
    client.force_login(fp_a)
    response = client.post(URL, {**head_data(), "letter": pdf_upload()})
    assert response.status_code == 302
    assert DelegationRegistration.objects.filter(delegation=mexico).exists()
    assert period.refusal(chile, at=datetime(2026, 1, 1, tzinfo=GENEVA)).startswith("The deadline")


def test_change_after_approval_returns_to_pending(client, fp_a, mexico, period, staff):
    registration = make_registration(period, mexico)
    services.decide([registration], approve=True, reason="", by=staff)
    registration.refresh_from_db()
    assert registration.state == "approved"
    client.force_login(fp_a)
    response = client.post(
        f"{URL}members/add/",
        {"name": "Juan Pérez", "role": "adviser", "function": "Counsellor", "gender": ""},
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.state == DelegationRegistration.State.PENDING
    assert registration.decided_at is None
    assert Participant.objects.filter(registration=registration, name="Juan Pérez").exists()
    assert registration.history.first().history_change_reason == "member added"


def test_member_form_error_keeps_input(client, fp_a, mexico, period):
    make_registration(period, mexico)
    client.force_login(fp_a)
    response = client.post(
        f"{URL}members/add/", {"name": "Juan Pérez", "role": "adviser", "email": "not-an-address"}
    )
    assert response.status_code == 400
    assert "Enter a valid email address." in text_of(response)
    assert 'value="Juan Pérez"' in response.content.decode()


def test_another_delegations_member_is_404(client, fp_b, mexico, chile, period):
    mine = make_registration(period, chile)
    theirs = make_registration(period, mexico)
    member = theirs.participants.get()
    client.force_login(fp_b)
    assert client.get(f"{URL}members/{member.pk}/").status_code == 404
    assert client.post(f"{URL}members/{member.pk}/remove/").status_code == 404
    assert client.get(f"{URL}letter/{theirs.pk}.pdf").status_code == 404
    assert Participant.objects.filter(pk=member.pk).exists()
    page = text_of(client.get(URL))
    assert "Chile Member 1" in page and "Mexico Member 1" not in page
    assert client.get(f"{URL}letter/{mine.pk}.pdf").status_code == 200


def test_person_without_delegation_gets_404_and_anonymous_is_sent_to_sign_in(
    client, django_user_model, period
):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(
        django_user_model.objects.create_user(email="nobody@example.org", password="x-pass-12")
    )
    assert client.get(URL).status_code == 404


def test_letter_replaced_and_credentials_recorded(client, fp_a, mexico, period):
    registration = make_registration(period, mexico)
    client.force_login(fp_a)
    response = client.post(f"{URL}letter/", {"letter": pdf_upload("new.pdf"), "credentials": "original"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.letter_name, registration.credentials) == ("new.pdf", "original")


def test_last_member_cannot_be_removed(client, fp_a, mexico, period):
    registration = make_registration(period, mexico)
    member = registration.participants.get()
    client.force_login(fp_a)
    response = client.post(f"{URL}members/{member.pk}/remove/", follow=True)
    assert "A registration keeps at least one member" in text_of(response)
    assert Participant.objects.filter(pk=member.pk).exists()


def test_withdrawal_records_reason(client, fp_a, mexico, period):
    registration = make_registration(period, mexico)
    client.force_login(fp_a)
    client.post(f"{URL}withdraw/", {"reason": "The meeting clashes with the General Assembly"})
    registration.refresh_from_db()
    assert registration.state == "withdrawn"
    assert registration.state_reason == "The meeting clashes with the General Assembly"


def test_organisation_registers_with_nomination_letter(client, period):
    from .conftest import make_focal_point, organisation

    icrc = organisation("International Committee of the Red Cross", "icrc")
    client.force_login(make_focal_point("fp@icrc.example", icrc))
    assert "Nomination letter (PDF)" in text_of(client.get(URL))
    client.post(URL, {**head_data(), "letter": pdf_upload("nomination.pdf")})
    assert DelegationRegistration.objects.get(delegation=icrc).letter_label == "Nomination letter"
