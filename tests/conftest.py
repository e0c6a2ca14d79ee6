"""The fixed cast and the shared fixtures of the test suite.

Tasks run eagerly in every test except those marked ``real_worker``: these run on
PostgreSQL against a Celery worker on Redis that the suite starts itself (see
``real_worker`` below), and are skipped on the embedded default. The portal keeps no task
results; the suite gives itself and its workers a result backend on ``REDIS_URL``, so a test
can wait for a task it sends with ``apply_async(..., ignore_result=False)``.
"""

import io
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from accounts.models import User
from ccm_portal.celery import app as celery_app

BASE_DIR = Path(settings.BASE_DIR)


@pytest.fixture(autouse=True)
def _isolate(request, settings, tmp_path):
    """Eager tasks, a clean cache (rate limits live there), a private media folder, and English
    active (a request at /fr/ or /es/ leaves its language active in the thread, and a record
    created under it would get only its French or Spanish fields).

    The cache is this process's memory unless the test runs with Redis: the database cache
    of the default settings would add its queries to every count (tests/cache/ checks the
    shared caches across processes explicitly)."""
    translation.activate(settings.LANGUAGE_CODE)
    if not os.environ.get("REDIS_URL"):
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    eager = celery_app.conf.task_always_eager
    if not request.node.get_closest_marker("real_worker"):
        celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = eager


@pytest.fixture
def staff(db) -> User:
    return User.objects.create_user(
        email="staff@isu.example",
        password="staff-pass-1",
        full_name="Iris Staff",
        is_staff=True,
        is_superuser=True,
    )


@pytest.fixture
def anonymous(client):
    return client


def one_page_pdf() -> bytes:
    """A PDF that pypdf reads (one blank page), as staff would upload one."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_state(**fields):
    from meetings.models import Delegation, RegionalGroup

    region = (
        fields.pop("region", None)
        or RegionalGroup.objects.get_or_create(slug="americas", defaults={"name": "Americas", "order": 1})[0]
    )
    defaults = {"kind": Delegation.Kind.STATE, "region": region}
    defaults.update(fields)
    defaults.setdefault("slug", defaults["name"].lower().replace(" ", "-"))
    return Delegation.objects.create(**defaults)


@dataclass
class WorkerHandle:
    queue: str
    mail_dir: Path
    log: Path
    process: subprocess.Popen | None = None

    @property
    def media_dir(self) -> Path:
        return self.log.parent / "media"

    def kill(self) -> None:
        """SIGKILL the worker's main process: no shutdown, no acknowledgement, as a crash."""
        self.process.kill()
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)

    def children(self) -> list[int]:
        """Pids of the pool's child processes (prefork)."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []


def _needs_postgresql_and_redis():
    from django.db import connection

    if not os.environ.get("REDIS_URL") or connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)")


def start_worker(
    base: Path, queue: str, *, pool: str = "solo", env: dict | None = None, wait: bool = True
) -> WorkerHandle:
    """Start a Celery worker on ``queue`` against the test database, with its mail and media
    folders under ``base`` (several workers given the same ``base`` share them)."""
    from django.db import connection

    base.mkdir(parents=True, exist_ok=True)
    handle = WorkerHandle(
        queue=queue, mail_dir=base / "mail", log=base / f"worker-{queue}-{time.time_ns()}.log"
    )
    full_env = (
        os.environ
        | {
            "DATABASE_NAME": connection.settings_dict["NAME"],  # the test database
            "DATABASE_CONN_MAX_AGE": "0",  # close connections after each task, so the suite can drop it
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(handle.mail_dir),
            "MEDIA_ROOT": str(handle.media_dir),
            "CELERY_RESULT_BACKEND": os.environ["REDIS_URL"],  # for tests that wait on a result
        }
        | (env or {})
    )
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "ccm_portal",
        "worker",
        f"--pool={pool}",
        *(["--concurrency=1"] if pool == "prefork" else []),
        f"--queues={queue}",
        f"--hostname={queue}-{time.time_ns()}@%h",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--loglevel=INFO",
    ]
    with open(handle.log, "wb") as log:
        handle.process = subprocess.Popen(
            command, cwd=BASE_DIR, env=full_env, stdout=log, stderr=subprocess.STDOUT
        )
    if wait:
        wait_for_worker(handle)
    return handle


def wait_for_worker(handle: WorkerHandle, timeout: float = 60) -> None:
    """Wait until the worker answers a ping on its queue."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = celery_app.send_task("ccm_portal.ping", queue=handle.queue, ignore_result=False)
            assert result.get(timeout=10) == "pong"
            return
        except Exception:
            if time.monotonic() > deadline or handle.process.poll() is not None:
                handle.stop()
                raise RuntimeError("The Celery worker did not start:\n" + handle.log.read_text()) from None


def _use_result_backend(url: str | None) -> None:
    """Point this process's Celery app at a result backend (None: none), dropping the backend
    it may have made already (Celery keeps one per thread)."""
    celery_app.conf.result_backend = url
    celery_app._backend_cache = None
    celery_app._local.__dict__.pop("backend", None)


@pytest.fixture(scope="session")
def _worker_process(django_db_setup, django_db_blocker, tmp_path_factory):
    _needs_postgresql_and_redis()
    previous = celery_app.conf.result_backend
    _use_result_backend(os.environ["REDIS_URL"])
    handle = start_worker(tmp_path_factory.mktemp("worker"), f"ccm-test-{os.getpid()}")
    try:
        yield handle
    finally:
        handle.stop()
        _use_result_backend(previous)


@pytest.fixture
def worker_factory(_worker_process, tmp_path, request):
    """Start extra workers that a test may kill and restart (each on a queue of the test's own,
    sharing one media and mail folder); every one still running is stopped at the end. The test
    must be marked ``real_worker``; queued tasks go to ``worker_factory.queue``."""
    assert request.node.get_closest_marker("real_worker"), "mark the test with @pytest.mark.real_worker"

    class Factory:
        def __init__(self):
            self.queue = f"ccm-test-{os.getpid()}-{time.time_ns()}"
            self.base = tmp_path / "workers"
            self.started: list[WorkerHandle] = []

        def start(self, *, pool: str = "solo", env: dict | None = None) -> WorkerHandle:
            handle = start_worker(self.base, self.queue, pool=pool, env=env)
            self.started.append(handle)
            return handle

    factory = Factory()
    previous = celery_app.conf.task_default_queue, celery_app.conf.task_always_eager
    celery_app.conf.task_default_queue = factory.queue
    celery_app.conf.task_always_eager = False
    try:
        yield factory
    finally:
        celery_app.conf.task_default_queue, celery_app.conf.task_always_eager = previous
        for handle in factory.started:
            handle.stop()


@pytest.fixture
def real_worker(_worker_process, request):
    """Route this test's tasks to the suite's real worker (the test must be marked
    ``real_worker`` and use ``django_db(transaction=True)`` so the worker sees its rows)."""
    assert request.node.get_closest_marker("real_worker"), "mark the test with @pytest.mark.real_worker"
    previous = celery_app.conf.task_default_queue, celery_app.conf.task_always_eager
    celery_app.conf.task_default_queue = _worker_process.queue
    celery_app.conf.task_always_eager = False
    yield _worker_process
    celery_app.conf.task_default_queue, celery_app.conf.task_always_eager = previous
