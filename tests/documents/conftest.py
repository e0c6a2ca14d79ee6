import html
import io
import re
from datetime import date

import pytest
from django.test import TestCase
from pypdf import PdfReader

from documents import services
from documents.models import Document
from meetings.models import AgendaItem, Meeting

SAMPLE_TEXT = """\
# I. Introduction

1. The Coordination Committee meets between the Meetings of States Parties.[^1]
2. Its work follows CCM/CONF/2021/6 and the quokka principle.
(a) first point;
(b) second point.

# II. Next steps

3. States Parties may wish to consider the options.
- one option
- another option

[^1]: CCM/CONF/2021/6, paragraph 84.
"""


def committed():
    """Run the on-commit callbacks (queued renders) of the block when it ends, as a real
    commit would: tests run inside a transaction that never commits."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def make_meeting(**fields) -> Meeting:
    defaults = {
        "kind": Meeting.Kind.MSP,
        "title": "Fourteenth Meeting of States Parties",
        "code": "14MSP",
        "slug": "14msp",
        "start_date": date(2026, 9, 1),
        "end_date": date(2026, 9, 3),
        "city": "Geneva",
    }
    defaults.update(fields)
    return Meeting.objects.create(**defaults)


def make_document(*, publish: bool = False, by=None, **fields) -> Document:
    defaults = {
        "title": "Options for the Coordination Committee",
        "slug": fields.get("symbol", "options").lower().replace("/", "-").replace(".", "-"),
        "kind": Document.Kind.WORKING_PAPER,
        "date": date(2026, 3, 30),
        "body": SAMPLE_TEXT,
    }
    defaults.update(fields)
    with committed():
        document = services.save_document(Document(**defaults), by=by)
        if publish:
            document = services.publish(document, by=by)
    return document


def make_item(meeting: Meeting, number: str, title: str, order: int, parent=None) -> AgendaItem:
    return AgendaItem.objects.create(meeting=meeting, number=number, title=title, order=order, parent=parent)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))
    return re.sub(r" (?=[.,:;])", "", text)  # extraction puts kerning gaps before punctuation


def pdf_fonts(content: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(content))
    names = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object().get("/BaseFont")))
    return names


def page_text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def meeting(db) -> Meeting:
    return make_meeting()
