"""Measurements made in this process or a child of it: query counts, admin change lists, the
compilation, the PDF probe."""

import json
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

from .config import BASE_DIR, GOAL_ADMIN_ROWS, GOAL_COMPILATION_S, Config

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
    from bench.generators.common import PREFIX, get_model

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
