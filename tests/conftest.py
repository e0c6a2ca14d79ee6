"""The fixed cast and the shared fixtures of the test suite.

Tasks run eagerly in every test except those marked ``real_worker``: these run on
PostgreSQL against a Celery worker on Redis that the suite starts itself (see
``real_worker`` below), and are skipped on the embedded default.
"""

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from accounts.models import User
from ccm_portal.celery import app as celery_app

BASE_DIR = Path(settings.BASE_DIR)


@pytest.fixture(autouse=True)
def _isolate(request, settings, tmp_path):
    """Eager tasks, a clean cache (rate limits live there) and a private media folder."""
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


@pytest.fixture(scope="session")
def _worker_process(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.db import connection

    if not os.environ.get("REDIS_URL") or connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)")
    base = tmp_path_factory.mktemp("worker")
    queue = f"ccm-test-{os.getpid()}"
    handle = WorkerHandle(queue=queue, mail_dir=base / "mail", log=base / "worker.log")
    env = os.environ | {
        "DATABASE_NAME": connection.settings_dict["NAME"],  # the test database
        "DATABASE_CONN_MAX_AGE": "0",  # close connections after each task, so the suite can drop it
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(handle.mail_dir),
        "MEDIA_ROOT": str(base / "media"),
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "ccm_portal",
        "worker",
        "--pool=solo",
        f"--queues={queue}",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--loglevel=INFO",
    ]
    with open(handle.log, "wb") as log:
        process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                result = celery_app.send_task("ccm_portal.ping", queue=queue)
                assert result.get(timeout=10) == "pong"
                break
            except Exception:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(
                        "The Celery worker did not start:\n" + handle.log.read_text()
                    ) from None
        yield handle
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


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
