"""A web process keeps publishing once Redis is back, without a restart. The machine's Redis is
shared, so the test starts a Redis of its own on a free port, stops it, and starts it again on
the same port, between hand-overs from one and the same Celery app (skipped where there is no
redis-server). No worker is needed: what reached the broker is read from Redis's queue."""

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

import pytest
import redis
from django.db import transaction

from ccm_portal.celery import app as celery_app
from ccm_portal.lib import outbox
from ccm_portal.models import OutboxMessage

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
]
QUEUE = "ccm-test-broker-restart"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OwnRedis:
    def __init__(self, port: int):
        self.port, self.process = port, None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def queued(self) -> int:
        return redis.Redis(port=self.port).llen(QUEUE)


@contextmanager
def published_to(url: str):
    """This test's Celery app: not eager, its broker at ``url``, its tasks on QUEUE."""
    conf = celery_app.conf
    previous = conf.broker_url, conf.task_always_eager, conf.task_default_queue
    conf.broker_url, conf.task_always_eager, conf.task_default_queue = url, False, QUEUE
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    try:
        yield
    finally:
        conf.broker_url, conf.task_always_eager, conf.task_default_queue = previous
        celery_app._pool = None
        celery_app.amqp._producer_pool = None


@pytest.fixture
def own_redis():
    server = OwnRedis(_free_port())
    server.start()
    yield server
    server.stop()


def _enqueue(key: str, capture) -> OutboxMessage:
    with capture(execute=True), transaction.atomic():
        message = outbox.enqueue(key=key, task_name="ccm_portal.ping")
    message.refresh_from_db()
    return message


def test_publishing_works_again_once_redis_is_back_without_a_restart(
    own_redis, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    with published_to(f"redis://127.0.0.1:{own_redis.port}/0"):
        first = _enqueue("probe:before", capture)
        assert first.queued_at is not None and own_redis.queued() == 1

        own_redis.stop()
        started = time.monotonic()
        during = _enqueue("probe:during", capture)  # the person is answered; the message waits
        assert time.monotonic() - started < 10
        assert during.queued_at is None and "Error" in during.last_error

        own_redis.start()  # the same address, a new server: the pooled connection is stale
        assert outbox.sweep() == 1
        after = _enqueue("probe:after", capture)
        assert after.queued_at is not None
        assert own_redis.queued() == 2  # the message that waited, and the new one
