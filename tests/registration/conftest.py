"""The cast of the registration tests: ISU staff, the focal point of Mexico (A), the focal point
of Chile (B), an anonymous visitor; the 3RC-like meeting "demo-msp" with an open registration."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from meetings.models import Delegation, Meeting
from registration.models import DelegationRegistration, Participant, RegistrationPeriod
from submissions.models import FocalPoint
from tests.conftest import make_state

GENEVA = ZoneInfo("Europe/Zurich")
OPEN_FROM = datetime(2020, 1, 1, tzinfo=GENEVA)
FAR_DEADLINE = datetime(2099, 12, 31, 23, 59, tzinfo=GENEVA)
PAST_DEADLINE = datetime(2021, 3, 1, 17, 0, tzinfo=GENEVA)

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def state_party(name: str, iso3: str, **fields) -> Delegation:
    return make_state(name=name, iso3=iso3, deposited=True, deposit_date=date(2009, 1, 1), **fields)


def signatory(name: str, iso3: str) -> Delegation:
    return make_state(name=name, iso3=iso3, signed=True, signature_date=date(2008, 12, 3))


def not_party(name: str, iso3: str) -> Delegation:
    return make_state(name=name, iso3=iso3, signed=False)


def organisation(name: str, category: str) -> Delegation:
    return Delegation.objects.create(
        name=name, slug=name.lower().replace(" ", "-"), kind=Delegation.Kind.ORGANISATION, category=category
    )


def make_focal_point(email: str, delegation: Delegation) -> User:
    user = User.objects.create_user(email=email, password="focal-pass-1")
    FocalPoint.objects.create(user=user, delegation=delegation)
    return user


def make_meeting(slug="demo-msp", **fields) -> Meeting:
    defaults = {
        "kind": Meeting.Kind.MSP,
        "title": "Demonstration Meeting",
        "code": None,
        "slug": slug,
        "start_date": date(2099, 9, 1),
        "end_date": date(2099, 9, 3),
        "city": "Geneva",
    }
    defaults.update(fields)
    return Meeting.objects.create(**defaults)


def open_registration(meeting: Meeting, deadline=FAR_DEADLINE, **fields) -> RegistrationPeriod:
    return RegistrationPeriod.objects.create(
        meeting=meeting, opens_at=OPEN_FROM, original_deadline=deadline, **fields
    )


def make_registration(period, delegation, *, state=DelegationRegistration.State.PENDING, members=1):
    registration = DelegationRegistration.objects.create(
        meeting=period.meeting,
        delegation=delegation,
        state=state,
        letter=SimpleUploadedFile("nv.pdf", PDF),
        letter_name="nv.pdf",
        letter_size=len(PDF),
        letter_sha256="0" * 64,
    )
    for i in range(members):
        Participant.objects.create(
            registration=registration,
            name=f"{delegation.name} Member {i + 1}",
            role=Participant.Role.HEAD if i == 0 else Participant.Role.ADVISER,
            email=f"m{i}@{delegation.slug}.example",
            gender=Participant.Gender.WOMAN if i % 2 == 0 else Participant.Gender.MAN,
        )
    return registration


def pdf_upload(name="note-verbale.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def head_data(**overrides) -> dict:
    data = {
        "head-name": "Alejandra Ruiz",
        "head-title": "H.E. Ms",
        "head-function": "Ambassador, Permanent Representative",
        "head-role": "head",
        "head-email": "a.ruiz@mexico.example",
        "head-gender": "woman",
        "head-field_visit": "on",
        "head-consent_to_publish": "on",
        "credentials": "copy",
    }
    data.update(overrides)
    return data


@pytest.fixture
def mexico(db):
    return state_party("Mexico", "MEX")


@pytest.fixture
def chile(db):
    return state_party("Chile", "CHL")


@pytest.fixture
def fp_a(mexico):
    return make_focal_point("a@mexico.example", mexico)


@pytest.fixture
def fp_b(chile):
    return make_focal_point("b@chile.example", chile)


@pytest.fixture
def meeting(db):
    return make_meeting()


@pytest.fixture
def period(meeting):
    return open_registration(meeting, credentials_required=True)


def text_of(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&").replace("&#x27;", "'")
