"""The whole pipeline on PostgreSQL with a real Celery worker on Redis (skipped otherwise)."""

import time

import pytest

from documents import services
from documents.models import Document, Rendition

from .conftest import SAMPLE_TEXT, pdf_text


@pytest.mark.real_worker
@pytest.mark.django_db(transaction=True)
def test_publishing_renders_the_pdf_in_a_real_worker(real_worker):
    document = services.save_document(
        Document(
            symbol="CCM/MSP/2026/WP.20", slug="worker-paper", title="Rendered by the worker", body=SAMPLE_TEXT
        )
    )
    services.publish(document, by=None)
    deadline = time.monotonic() + 60
    rendition = document.renditions.get(language="en")
    while (
        rendition.state not in (Rendition.State.READY, Rendition.State.FAILED) and time.monotonic() < deadline
    ):
        time.sleep(0.3)
        rendition.refresh_from_db()
    assert rendition.state == Rendition.State.READY, (rendition.error, real_worker.log.read_text()[-3000:])
    # The worker wrote to its own media folder.
    content = (real_worker.log.parent / "media" / rendition.file.name).read_bytes()
    assert content.startswith(b"%PDF-")
    text = pdf_text(content)
    assert "CCM/MSP/2026/WP.20" in text and "Rendered by the worker" in text
    assert all(f"{n}. " in text for n in (1, 2, 3))
    found = Document.objects.published().search("quokka", vendor="postgresql")
    assert [d.symbol for d in found] == ["CCM/MSP/2026/WP.20"]
