"""A worker killed in the middle of a PDF render, on PostgreSQL with real Celery workers on Redis
(skipped on the embedded default).

Tasks are acknowledged late and rejected when their worker is lost
(CELERY_TASK_ACKS_LATE, CELERY_TASK_REJECT_ON_WORKER_LOST), and the render claims its version
with a conditional update (a claim is taken over once older than DOCUMENT_RENDER_LEASE_SECONDS;
until then the redelivered task waits and asks again) and stores the PDF under its checksum: so
the render is done again by the next worker, and the document ends up rendered exactly once.
"""

import os
import signal
import time

import pytest

from documents import services
from documents.models import Document, Rendition
from tests.documents.conftest import pdf_text

pytestmark = [pytest.mark.real_worker, pytest.mark.django_db(transaction=True)]

# A real document long enough (about 35 pages) that rendering it takes seconds.
LONG_BODY = "# I. The long report\n\n" + "\n".join(
    f"{n}. The Coordination Committee considered option {n} at length and recorded its view. "
    + "States Parties may wish to take note of the report and of its recommendations. " * 5
    for n in range(1, 301)
)


def _publish_long_document() -> Rendition:
    document = services.save_document(
        Document(symbol="CCM/MSP/2026/WP.77", slug="long-report", title="A long report", body=LONG_BODY)
    )
    services.publish(document, by=None)  # queues the render after commit
    return document.renditions.get(language="en")


def _wait_for(rendition: Rendition, states: set[str], timeout: float) -> Rendition:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rendition.refresh_from_db()
        if rendition.state in states:
            return rendition
        time.sleep(0.1)
    return rendition


def _stored_pdfs(media, rendition) -> list:
    folder = media / "documents" / str(rendition.document_id) / "en"
    return sorted(folder.glob("*.pdf")) if folder.exists() else []


def _assert_rendered_once(rendition: Rendition, media, logs: str) -> None:
    assert rendition.state == Rendition.State.READY, (rendition.state, rendition.error, logs[-4000:])
    time.sleep(2)  # nothing else arrives afterwards
    rendition.refresh_from_db()
    [stored] = _stored_pdfs(media, rendition)
    assert rendition.file.name == str(stored.relative_to(media))
    content = stored.read_bytes()
    assert content.startswith(b"%PDF-") and rendition.size == len(content) and rendition.page_count > 20
    text = pdf_text(content)
    assert "CCM/MSP/2026/WP.77" in text and "300. The Coordination Committee considered option 300" in text
    assert rendition.error == "" and rendition.state == Rendition.State.READY


def test_a_worker_killed_during_a_render_leaves_it_to_the_next_worker(worker_factory):
    # A message taken by a worker that dies is given again after 3 s (an hour in production), and
    # the dead worker's claim on the render is taken over after 5 s (6 minutes in production).
    env = {"CELERY_VISIBILITY_TIMEOUT": "3", "DOCUMENT_RENDER_LEASE_SECONDS": "5"}
    first = worker_factory.start(env=env)
    rendition = _publish_long_document()
    assert _wait_for(rendition, {Rendition.State.RENDERING}, 60).state == Rendition.State.RENDERING
    time.sleep(1)  # well inside WeasyPrint
    first.kill()
    rendition.refresh_from_db()
    assert rendition.state == Rendition.State.RENDERING  # the render did not finish
    assert _stored_pdfs(first.media_dir, rendition) == []

    second = worker_factory.start(env=env)
    rendition = _wait_for(rendition, {Rendition.State.READY, Rendition.State.FAILED}, 180)
    _assert_rendered_once(rendition, second.media_dir, second.log.read_text())
    assert second.log.read_text().count("Task documents.render_pdf[") >= 1


def test_a_pool_process_killed_during_a_render_is_replaced_and_the_task_redelivered(worker_factory):
    worker = worker_factory.start(pool="prefork", env={"DOCUMENT_RENDER_LEASE_SECONDS": "5"})
    rendition = _publish_long_document()
    assert _wait_for(rendition, {Rendition.State.RENDERING}, 60).state == Rendition.State.RENDERING
    time.sleep(1)
    [child] = worker.children()
    os.kill(child, signal.SIGKILL)  # the pool process dies; the worker itself lives on
    rendition = _wait_for(rendition, {Rendition.State.READY, Rendition.State.FAILED}, 180)
    log = worker.log.read_text()
    assert "WorkerLostError" in log or "exited with 'signal 9 (SIGKILL)'" in log, log[-4000:]
    _assert_rendered_once(rendition, worker.media_dir, log)
