"""A compilation as background work: queued through the outbox with a generation, claimed by one
task only, transient errors put back in the queue for a retry, permanent ones recorded on the
row and shown to staff (tasks run in-process here; see test_tasks.py for the real worker)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ccm_portal.lib import outbox
from ccm_portal.models import OutboxMessage
from submissions import services
from submissions.models import Compilation, SubmissionRevision
from submissions.services.compilations import compilation_outbox_key
from submissions.tasks import compilation_task

from .conftest import submitted, text_of

pytestmark = pytest.mark.django_db


def _files(settings, version) -> list[str]:
    folder = settings.MEDIA_ROOT / "compilations" / str(version.pk)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _message(compilation: Compilation) -> OutboxMessage:
    return OutboxMessage.objects.get(key=compilation_outbox_key(compilation.pk, compilation.generation))


def test_each_request_is_a_generation_of_its_own_in_the_outbox(
    staff, version, fp_a, mexico, django_capture_on_commit_callbacks
):
    submitted(version, fp_a, mexico)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.request_compilation(version, by=staff)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.request_compilation(version, by=staff)
    assert (first.pk, first.generation, second.generation) == (second.pk, 1, 2)
    messages = OutboxMessage.objects.filter(key__startswith="submissions.compilation:").order_by("created_at")
    assert [(m.task_name, m.args, m.state) for m in messages] == [
        ("submissions.render_compilation", [first.pk, 1], OutboxMessage.State.DONE),
        ("submissions.render_compilation", [first.pk, 2], OutboxMessage.State.DONE),
    ]


def test_a_compilation_task_delivered_twice_renders_one_file(
    staff, version, fp_a, mexico, settings, django_capture_on_commit_callbacks
):
    submitted(version, fp_a, mexico)
    with django_capture_on_commit_callbacks(execute=False):  # the broker has not delivered it yet
        compilation = services.request_compilation(version, by=staff)
    # Another worker took this generation and is rendering it: the second delivery leaves it alone.
    Compilation.objects.filter(pk=compilation.pk).update(state=Compilation.State.RENDERING)
    assert compilation_task.apply(args=[compilation.pk, 1]).get() == "rendering"
    assert _files(settings, version) == []
    assert _message(compilation).state == OutboxMessage.State.PENDING  # that worker marks it done

    Compilation.objects.filter(pk=compilation.pk).update(state=Compilation.State.QUEUED)
    assert compilation_task.apply(args=[compilation.pk, 1]).get() == "ready"
    assert compilation_task.apply(args=[compilation.pk, 1]).get() == "ready"  # delivered again
    compilation.refresh_from_db()
    assert _files(settings, version) == [
        f"compilation-rso-v{version.number}.csv",
        "compilation-rso-v1.docx",
        "compilation-rso-v1.pdf",
    ]
    assert compilation.pdf.name.endswith("compilation-rso-v1.pdf")
    assert _message(compilation).state == OutboxMessage.State.DONE
    # A task for a generation that a later request superseded does nothing, and is done.
    assert compilation_task.apply(args=[compilation.pk, 0]).get() == "ready"
    assert compilation_task.apply(args=[987654, 1]).get() is None


def test_a_permanent_error_is_recorded_on_the_row_and_shown_to_staff(
    client, staff, version, fp_a, mexico, settings, django_capture_on_commit_callbacks
):
    submission = submitted(version, fp_a, mexico)
    revision = SubmissionRevision.objects.get(submission=submission)
    revision.snapshot["comments"][0]["kind"] = "riddle"  # a frozen copy no compilation can read
    revision.save(update_fields=["snapshot"])
    with django_capture_on_commit_callbacks(execute=True):
        compilation = services.request_compilation(version, by=staff)
    compilation.refresh_from_db()
    assert compilation.state == Compilation.State.FAILED
    assert compilation.error.startswith("ValueError: 'riddle'")
    assert _message(compilation).state == OutboxMessage.State.DONE  # not tried again and again
    assert _files(settings, version) == []
    client.force_login(staff)
    page = text_of(client.get(f"/submissions/isu/versions/{version.pk}/compilation/"))
    assert "Failed" in page and "ValueError: 'riddle' is not a valid" in page
    assert client.get(f"/submissions/isu/versions/{version.pk}/compilation.pdf").status_code == 404


def test_a_transient_error_puts_the_compilation_back_in_the_queue_until_it_passes(
    client, staff, version, fp_a, mexico, settings, tmp_path, django_capture_on_commit_callbacks
):
    submitted(version, fp_a, mexico)
    media = settings.MEDIA_ROOT
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    settings.MEDIA_ROOT = blocked  # the files cannot be stored for now
    with django_capture_on_commit_callbacks(execute=True):
        compilation = services.request_compilation(version, by=staff)
    compilation.refresh_from_db()
    assert compilation.state == Compilation.State.QUEUED and "NotADirectoryError" in compilation.error
    message = _message(compilation)
    assert message.state == OutboxMessage.State.PENDING and "Retry" in message.last_error
    client.force_login(staff)
    assert "Queued" in text_of(client.get(f"/submissions/isu/versions/{version.pk}/compilation/"))

    settings.MEDIA_ROOT = media  # the disk is back: the sweep hands the task over again
    # (the receipt of the submission, whose commit never came in this test, is handed over too)
    assert outbox.sweep(now=timezone.now() + outbox.LEASE + timedelta(minutes=1)) == 2
    compilation.refresh_from_db()
    assert compilation.state == Compilation.State.READY and compilation.error == ""
    assert _message(compilation).state == OutboxMessage.State.DONE
    assert len(_files(settings, version)) == 3


def test_a_transient_error_on_the_last_retry_is_recorded(
    staff, version, fp_a, mexico, settings, tmp_path, django_capture_on_commit_callbacks
):
    submitted(version, fp_a, mexico)
    with django_capture_on_commit_callbacks(execute=False):
        compilation = services.request_compilation(version, by=staff)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    settings.MEDIA_ROOT = blocked
    assert (
        compilation_task.apply(args=[compilation.pk, 1], retries=compilation_task.max_retries).get()
        == "failed"
    )
    compilation.refresh_from_db()
    assert compilation.state == Compilation.State.FAILED and "NotADirectoryError" in compilation.error
    assert _message(compilation).state == OutboxMessage.State.DONE
