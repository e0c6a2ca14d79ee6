"""One cache shared by every process: a record changed by one process (a management command,
another gunicorn worker) is fresh on the next request served by any other (issue 17)."""

import os
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date

import pytest
from django.db import connection
from django.test import Client

from ccm_portal.lib.cache import forget_local_copies
from meetings.models import Meeting

from ..conftest import BASE_DIR

pytestmark = pytest.mark.django_db(transaction=True)

# A reader that serves a page whenever asked on its standard input, as a long-lived web
# worker does: it keeps its own copies of the pages between requests.
READER = textwrap.dedent(
    """
    import sys
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for line in sys.stdin:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(line.strip(), secure=True)
        title = response.content.decode().split("<title>")[1].split("</title>")[0].strip()
        print(response.status_code, len(queries.captured_queries), title, flush=True)
    """
)

RENAME = "from meetings.models import Meeting; m = Meeting.objects.get(slug='14msp'); m.title = {title!r}; m.save()"


def _meeting() -> Meeting:
    return Meeting.objects.create(
        kind=Meeting.Kind.MSP,
        title="Fourteenth Meeting of States Parties",
        code="14MSP",
        slug="14msp",
        start_date=date(2026, 9, 1),
        end_date=date(2026, 9, 3),
        city="Geneva",
    )


def _environment(**values) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DATABASE_URL")}
    return env | {"DATABASE_CONN_MAX_AGE": "0"} | values


def _manage(env: dict, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


class Reader:
    def __init__(self, env: dict, log):
        self.log = log
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", READER],
            cwd=BASE_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log.open("w"),
            text=True,
        )

    def get(self, path: str) -> tuple[int, int, str]:
        self.process.stdin.write(path + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, self.log.read_text()
        status, queries, title = line.rstrip("\n").split(" ", 2)
        return int(status), int(queries), title

    def close(self) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def test_without_redis_every_setting_uses_the_database_cache():
    """Production without REDIS_URL and the embedded default: the database cache, never the
    memory of one process."""
    for debug in ("true", "false"):
        env = _environment(DEBUG=debug, SECRET_KEY="test-only-secret-key-for-a-subprocess")
        code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
        assert _manage(env, "shell", "--no-imports", "-c", code).strip() == (
            "django.core.cache.backends.db.DatabaseCache"
        )


def test_the_database_cache_is_shared_with_a_management_command_on_sqlite(tmp_path):
    """The embedded default: a page served and cached by one process shows a meeting renamed
    by `manage.py shell` on its next request (production without REDIS_URL uses the same
    cache; its static files need `collectstatic`, so the page is served with DEBUG on)."""
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite file of the embedded default")
    _meeting()
    database = tmp_path / "ccm_portal.sqlite3"
    with sqlite3.connect(database) as copy:  # the test database, cache table included, as a file
        connection.ensure_connection()
        connection.connection.backup(copy)
    env = _environment(
        DATABASE_URL=f"sqlite:///{database}",
        DEBUG="true",
    )
    reader = Reader(env, tmp_path / "reader.log")
    try:
        status, queries, title = reader.get("/meetings/14msp/")
        assert status == 200 and "Fourteenth Meeting" in title
        _, queries, _ = reader.get("/meetings/14msp/")
        cached_queries = queries  # the database cache's own lookups only
        _manage(env, "shell", "--no-imports", "-c", RENAME.format(title="Renamed by a management command"))
        status, queries, title = reader.get("/meetings/14msp/")
        assert "Renamed by a management command" in title
        assert queries > cached_queries  # rendered again
    finally:
        reader.close()


@pytest.fixture
def _postgresql_and_redis():
    if not os.environ.get("REDIS_URL") or connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)")


@pytest.mark.parametrize("backend", ["redis", "database"])
def test_a_record_changed_in_another_process_is_fresh_on_postgresql(_postgresql_and_redis, settings, backend):
    """Production on PostgreSQL, with Redis and with the database cache: this process serves
    the page from the cache, another renames the meeting, this process shows the new title."""
    env = _environment(
        DATABASE_NAME=connection.settings_dict["NAME"], DATABASE_URL=os.environ["DATABASE_URL"]
    )
    if backend == "redis":
        env["REDIS_URL"] = os.environ["REDIS_URL"]
    else:
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": settings.CACHE_TABLE,
            }
        }
    forget_local_copies()
    _meeting()
    client = Client()
    assert "Fourteenth Meeting" in client.get("/meetings/14msp/").content.decode()
    assert "Fourteenth Meeting" in client.get("/meetings/14msp/").content.decode()
    _manage(env, "shell", "--no-imports", "-c", RENAME.format(title="Renamed in another process"))
    assert "Renamed in another process" in client.get("/meetings/14msp/").content.decode()
