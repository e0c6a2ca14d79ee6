"""PostgreSQL connections dropped under load: requests fail cleanly (the static 500 page, no
traceback) or succeed, and the portal recovers without a restart (CONN_HEALTH_CHECKS).

The machine's PostgreSQL is shared, so it is not restarted: the server side of a restart is
what the tests do instead, terminating every backend of the test database from a second
connection (pg_terminate_backend), as a restart or a failover does to open connections.
"""

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import RequestFactory
from django.views.defaults import server_error

from meetings.models import Meeting

FRIENDLY = "The portal could not answer this request"
LEAKS = ("Traceback", "OperationalError", "psycopg", "terminating connection", 'File "/')


def _terminate_other_backends(*, sparing: int = 0) -> int:
    """From a connection of its own: end every other session on the test database (but the
    one with pid ``sparing``)."""
    import psycopg

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid() AND pid <> %s",
            [sparing],
        ).fetchall()
    return sum(1 for (ok,) in rows if ok)


def _needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL): terminates server connections")


def test_the_500_page_is_static_and_friendly(rf: RequestFactory):
    response = server_error(rf.get("/"))
    page = response.content.decode()
    assert response.status_code == 500 and FRIENDLY in page and '<main id="main"' in page
    assert not any(leak in page for leak in LEAKS)


@pytest.mark.django_db(transaction=True)
def test_a_dropped_connection_gives_the_friendly_500_page_without_a_traceback(client):
    _needs_postgresql()
    Meeting.objects.count()  # the connection is open
    assert _terminate_other_backends() >= 1
    client.raise_request_exception = False
    response = client.get("/meetings/")
    page = response.content.decode()
    assert response.status_code == 500 and FRIENDLY in page
    assert not any(leak in page for leak in LEAKS), page
    connection.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - a local test server
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def production_server(tmp_path):
    """The portal served as in production (gunicorn, 2 sync workers, DEBUG off, persistent
    connections with health checks) against the test database."""
    _needs_postgresql()
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    } | {
        "DEBUG": "false",
        "SECRET_KEY": "a-test-secret-key-for-the-fault-tests-0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_NAME": connection.settings_dict["NAME"],
        "DATABASE_CONN_MAX_AGE": "600",
        "STATIC_ROOT": str(tmp_path / "static"),
        "REDIS_URL": "",  # the local-memory cache: every page reaches the database
        "LOG_LEVEL": "ERROR",
    }
    base = Path(settings.BASE_DIR)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=base, env=env, check=True
    )
    log = open(tmp_path / "gunicorn.log", "wb")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "ccm_portal.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"],
        cwd=base,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if _get(f"{url}/healthz")[0] == 200:
                break
        except OSError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            server.kill()
            pytest.fail("gunicorn did not start:\n" + (tmp_path / "gunicorn.log").read_text())
        time.sleep(0.2)
    try:
        yield url, server
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _workers(server) -> set[int]:
    path = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    return set(map(int, path.read_text().split()))


@pytest.mark.django_db(transaction=True)
def test_requests_fail_cleanly_while_connections_drop_and_recover_without_a_restart(production_server):
    url, server = production_server
    Meeting.objects.create(
        kind="msp", title="Fourteenth Meeting of States Parties", code="14MSP", slug="14msp"
    )
    pages = ["/meetings/", "/meetings/14msp/", "/delegations/", "/documents/", "/machinery/", "/healthz"]
    for page in pages:
        assert _get(url + page)[0] == 200, page
    workers = _workers(server)
    with connection.cursor() as cursor:  # the test's own connection is not the portal's
        cursor.execute("SELECT pg_backend_pid()")
        mine = cursor.fetchone()[0]
    results: list[tuple[str, int, str]] = []
    stop = threading.Event()

    def load():
        while not stop.is_set():
            for page in pages:
                status, body = _get(url + page)
                results.append((page, status, body))

    threads = [threading.Thread(target=load) for _ in range(4)]
    for thread in threads:
        thread.start()
    terminated = 0
    for _ in range(12):  # about 6 seconds of dropped connections
        time.sleep(0.5)
        terminated += _terminate_other_backends(sparing=mine)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)

    assert terminated >= 4, "the connections of the served portal were terminated"
    statuses = {status for _page, status, _body in results}
    assert statuses <= {200, 500, 503}, statuses
    for page, status, body in results:
        if status == 500:
            assert FRIENDLY in body and not any(leak in body for leak in LEAKS), (page, body[:2000])
        if status == 503:  # the health check says the database is down, in JSON
            assert page == "/healthz" and '"status": "error"' in body
    assert sum(status == 200 for _p, status, _b in results) > len(results) / 2
    # Recovered: every page answers again, from the same worker processes (no restart).
    for page in pages * 3:
        status, body = _get(url + page)
        assert status == 200, (page, status, body[:500])
    assert re.search(r"Fourteenth Meeting of States Parties", _get(url + "/meetings/14msp/")[1])
    assert _workers(server) == workers and server.poll() is None
