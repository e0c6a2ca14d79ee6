"""Badges and check-in: one badge page per approved member with a QR code holding an
unguessable token; the check-in desk records an arrival once a day (a second scan says when),
from the typed code or a photo of the QR code; attendance per day and the figures of who is
present; the badges' download is in the security log."""

import io
from datetime import date, datetime

import pytest
import segno
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from registration import badges
from registration.models import CheckIn, DelegationRegistration, Participant, SecurityEvent
from tests.documents.conftest import pdf_text

from .conftest import GENEVA, make_registration, signatory, text_of

pytestmark = pytest.mark.django_db

URL = "/meetings/demo-msp/registration/isu/"


@pytest.fixture
def approved(period, mexico, chile):
    registration = make_registration(period, mexico, state=DelegationRegistration.State.APPROVED, members=2)
    make_registration(period, chile, members=1)  # pending: no badge
    return registration


def _tokens(registration):
    return {p.name: p.badge_token for p in registration.participants.all()}


def test_one_badge_per_approved_member_with_an_unguessable_token(client, staff, approved):
    client.force_login(staff)
    response = client.get(f"{URL}badges.pdf")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    tokens = _tokens(approved)
    assert all(token and len(token) >= 32 for token in tokens.values())
    assert len(set(tokens.values())) == 2
    first = reader.pages[0].extract_text()
    assert "Mexico Member 1" in first and "Mexico" in first and "Head of delegation" in first
    assert tokens["Mexico Member 1"] in first.replace("\n", "")
    assert "Adviser" in reader.pages[1].extract_text()
    assert "Chile" not in pdf_text(response.content)
    # Printing again keeps the tokens (badges already handed out stay valid).
    client.get(f"{URL}badges.pdf")
    assert _tokens(approved) == tokens
    events = SecurityEvent.objects.filter(action=SecurityEvent.Action.EXPORTED)
    assert [(e.user, e.detail) for e in events] == [(staff, "badges, 2 members")] * 2


def test_a_badge_checks_in_once_and_a_second_scan_says_when(client, staff, approved):
    client.force_login(staff)
    client.get(f"{URL}badges.pdf")
    token = _tokens(approved)["Mexico Member 1"]
    response = client.post(f"{URL}check-in/", {"token": token}, follow=True)
    assert "Mexico Member 1 (Mexico) arrived at" in text_of(response)
    arrival = CheckIn.objects.get()
    assert arrival.participant.name == "Mexico Member 1" and arrival.by == staff
    response = client.post(f"{URL}check-in/", {"token": f"  {token} "}, follow=True)
    page = text_of(response)
    assert "Mexico Member 1 (Mexico) had already arrived, at" in page
    assert CheckIn.objects.count() == 1


def test_a_photo_of_the_qr_code_checks_in(client, staff, approved):
    client.force_login(staff)
    client.get(f"{URL}badges.pdf")
    token = _tokens(approved)["Mexico Member 2"]
    image = io.BytesIO()
    segno.make(token, error="m").save(image, kind="png", scale=8)
    photo = SimpleUploadedFile("qr.png", image.getvalue(), content_type="image/png")
    response = client.post(f"{URL}check-in/", {"token": "", "photo": photo}, follow=True)
    assert "Mexico Member 2 (Mexico) arrived at" in text_of(response)
    assert CheckIn.objects.get().participant.name == "Mexico Member 2"


def test_unknown_or_pending_badges_and_unreadable_photos_are_refused_with_a_message(
    client, staff, approved, period
):
    client.force_login(staff)
    pending = Participant.objects.get(registration__delegation__name="Chile")
    Participant.objects.filter(pk=pending.pk).update(badge_token="pending-token-of-chile")
    for token in ("no-such-token", "pending-token-of-chile"):
        response = client.post(f"{URL}check-in/", {"token": token})
        assert response.status_code == 400
        page = text_of(response)
        assert "No approved participant of this meeting has this badge." in page
        assert f'value="{token}"' in response.content.decode()  # what was typed is kept
    blank = io.BytesIO()
    segno.make("x").save(blank, kind="png", scale=1, border=0)  # too small to read
    photo = SimpleUploadedFile("photo.png", blank.getvalue()[:60], content_type="image/png")
    response = client.post(f"{URL}check-in/", {"photo": photo})
    assert response.status_code == 400
    assert "Upload a valid image" in text_of(response)
    response = client.post(f"{URL}check-in/", {})
    assert "Type the badge's code or choose a photo of its QR code." in text_of(response)
    assert not CheckIn.objects.exists()


def test_attendance_per_day_and_figures_of_who_is_present(client, staff, approved, period):
    member_1, member_2 = badges.badge_members(period.meeting)
    indonesia = make_registration(period, signatory("Indonesia", "IDN"), state="approved")
    guest = badges.badge_members(period.meeting)[0]
    assert guest.registration == indonesia
    day_1 = datetime(2099, 9, 1, 9, 30, tzinfo=GENEVA)
    day_2 = datetime(2099, 9, 2, 9, 30, tzinfo=GENEVA)
    for member in (member_1, member_2, guest):
        assert badges.check_in(period.meeting, member.badge_token, by=staff, at=day_1).first
    assert badges.check_in(period.meeting, member_1.badge_token, by=staff, at=day_2).first
    assert not badges.check_in(period.meeting, member_1.badge_token, by=staff, at=day_2).first
    client.force_login(staff)
    page = text_of(client.get(f"{URL}check-in/"))
    assert "1 September 2099 3 2" in page and "2 September 2099 1 1" in page
    figures = text_of(client.get(URL)).split("Figures")[1]
    # delegations, approved, delegations present; participants, participants present
    assert "States Parties 2 1 1 3 2" in figures
    assert "Signatories 1 1 1 1 1" in figures


def test_the_check_in_desk_logs_the_arrivals_it_shows_and_erasure_keeps_the_counts(
    client, staff, approved, period
):
    from registration import services

    member = badges.badge_members(period.meeting)[0]
    client.force_login(staff)
    client.post(f"{URL}check-in/", {"token": member.badge_token})
    assert "Mexico Member 1" in text_of(client.get(f"{URL}check-in/"))
    assert SecurityEvent.objects.filter(action="viewed", detail="check-in desk, 1 arrivals shown").exists()
    assert services.erase_personal_data(period, today=date(2101, 1, 1)) == 3
    assert not Participant.objects.exclude(badge_token=None).exists()  # the badges no longer check in
    assert CheckIn.objects.count() == 1  # the arrival still counts
    assert badges.attendance(period.meeting)[0]["participants"] == 1
