"""The cast of the submissions tests: ISU staff, the focal point of Mexico (A), the focal point
of Chile (B), an anonymous visitor; a draft with a version of six paragraphs and an open window."""

import io
import re
import zipfile
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from accounts.models import User
from meetings.models import Delegation
from submissions import services
from submissions.models import Draft, FocalPoint, SubmissionWindow
from submissions.parsing import parse_structured_text
from tests.conftest import make_state

GENEVA = ZoneInfo("Europe/Zurich")
OPEN_FROM = datetime(2020, 1, 1, tzinfo=GENEVA)
FAR_DEADLINE = datetime(2099, 12, 31, 23, 59, tzinfo=GENEVA)
PAST_DEADLINE = datetime(2021, 3, 1, 17, 0, tzinfo=GENEVA)

TEXT = """
# I. Introduction
1. The Convention entered into force in 2010.
2. States Parties reviewed its operation regularly.
# II. Universalization
## Joining the Convention
3. States not party are encouraged to join without delay.
4. Regional meetings support universalization.
# III. Victim assistance
5. Survivors take part in the design of services.
6. The review covers the years 2021 to 2025.
"""


def state_party(name: str, iso3: str, **fields) -> Delegation:
    return make_state(name=name, iso3=iso3, deposited=True, deposit_date=date(2009, 1, 1), **fields)


def make_focal_point(email: str, delegation: Delegation) -> User:
    user = User.objects.create_user(email=email, password="focal-pass-1")
    FocalPoint.objects.create(user=user, delegation=delegation)
    return user


def make_draft(slug="review", code="RSO", text=TEXT, deadline=FAR_DEADLINE, **window):
    draft = Draft.objects.create(title=f"Draft {slug}", slug=slug, code=code)
    version = services.create_version(
        draft=draft, label="Zero draft", paragraphs=parse_structured_text(text), by=None
    )
    SubmissionWindow.objects.create(version=version, opens_at=OPEN_FROM, original_deadline=deadline, **window)
    return version


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
def version(db):
    return make_draft()


def paragraph(version, number):
    return version.paragraphs.get(number=str(number))


def text_of(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&").replace("&#x27;", "'")


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def minimal_pdf() -> bytes:
    """A small PDF file, as a delegation would attach one."""
    return MINIMAL_PDF


def minimal_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("An annex")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bytes(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def submitted(version, user, delegation, *, comments=(("1", "comment", "A remark", ""),), consent=False):
    """A submission with comments (number, kind, text, proposed text), submitted now."""
    submission = services.start_submission(version=version, delegation=delegation, by=user)
    for number, kind, text, proposed in comments:
        services.save_comment(
            submission=submission,
            by=user,
            paragraph=paragraph(version, number) if number else None,
            kind=kind,
            text=text,
            proposed_text=proposed,
        )
    if consent:
        services.set_consent(submission, consent=True, by=user)
    services.submit(submission, by=user)
    submission.refresh_from_db()
    return submission
