"""The compilation task on PostgreSQL with a real Celery worker (skipped on the embedded default)."""

import csv
import io
import time

import pytest

from submissions import services
from submissions.models import Compilation

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
    from submissions.tasks import render_compilation

    assert render_compilation.delay(compilation.pk).get(timeout=60) == "ready"
    assert render_compilation.delay(987654).get(timeout=60) is None
    assert Compilation.objects.count() == 1
