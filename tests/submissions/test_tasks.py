"""The compilation task on PostgreSQL with a real Celery worker (skipped on the embedded default):
rendered once however often it is delivered, transient errors retried with backoff."""

import csv
import io
import time

import pytest

from ccm_portal.models import OutboxMessage
from submissions import services
from submissions.models import Compilation
from submissions.services.compilations import compilation_outbox_key
from submissions.tasks import compilation_task

from .conftest import make_draft, make_focal_point, pdf_text, state_party, submitted


@pytest.mark.real_worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_renders_the_compilation(real_worker):
    version = make_draft()
    mexico = state_party("Mexico", "MEX")
    user = make_focal_point("a@mexico.example", mexico)
    submitted(
        version,
        user,
        mexico,
        comments=(("2", "comment", "Worker-rendered remark", ""), ("", "comment", "General view", "")),
    )
    compilation = services.request_compilation(version, by=None)  # queued after commit (autocommit here)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        compilation.refresh_from_db()
        if not compilation.is_pending:
            break
        time.sleep(0.5)
    assert compilation.state == Compilation.State.READY, (
        compilation.error,
        real_worker.log.read_text()[-3000:],
    )
    media = real_worker.mail_dir.parent / "media"
    pdf = (media / compilation.pdf.name).read_bytes()
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert "Worker-rendered remark" in text and "General view" in text
    rows = list(csv.DictReader(io.StringIO((media / compilation.csv.name).read_text("utf-8-sig"))))
    assert [(r["paragraph"], r["comment"]) for r in rows] == [
        ("general", "General view"),
        ("2", "Worker-rendered remark"),
    ]

    # Delivered a second time, the task changes nothing.
    args = [compilation.pk, compilation.generation]
    assert compilation_task.apply_async(args=args, ignore_result=False).get(timeout=60) == "ready"
    assert compilation_task.apply_async(args=[987654, 1], ignore_result=False).get(timeout=60) is None
    assert Compilation.objects.count() == 1


def _wait(compilation: Compilation, until, timeout: float = 90) -> Compilation:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        compilation.refresh_from_db()
        if until(compilation):
            break
        time.sleep(0.3)
    return compilation


def _one_commented_version():
    version = make_draft()
    mexico = state_party("Mexico", "MEX")
    submitted(version, make_focal_point("a@mexico.example", mexico), mexico)
    return version


@pytest.mark.real_worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_given_the_same_compilation_three_times_renders_one_file(real_worker):
    version = _one_commented_version()
    compilation = services.request_compilation(version, by=None)  # handed over after commit
    args = [compilation.pk, compilation.generation]
    results = [
        compilation_task.apply_async(args=args, ignore_result=False) for _ in range(2)
    ]  # delivered again, twice
    assert {r.get(timeout=90) for r in results} <= {"ready", "rendering", "queued"}
    compilation = _wait(compilation, lambda c: not c.is_pending)
    assert compilation.state == Compilation.State.READY, real_worker.log.read_text()[-3000:]
    folder = real_worker.mail_dir.parent / "media" / "compilations" / str(version.pk)
    assert sorted(p.name for p in folder.iterdir()) == [
        "compilation-rso-v1.csv",
        "compilation-rso-v1.docx",
        "compilation-rso-v1.pdf",
    ]
    message = OutboxMessage.objects.get(key=compilation_outbox_key(compilation.pk, compilation.generation))
    assert message.state == OutboxMessage.State.DONE


@pytest.mark.real_worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_retries_a_transient_error_until_it_passes(real_worker):
    version = _one_commented_version()
    media = real_worker.mail_dir.parent / "media"
    blocker = media / "compilations" / str(version.pk)  # a file where the folder must go
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("in the way")
    compilation = services.request_compilation(version, by=None)
    compilation = _wait(compilation, lambda c: "FileExistsError" in c.error or "NotADirectory" in c.error)
    assert compilation.state in (Compilation.State.QUEUED, Compilation.State.RENDERING), compilation.error
    blocker.unlink()  # the disk is usable again: a retry, with backoff, renders it
    compilation = _wait(compilation, lambda c: c.state == Compilation.State.READY, timeout=120)
    log = real_worker.log.read_text()
    assert compilation.state == Compilation.State.READY, (compilation.error, log[-3000:])
    assert "Retry in" in log and compilation.error == ""
    assert (media / compilation.pdf.name).read_bytes().startswith(b"%PDF-")
