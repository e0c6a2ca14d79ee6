"""The README's screenshots (docs/screenshots/*.png), taken in Chromium from the demo set-up.

Run by `make screenshots` (SCREENSHOTS=1); skipped otherwise, so that the test suite never
rewrites committed files. Each picture is 1280 pixels wide, cut to the top of the page, and
reduced to a palette so that it stays small.
"""

import io
import os
from pathlib import Path

import pytest

from accounts.models import User
from documents import services as document_services
from documents.models import Document, Rendition
from submissions import services as submission_services
from submissions.models import DraftVersion
from tests.e2e.conftest import DEMO_PASSWORD, FOCAL_POINT, load_demo, sign_in

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("SCREENSHOTS"), reason="make screenshots (SCREENSHOTS=1)"),
]

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTH, HEIGHT = 1280, 1000
MAX_BYTES = 300 * 1024


def _save(page, name: str, *, height: int = HEIGHT) -> Path:
    from PIL import Image

    OUT.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    full = page.evaluate("() => document.documentElement.scrollHeight")
    png = page.screenshot(clip={"x": 0, "y": 0, "width": width, "height": min(height, full)}, full_page=True)
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    path = OUT / f"{name}.png"
    image.save(path, optimize=True)
    assert path.stat().st_size < MAX_BYTES, (path, path.stat().st_size)
    return path


def _working_paper_with_its_pdf() -> Document:
    """The working paper of the First Preparatory Meeting, with its English PDF rendered from its text."""
    document = Document.objects.get(slug="1pm-3rc-machinery-coordination-committee-president")
    rendition, _ = Rendition.objects.get_or_create(document=document, language="en")
    document_services.request_render(rendition)  # tasks run in-process in the tests
    return document


def _submission_with_comments() -> str:
    user = User.objects.get(email=FOCAL_POINT)
    version = DraftVersion.objects.get(draft__slug="demonstration-draft")
    submission = submission_services.start_submission(
        version=version, delegation=user.focal_points.get().delegation, by=user
    )
    paragraphs = {p.number: p for p in version.paragraphs.all()}
    submission_services.save_comment(
        submission=submission,
        by=user,
        paragraph=paragraphs["2"],
        kind="comment",
        text="Mexico welcomes a text that every focal point can try from start to finish.",
    )
    submission_services.save_comment(
        submission=submission,
        by=user,
        paragraph=paragraphs["3"],
        kind="amendment",
        text="Firmer wording.",
        proposed_text="States Parties would continue to encourage States not party to join the Convention "
        "without delay.",
    )
    return submission.get_absolute_url()


def test_readme_screenshots(page, settings):
    load_demo(settings)
    document = _working_paper_with_its_pdf()
    assert document.renditions.get(language="en").state == Rendition.State.READY
    submission_url = _submission_with_comments()
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})

    page.goto(page.base_url + "/")
    _save(page, "home")

    page.goto(page.base_url + "/meetings/americas-regional-consultation-2026-02-20/")
    _save(page, "meeting", height=1400)

    page.goto(page.base_url + document.get_absolute_url())
    _save(page, "document", height=1300)

    sign_in(page, FOCAL_POINT, DEMO_PASSWORD)
    page.goto(page.base_url + submission_url)
    _save(page, "submission", height=1500)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + "/meetings/")
    _save(page, "meetings-phone", height=1300)
