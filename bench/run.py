"""``make bench``: the portal served the production way against bare Django, written to RESULTS.md.

    python -m bench.run          (from the project root; ``make bench`` does this)

Steps: check the tools and services; migrate the benchmark database, load the reference data
and generate the benchmark data (bench/generators.py); collect static files; serve the portal
twice with gunicorn (warm: the Redis cache as in production; cold: every cache replaced by a
dummy, bench/settings_cold.py) and bare Django once (bench/bare/app.py), each with 2 workers;
load each public page of bench/pages.py with wrk at 16 connections, warm (after a warm-up) and
cold (after a Redis FLUSHDB of the cache database); count each page's SQL queries through
Django's test client; sample the gunicorn workers' resident memory; time the admin change
lists over 10,000 rows and the PDF pipeline against bare WeasyPrint; write bench/RESULTS.md.

Settings (environment): BENCH_DATABASE_URL, BENCH_REDIS_URL, BENCH_SEED, BENCH_SCALE,
BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS, BENCH_THREADS, BENCH_PORT (three ports from
there), BENCH_SKIP_DATA=1 (reuse the data), BENCH_SKIP_PDF=1, BENCH_PAGES (labels, comma-
separated), BENCH_OUTPUT (default bench/RESULTS.md). See bench/README.md.
"""

import json
import os
import platform
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "bench"
WORK_DIR = BASE_DIR / "var" / "bench"

# Goals of issue 8, item 2.
GOAL_WARM_RATIO = 0.50
GOAL_COLD_RATIO = 0.10
GOAL_P99_MS = 50.0
GOAL_QUERIES = 10
GOAL_SEARCH_P95_MS = 50.0
GOAL_SEARCH_DOCUMENTS = 10_000
GOAL_PDF_RATIO = 1.3
GOAL_COMPILATION_S = 30.0
GOAL_ADMIN_MS = 300.0
GOAL_ADMIN_ROWS = 10_000
GOAL_WORKER_RSS_MB = 150.0
GOAL_PDF_PEAK_MB = 400.0


def env(name: str, default: str) -> str:
    return os.environ.get(name) or default


@dataclass
class Config:
    database_url: str = env("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ccm_bench")
    redis_url: str = env("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8")
    seed: int = int(env("BENCH_SEED", "42"))
    scale: float = float(env("BENCH_SCALE", "1"))
    duration: int = int(env("BENCH_DURATION", "6"))
    warmup: int = int(env("BENCH_WARMUP", "2"))
    connections: int = int(env("BENCH_CONNECTIONS", "16"))
    threads: int = int(env("BENCH_THREADS", "2"))
    port: int = int(env("BENCH_PORT", "8601"))
    workers: int = 2
    skip_data: bool = env("BENCH_SKIP_DATA", "") == "1"
    skip_pdf: bool = env("BENCH_SKIP_PDF", "") == "1"
    pdf_runs: int = int(env("BENCH_PDF_RUNS", "2"))
    only: list[str] = field(
        default_factory=lambda: [s.strip() for s in env("BENCH_PAGES", "").split(",") if s.strip()]
    )
    output: Path = Path(env("BENCH_OUTPUT", str(BENCH_DIR / "RESULTS.md")))


def say(text: str) -> None:
    print(f"[bench] {text}", flush=True)


# --- preflight ------------------------------------------------------------------------------


def preflight(cfg: Config) -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk (make bench does it when run as root)")
    import dj_database_url
    import psycopg
    import redis

    db = dj_database_url.parse(cfg.database_url)
    if "postgresql" not in db["ENGINE"]:
        sys.exit("BENCH_DATABASE_URL must point at PostgreSQL")
    try:
        with psycopg.connect(
            host=db["HOST"] or None,
            port=db["PORT"] or None,
            user=db["USER"] or None,
            password=db["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        ) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone()
            if not exists:
                say(f"creating database {db['NAME']}")
                conn.execute(f'CREATE DATABASE "{db["NAME"]}"')
    except psycopg.OperationalError as exc:
        sys.exit(f"PostgreSQL is not reachable at {cfg.database_url}: {exc}")
    try:
        redis.Redis.from_url(cfg.redis_url).ping()
    except redis.RedisError as exc:
        sys.exit(f"Redis is not reachable at {cfg.redis_url}: {exc}")


def server_env(cfg: Config) -> dict[str, str]:
    """Production settings on loopback: DEBUG off, a throwaway key, no TLS redirect."""
    return os.environ | {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "SECURE_SSL_REDIRECT": "false",  # no TLS on loopback
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": cfg.database_url,
        "REDIS_URL": cfg.redis_url,
        "STATIC_ROOT": str(WORK_DIR / "static"),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "ccm_portal.settings",
        "PYTHONPATH": str(BASE_DIR),
    }


# --- servers --------------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    health: str

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def worker_pids(self) -> list[int]:
        pids = []
        try:
            for task in Path(f"/proc/{self.process.pid}/task").iterdir():
                children = (task / "children").read_text().split()
                pids.extend(int(p) for p in children)
        except OSError:
            pass
        return pids


def start_server(name: str, app: str, port: int, environ: dict[str, str], workers: int) -> Server:
    log = open(WORK_DIR / f"{name}.log", "wb")  # noqa: SIM115 (kept open for the process's life)
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        app,
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--error-logfile",
        "-",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=BASE_DIR, env=environ, stdout=log, stderr=subprocess.STDOUT)
    return Server(name, port, process, "/healthz" if name != "bare" else "/")


def wait_ready(server: Server, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            sys.exit(f"{server.name} server exited; see {WORK_DIR / (server.name + '.log')}")
        try:
            with urllib.request.urlopen(server.url + server.health, timeout=2) as response:  # noqa: S310
                if response.status == 200 and len(server.worker_pids()) >= 1:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    sys.exit(f"{server.name} server did not answer within {timeout} s")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()


class MemorySampler(threading.Thread):
    """Samples VmRSS of every gunicorn worker of the given servers; keeps the maximum per server."""

    def __init__(self, servers: list[Server], interval: float = 0.25):
        super().__init__(daemon=True)
        self.servers, self.interval = servers, interval
        self.peak_kb: dict[str, int] = {s.name: 0 for s in servers}
        self.idle_kb: dict[str, int] = {s.name: self.sample(s) for s in servers}
        self.stopping = threading.Event()

    @staticmethod
    def sample(server: Server) -> int:
        peak = 0
        for pid in server.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
            if match:
                peak = max(peak, int(match.group(1)))
        return peak

    def run(self) -> None:
        while not self.stopping.wait(self.interval):
            for server in self.servers:
                self.peak_kb[server.name] = max(self.peak_kb[server.name], self.sample(server))


# --- wrk ------------------------------------------------------------------------------------


@dataclass
class Load:
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    requests: int
    errors: int
    non_2xx: int


def wrk(cfg: Config, url: str, seconds: int, label: str) -> Load:
    command = [
        "wrk",
        f"-t{cfg.threads}",
        f"-c{cfg.connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "10s",  # wrk's default (2 s) would drop the slowest requests from the percentiles
        "-s",
        str(BENCH_DIR / "report.lua"),
        url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    (WORK_DIR / "wrk").mkdir(exist_ok=True)
    (WORK_DIR / "wrk" / f"{label}.txt").write_text(result.stdout + result.stderr)
    line = next(x for x in result.stdout.splitlines() if x.startswith("BENCH_JSON "))
    data = json.loads(line.removeprefix("BENCH_JSON "))
    errors = sum(data[k] for k in ("errors_connect", "errors_read", "errors_write", "errors_timeout"))
    return Load(
        rps=data["requests"] / (data["duration_us"] / 1e6),
        p50_ms=data["p50_us"] / 1000,
        p95_ms=data["p95_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        requests=data["requests"],
        errors=errors,
        non_2xx=data["errors_status"],
    )


def flush_cache(cfg: Config) -> None:
    import redis

    redis.Redis.from_url(cfg.redis_url).flushdb()


def probe(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
            return response.status, response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", "")


# --- measurements in-process (Django test client) -------------------------------------------


def count_queries(path: str) -> tuple[int | None, int | None, str]:
    """SQL queries of one request with the cache empty (cold), then again (warm)."""
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = []
    for _ in range(2):
        if not counts:
            for cache in caches.all():
                cache.clear()
            try:  # the page cache's copies in this process's memory
                from ccm_portal.lib.cache import forget_local_copies

                forget_local_copies()
            except ImportError:
                pass
        with CaptureQueriesContext(connection) as ctx:
            try:
                response = client.get(path)
            except Exception as exc:  # a crash is a finding, reported, not a reason to stop
                return None, None, f"error: {exc.__class__.__name__}"
        if response.status_code != 200:
            return None, None, f"status {response.status_code}"
        counts.append(len(ctx.captured_queries))
    return counts[0], counts[1], ""


@dataclass
class AdminTiming:
    label: str
    rows: int
    median_ms: float | None
    queries: int | None
    note: str = ""


def time_admin_changelists(runs: int = 5) -> tuple[list[AdminTiming], list[str]]:
    """Every admin change list whose model holds at least 10,000 rows, as a superuser."""
    from django.contrib import admin
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from accounts.models import User

    small = []
    timings = []
    user, _ = User.objects.get_or_create(
        email="bench-admin@example.invalid", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    for model in sorted(admin.site._registry, key=lambda m: m._meta.label):
        rows = model._default_manager.count()
        if rows < GOAL_ADMIN_ROWS:
            small.append((rows, model._meta.label))
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        first = client.get(url)
        if first.status_code != 200:
            timings.append(AdminTiming(model._meta.label, rows, None, None, f"status {first.status_code}"))
            continue
        times = []
        for _ in range(runs):
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - started) * 1000)
        timings.append(
            AdminTiming(model._meta.label, rows, statistics.median(times), len(ctx.captured_queries))
        )
    return timings, [f"{label} ({rows:,})" for rows, label in sorted(small, reverse=True)]


def measure_compilation() -> tuple[str, bool | None]:
    """The compilation of the generated comments (10,000 at full scale), through the task the
    ISU's button queues (submissions.tasks.compilation_task, run in-process): for each
    generated version, every standing comment by paragraph and delegation, as PDF and CSV.
    Returns the figure and whether the goal is met (None when not judged)."""
    from bench.generators import PREFIX, get_model

    if get_model("submissions", "Compilation") is None:
        return "not available on this build (no submissions.Compilation model)", None
    from django.utils import timezone

    from submissions.models import Comment, Compilation, DraftVersion
    from submissions.tasks import compilation_task

    versions = list(DraftVersion.objects.filter(draft__slug__startswith=PREFIX).order_by("draft__slug"))
    comments = Comment.objects.filter(submission__version__in=versions).count()
    if not comments:
        return "not measured: no generated comments (run generate_bench_data)", None
    timings = []
    for version in versions:
        # Queued as request_compilation queues it, without sending a message to a broker.
        compilation, _ = Compilation.objects.update_or_create(
            version=version, defaults={"state": Compilation.State.QUEUED, "requested_at": timezone.now()}
        )
        started = time.perf_counter()
        state = compilation_task(compilation.pk)
        seconds = time.perf_counter() - started
        compilation.refresh_from_db()
        if state != Compilation.State.READY:
            return f"failed on {version}: {compilation.error}", False
        timings.append((seconds, compilation.comment_count, compilation.pdf.size))
    total = sum(t for t, _, _ in timings)
    compiled = sum(c for _, c, _ in timings)
    largest = max(timings, key=lambda t: t[1])
    text = (
        f"{total:.1f} s for {compiled:,} comments in {len(timings)} compilations (one per generated version,"
        f" PDF and CSV each); the largest, {largest[1]:,} comments, {largest[0]:.1f} s"
        f" ({largest[2] / 1024 / 1024:.1f} MB of PDF)"
    )
    judged = compiled >= 10_000
    return text + ("" if judged else " (not judged: fewer than 10,000 comments)"), (
        total < GOAL_COMPILATION_S if judged else None
    )


def pdf_probe(cfg: Config, environ: dict[str, str]) -> dict[str, dict] | None:
    results: dict[str, dict] = {}
    for _ in range(cfg.pdf_runs):
        for mode in ("bare", "pipeline"):
            out = subprocess.run(
                [sys.executable, "-m", "bench.pdf_probe", mode],
                cwd=BASE_DIR,
                env=environ,
                capture_output=True,
                text=True,
                check=True,
            )
            data = json.loads(out.stdout.strip().splitlines()[-1])
            best = results.get(mode)
            if best is None:
                results[mode] = data
            else:
                best["seconds"] = min(best["seconds"], data["seconds"])
                best["peak_rss_kb"] = max(best["peak_rss_kb"], data["peak_rss_kb"])
    return results


# --- results --------------------------------------------------------------------------------


@dataclass
class PageResult:
    label: str
    path: str
    available: bool
    reason: str = ""
    warm: Load | None = None
    cold: Load | None = None
    queries_cold: int | None = None
    queries_warm: int | None = None
    queries_note: str = ""
    search: bool = False


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "memory": mem,
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "kernel": platform.release(),
        "python": platform.python_version(),
    }


def versions() -> dict[str, str]:
    import django
    import gunicorn
    import redis
    from django.conf import settings
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    redis_version = redis.Redis.from_url(settings.REDIS_URL).info("server")["redis_version"]
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    return {
        "Django": django.get_version(),
        "gunicorn": gunicorn.__version__,
        "PostgreSQL": pg.split()[0],
        "Redis": redis_version,
        "wrk": wrk_version.split(" [")[0].removeprefix("wrk ").strip(),
    }


def git_commit() -> str:
    try:
        sha = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR, capture_output=True, text=True, check=True
        ).stdout.strip()
        branch = subprocess.run(
            ["git", "rev-parse", "--abbrev-ref", "HEAD"], cwd=BASE_DIR, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=BASE_DIR, capture_output=True, text=True)
        return f"{sha} on {branch}" + (" (with uncommitted changes)" if dirty.stdout.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def row_counts() -> list[tuple[str, int]]:
    from django.apps import apps

    counts = []
    for label in (
        "meetings.Delegation",
        "meetings.Meeting",
        "meetings.AgendaItem",
        "meetings.Participation",
        "documents.Document",
        "documents.Rendition",
        "submissions.Submission",
        "submissions.Comment",
    ):
        try:
            model = apps.get_model(label)
        except LookupError:
            counts.append((label, -1))
            continue
        counts.append((label, model._default_manager.count()))
    return counts


def met(ok: bool | None) -> str:
    return "—" if ok is None else ("met" if ok else "**not met**")


def pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def write_results(cfg: Config, ctx: dict) -> str:
    bare = ctx["bare_rps"]
    pages: list[PageResult] = ctx["pages"]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (bench/run.py) on {ctx['date']}, at commit {ctx['commit']}.",
        "Read it with [bench/README.md](README.md): what each figure means and how it is measured.",
        "",
        "## Machine",
        "",
        f"- {ctx['machine']['nproc']} CPUs (`nproc`), {ctx['machine']['cpu']}, {ctx['machine']['memory']} of memory;"
        f" Linux {ctx['machine']['kernel']}, Python {ctx['machine']['python']}",
        "- " + ", ".join(f"{k} {v}" for k, v in ctx["versions"].items()),
        f"- load average when the run began: {ctx['load_before']}; when it ended: {ctx['load_after']}",
        f"- load: wrk with {cfg.threads} threads and {cfg.connections} connections, {cfg.duration} s per"
        f" measurement after a {cfg.warmup} s warm-up; gunicorn with {cfg.workers} sync workers per server;"
        " wrk runs on the same CPUs as the servers",
        "",
        "> **This machine is shared.** Other sessions run test suites on the same two cores while it is"
        " measured, so absolute figures (req/s, milliseconds) are depressed and vary from run to run; the"
        " ratios to bare Django, measured in the same minutes, are the figures to compare. Query counts"
        " and memory do not depend on the load.",
        "",
        "## Bare Django",
        "",
        "One view returning 2,048 bytes, no middleware, no database (bench/bare/app.py), served by gunicorn"
        " exactly as the portal is. Measured before and after the pages; the mean is the denominator of every"
        " ratio below.",
        "",
        "| when | req/s | p50 | p99 |",
        "|---|---:|---:|---:|",
    ]
    for when, load in ctx["bare_loads"]:
        lines.append(f"| {when} | {load.rps:,.0f} | {load.p50_ms:.1f} ms | {load.p99_ms:.1f} ms |")
    lines += [f"| **mean** | **{bare:,.0f}** | | |", ""]

    lines += [
        "## Public pages",
        "",
        f"Goals (issue 8, item 2): warm ≥ {pct(GOAL_WARM_RATIO)} of bare Django, cold ≥ {pct(GOAL_COLD_RATIO)},"
        f" p99 < {GOAL_P99_MS:.0f} ms at {cfg.connections} connections, at most {GOAL_QUERIES} queries per page.",
        "",
        "| page | address | warm req/s | warm ratio | warm p50 / p99 | cold req/s | cold ratio | cold p50 / p99"
        " | queries cold / warm | warm ratio goal | cold ratio goal | p99 goal | queries goal |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|",
    ]
    for r in pages:
        if not r.available:
            lines.append(
                f"| {r.label} | {r.path or '—'} | not available on this build ({r.reason}) |||||||||||"
            )
            continue
        w, c = r.warm, r.cold
        wr, cr = w.rps / bare, c.rps / bare
        q = (
            f"{r.queries_cold} / {r.queries_warm}"
            if r.queries_cold is not None
            else f"not counted ({r.queries_note})"
        )
        flags = ""
        if not w.requests or not c.requests:
            flags = " ⚠ no request completed in a run"
        elif w.non_2xx or c.non_2xx or w.errors or c.errors:
            flags = f" ⚠ {w.non_2xx + c.non_2xx} non-2xx, {w.errors + c.errors} socket errors"
        lines.append(
            f"| {r.label}{flags} | `{r.path}` | {w.rps:,.0f} | {pct(wr)} | {w.p50_ms:.1f} / {w.p99_ms:.1f} ms"
            f" | {c.rps:,.0f} | {pct(cr)} | {c.p50_ms:.1f} / {c.p99_ms:.1f} ms | {q}"
            f" | {met(wr >= GOAL_WARM_RATIO)} | {met(cr >= GOAL_COLD_RATIO)}"
            f" | {met(max(w.p99_ms, c.p99_ms) < GOAL_P99_MS)}"
            f" | {met(None if r.queries_cold is None else max(r.queries_cold, r.queries_warm) <= GOAL_QUERIES)} |"
        )
    lines += [
        "",
        "The p99 goal is judged on the worse of the warm and cold runs; the query goal on the worse of the"
        " cold and warm counts. That the count stays constant as rows grow is checked by the query-count"
        " tests of the suite, not here.",
        "",
    ]

    # Other goals.
    lines += ["## The other goals of issue 8, item 2", "", "| goal | figure | |", "|---|---|---|"]
    search = next((r for r in pages if r.search), None)
    documents = dict(ctx["rows"]).get("documents.Document", -1)
    if search and search.available:
        over = f"over {documents:,} documents" if documents >= 0 else "no document model"
        ok = search.cold.p95_ms < GOAL_SEARCH_P95_MS and search.warm.p95_ms < GOAL_SEARCH_P95_MS
        verdict = met(ok) if documents >= GOAL_SEARCH_DOCUMENTS else "not judged: fewer than 10,000 documents"
        lines.append(
            f"| full-text search p95 < {GOAL_SEARCH_P95_MS:.0f} ms over 10,000 documents"
            f" | cold {search.cold.p95_ms:.1f} ms, warm {search.warm.p95_ms:.1f} ms ({over}) | {verdict} |"
        )
    else:
        lines.append(
            f"| full-text search p95 < {GOAL_SEARCH_P95_MS:.0f} ms over 10,000 documents"
            " | not available on this build (no search page) | — |"
        )
    pdf = ctx.get("pdf")
    if pdf:
        ratio = pdf["pipeline"]["seconds"] / pdf["bare"]["seconds"]
        lines.append(
            f"| PDF pipeline ≤ {GOAL_PDF_RATIO} × bare WeasyPrint on the same HTML"
            f" | {pdf['pipeline']['seconds']:.2f} s against {pdf['bare']['seconds']:.2f} s"
            f" for {pdf['bare']['pages']} pages: {ratio:.2f} × | {met(ratio <= GOAL_PDF_RATIO)} |"
        )
        peak_mb = pdf["pipeline"]["peak_rss_kb"] / 1024
        lines.append(
            f"| rendering a 100-page document peaks < {GOAL_PDF_PEAK_MB:.0f} MB"
            f" | {peak_mb:.0f} MB for {pdf['pipeline']['pages']} pages (bare WeasyPrint:"
            f" {pdf['bare']['peak_rss_kb'] / 1024:.0f} MB) | {met(peak_mb < GOAL_PDF_PEAK_MB)} |"
        )
    else:
        lines.append("| PDF pipeline and 100-page peak | skipped (BENCH_SKIP_PDF=1) | — |")
    compilation, compilation_ok = ctx["compilation"]
    lines.append(
        f"| compilation of 10,000 comments < {GOAL_COMPILATION_S:.0f} s | {compilation} | {met(compilation_ok)} |"
    )
    admin_timings, small = ctx["admin"]
    if admin_timings:
        for t in admin_timings:
            figure = (
                f"{t.median_ms:.0f} ms median, {t.queries} queries" if t.median_ms is not None else t.note
            )
            ok = t.median_ms is not None and t.median_ms < GOAL_ADMIN_MS
            lines.append(
                f"| admin change list over 10,000 rows < {GOAL_ADMIN_MS:.0f} ms: {t.label} ({t.rows:,} rows)"
                f" | {figure} | {met(ok)} |"
            )
    else:
        lines.append(
            f"| admin change lists over 10,000 rows < {GOAL_ADMIN_MS:.0f} ms | no change list on this build"
            f" has 10,000 rows (largest: {', '.join(small[:6])}) | — |"
        )
    for name in ("warm", "cold"):
        peak = ctx["memory_peak"][name] / 1024
        lines.append(
            f"| a gunicorn worker < {GOAL_WORKER_RSS_MB:.0f} MB resident under load ({name} server)"
            f" | peak {peak:.0f} MB (idle after start: {ctx['memory_idle'][name] / 1024:.0f} MB)"
            f" | {met(peak < GOAL_WORKER_RSS_MB)} |"
        )
    lines.append(
        f"| bare Django worker, for comparison | peak {ctx['memory_peak']['bare'] / 1024:.0f} MB | |"
    )
    lines.append(f"| Celery workers recycled by memory | {ctx['celery']} | configuration, not measured |")
    lines.append("")

    lines += ["## Data", "", f"Seed {cfg.seed}, scale {cfg.scale}.", "", "| model | rows |", "|---|---:|"]
    for label, count in ctx["rows"]:
        lines.append(f"| {label} | {'not on this build' if count < 0 else f'{count:,}'} |")
    if ctx["data_notes"]:
        lines += ["", "Notes from the data generator:", ""] + [f"- {n}" for n in ctx["data_notes"]]
    lines += [
        "",
        "## How to read this",
        "",
        "- **req/s**: requests completed per second by wrk over the run, all connections together.",
        "- **ratio**: the page's req/s divided by bare Django's (mean of the two bare runs). 50 % means the"
        " portal serves that page half as fast as Django can serve anything at all on this machine.",
        "- **warm**: the portal as in production (Redis cache), after a warm-up; **cold**: the same portal"
        " with every cache replaced by a dummy (bench/settings_cold.py) and Redis flushed before the run,"
        " so every request does the full work (a cache miss, as after a record changes).",
        "- **p50 / p99**: the latency under which half and 99 % of the requests completed, as wrk measures it"
        " from the client side with all connections busy.",
        "- **queries cold / warm**: SQL queries of one request through Django's test client with the"
        " production settings and the benchmark database: once with the cache just flushed, once again.",
        "- **not available on this build**: the address answers 404 (or the record to show does not exist);"
        " nothing is measured or estimated for it.",
        "- **⚠**: wrk saw error statuses, socket errors or timeouts (10 s), or no response completed; that"
        " page's figures describe a failing page, not a slow one.",
        "- Raw wrk output of every run and the servers' logs are in `var/bench/` after a run (not committed).",
        "",
    ]
    text = "\n".join(lines)
    cfg.output.write_text(text)
    return text


# --- main -----------------------------------------------------------------------------------


def main() -> None:
    cfg = Config()
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    preflight(cfg)
    environ = server_env(cfg)
    # This process uses the same settings for its own measurements (query counts, admin timings),
    # with staff MFA off so that a forced login reaches the admin.
    os.environ.update(environ | {"STAFF_MFA_REQUIRED": "false"})
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    say("migrating")
    call_command("migrate", verbosity=0, interactive=False)
    data_notes: list[str] = []
    if cfg.skip_data:
        say("reusing the benchmark data (BENCH_SKIP_DATA=1)")
    else:
        say(f"generating the benchmark data (seed {cfg.seed}, scale {cfg.scale})")
        from bench.generators import generate

        call_command("load_ccm_data", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        report = generate(seed=cfg.seed, scale=cfg.scale, log=say)
        data_notes = report.notes
    say("collecting static files")
    call_command("collectstatic", verbosity=0, interactive=False, clear=True)
    from django.db import connections

    connections.close_all()

    servers = {
        "warm": start_server("warm", "ccm_portal.wsgi:application", cfg.port, environ, cfg.workers),
        "cold": start_server(
            "cold",
            "ccm_portal.wsgi:application",
            cfg.port + 1,
            environ | {"DJANGO_SETTINGS_MODULE": "bench.settings_cold"},
            cfg.workers,
        ),
        "bare": start_server("bare", "bench.bare.app:application", cfg.port + 2, environ, cfg.workers),
    }
    ctx: dict = {"load_before": load_before, "data_notes": data_notes}
    try:
        for server in servers.values():
            wait_ready(server)
        sampler = MemorySampler(list(servers.values()))
        sampler.start()

        bare_url = servers["bare"].url + "/"
        say("bare Django")
        wrk(cfg, bare_url, cfg.warmup, "bare-warmup")
        bare_loads = [("before the pages", wrk(cfg, bare_url, cfg.duration, "bare-1"))]

        from bench.pages import PAGES, Unavailable

        results: list[PageResult] = []
        for page in PAGES:
            if cfg.only and page.label not in cfg.only:
                continue
            try:
                path = page.resolve()
            except Unavailable as exc:
                results.append(PageResult(page.label, "", False, str(exc), search=page.search))
                say(f"{page.label}: not available ({exc})")
                continue
            status, _ = probe(servers["warm"].url + path)
            if status == 404:
                results.append(PageResult(page.label, path, False, "404", search=page.search))
                say(f"{page.label} {path}: not available on this build (404)")
                continue
            if status != 200:
                results.append(PageResult(page.label, path, False, f"answers {status}", search=page.search))
                say(f"{page.label} {path}: answers {status}, not measured")
                continue
            slug = re.sub(r"[^a-z0-9]+", "-", page.label.lower()).strip("-")
            say(f"{page.label} {path}: warm")
            wrk(cfg, servers["warm"].url + path, cfg.warmup, f"{slug}-warmup")
            warm = wrk(cfg, servers["warm"].url + path, cfg.duration, f"{slug}-warm")
            say(f"{page.label} {path}: cold")
            wrk(cfg, servers["cold"].url + path, 1, f"{slug}-cold-warmup")  # imports and connections only
            flush_cache(cfg)
            cold = wrk(cfg, servers["cold"].url + path, cfg.duration, f"{slug}-cold")
            q_cold, q_warm, q_note = count_queries(path)
            results.append(
                PageResult(page.label, path, True, "", warm, cold, q_cold, q_warm, q_note, search=page.search)
            )
            say(
                f"  warm {warm.rps:,.0f} req/s p99 {warm.p99_ms:.1f} ms; cold {cold.rps:,.0f} req/s"
                f" p99 {cold.p99_ms:.1f} ms; queries {q_cold}/{q_warm}"
            )

        say("bare Django again")
        bare_loads.append(("after the pages", wrk(cfg, bare_url, cfg.duration, "bare-2")))
        sampler.stopping.set()
        sampler.join()
        ctx.update(
            pages=results,
            bare_loads=bare_loads,
            bare_rps=statistics.mean(load.rps for _, load in bare_loads),
            memory_peak=sampler.peak_kb,
            memory_idle=sampler.idle_kb,
        )
    finally:
        for server in servers.values():
            stop_server(server)

    say("admin change lists over 10,000 rows")
    ctx["admin"] = time_admin_changelists()
    ctx["compilation"] = measure_compilation()
    max_child = getattr(settings, "CELERY_WORKER_MAX_MEMORY_PER_CHILD", None)
    ctx["celery"] = (
        f"worker_max_memory_per_child = {max_child:,} KiB ({max_child / 1024:.0f} MiB)"
        if max_child
        else "not configured"
    )
    if cfg.skip_pdf:
        ctx["pdf"] = None
    else:
        say("PDF: bare WeasyPrint and the portal's pipeline on the same 100-page HTML")
        ctx["pdf"] = pdf_probe(cfg, environ)
    ctx.update(
        date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        commit=git_commit(),
        machine=machine(),
        versions=versions(),
        rows=row_counts(),
        load_after=" ".join(f"{x:.2f}" for x in os.getloadavg()),
    )
    write_results(cfg, ctx)
    say(f"written {cfg.output}")


if __name__ == "__main__":
    main()
