"""What the hostile-input tests share (tests/security/fuzzing.py and test_fuzz_*.py,
test_hostile_markup.py, test_open_redirects.py, test_hostile_uploads.py): a small world of real
rows, multipart bodies with file names exactly as a client sends them, the admin's document
form, and what "stays on the site" means for a redirect."""

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape

from accounts.models import User
from documents import services as document_services
from documents.models import Document
from meetings.models import AgendaItem, Meeting
from submissions import services
from submissions.models import Comment, DraftVersion, Submission
from tests.documents.conftest import make_meeting
from tests.submissions.conftest import make_draft, make_focal_point, state_party, submitted


@dataclass
class World:
    staff: User
    fp_a: User
    fp_b: User
    version: DraftVersion
    draft_submission: Submission  # Mexico's, being written
    comment: Comment  # on Mexico's draft submission
    submitted: Submission  # Chile's, submitted with consent
    submitted_comment: Comment
    meeting: Meeting
    document: Document


def build_world() -> World:
    """Mexico's submission being written with one comment, Chile's submitted with consent, a
    meeting with an agenda item and a published document (no PDF rendered)."""
    staff = User.objects.create_user(
        email="staff@isu.example", password="staff-pass-1", is_staff=True, is_superuser=True
    )
    mexico, chile = state_party("Mexico", "MEX"), state_party("Chile", "CHL")
    fp_a, fp_b = make_focal_point("a@mexico.example", mexico), make_focal_point("b@chile.example", chile)
    version = make_draft()
    draft_submission = services.start_submission(version=version, delegation=mexico, by=fp_a)
    comment = services.save_comment(
        submission=draft_submission,
        by=fp_a,
        paragraph=version.paragraphs.get(number="2"),
        kind="comment",
        text="Mexico's remark",
    )
    chile_submission = submitted(version, fp_b, chile, consent=True)
    meeting = make_meeting()
    AgendaItem.objects.create(meeting=meeting, number="1", title="Opening of the meeting", order=1)
    document = document_services.save_document(
        Document(
            symbol="CCM/MSP/2026/WP.1",
            slug="ccm-msp-2026-wp-1",
            title="Options for the Coordination Committee",
            kind=Document.Kind.WORKING_PAPER,
            date=date(2026, 3, 30),
            meeting=meeting,
            body="1. The Coordination Committee meets.",
            status=Document.Status.PUBLISHED,
            published_at=timezone.now(),
        ),
        queue=False,
    )
    return World(
        staff=staff,
        fp_a=fp_a,
        fp_b=fp_b,
        version=version,
        draft_submission=draft_submission,
        comment=comment,
        submitted=chile_submission,
        submitted_comment=chile_submission.comments.get(),
        meeting=meeting,
        document=document,
    )


def last(v):
    """What a form reads from a repeated key: the last value."""
    return v[-1] if isinstance(v, list) else v


def shown(v) -> str:
    """How a form shows a value it was given back in the page."""
    return escape(last(v))


def no_server_error(response):
    assert response.status_code < 500, response.status_code
    return response


def lands_on_site(location: str) -> bool:
    """Whether a browser following ``location`` from http://testserver/ stays on the site (one
    of its ALLOWED_HOSTS, which django-allauth also redirects to): browsers drop tabs and
    newlines, trim leading and trailing spaces and control characters, and read backslashes as
    slashes."""
    cleaned = re.sub(r"[\t\n\r]", "", location).strip("".join(map(chr, range(33)))).replace("\\", "/")
    parts = urlsplit(urljoin("http://testserver/", cleaned))
    hosts = {"testserver", *(host.strip("[]") for host in settings.ALLOWED_HOSTS)} - {"*"}
    return parts.scheme in ("http", "https") and parts.hostname in hosts


BOUNDARY = "ccm-fuzz-boundary-7f3a9c"


def multipart(fields: dict, file_name: str, content: bytes, field: str = "file") -> bytes:
    """A multipart body with the file name exactly as given (the test client would drop its
    folders before sending), quoted as browsers quote it."""
    body = b""
    for name, values in fields.items():
        for v in values if isinstance(values, list) else [values]:
            body += (
                f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
                + v.encode()
                + b"\r\n"
            )
    quoted = file_name.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")
    body += (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"; filename="{quoted}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode() + content
    return body + f"\r\n--{BOUNDARY}--\r\n".encode()


def name_too_long_to_parse(file_name: str) -> bool:
    """Django's multipart parser answers a Bad Request by itself when a part's headers pass
    1024 bytes (before any view runs)."""
    return len(file_name.encode()) > 900


def post_multipart(client, path: str, body: bytes):
    return client.post(path, data=body, content_type=f"multipart/form-data; boundary={BOUNDARY}")


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def admin_document_form(document: Document, **overrides) -> dict:
    """The admin's change form of ``document`` as a browser posts it, with no language version
    (``renditions-*`` fields add one)."""
    data = {
        "symbol": document.symbol or "",
        "slug": document.slug,
        "title_en": document.title_en or "",  # one field per language (modeltranslation)
        "kind": document.kind,
        "status": document.status,
        "date": document.date.isoformat() if document.date else "",
        "distribution": document.distribution,
        "original_language": document.original_language,
        "summary_en": document.summary_en or "",
        "body": document.body,
        "notes": document.notes,
        "renditions-TOTAL_FORMS": "0",
        "renditions-INITIAL_FORMS": "0",
        "renditions-MIN_NUM_FORMS": "0",
        "renditions-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    # A title or summary given is the English one.
    return data | {f"{k}_en" if k in ("title", "summary") else k: v for k, v in overrides.items()}


def with_upload(data: dict, language: str = "fr") -> dict:
    """``data`` with one new language version uploaded as a file (the file goes in separately)."""
    return data | {
        "renditions-TOTAL_FORMS": "1",
        "renditions-0-language": language,
        "renditions-0-source": "uploaded",
        "renditions-0-title": "",
        "renditions-0-body": "",
    }
