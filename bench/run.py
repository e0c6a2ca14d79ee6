"""``make bench``: the portal served the production way against bare Django, written to RESULTS.md.

    python -m bench.run          (from the project root; ``make bench`` does this)

Steps: check the tools and services; migrate the benchmark database, load the reference data
and generate the benchmark data (bench/generators/); collect static files; serve the portal
twice with gunicorn (warm: the Redis cache as in production; cold: every cache replaced by a
dummy, bench/settings_cold.py) and bare Django once (bench/bare/app.py), each with 2 workers;
load each public page of bench/pages.py with wrk at 16 connections, warm (after a warm-up) and
cold (after a Redis FLUSHDB of the cache database); count each page's SQL queries through
Django's test client; sample the gunicorn workers' resident memory; time the admin change
lists over 10,000 rows and the PDF pipeline against bare WeasyPrint; write bench/RESULTS.md.

This module runs the steps; the work is done by bench/config.py (paths, goals, settings),
bench/servers.py (gunicorn and the memory sampler), bench/loads.py (wrk), bench/measures.py
(query counts, admin change lists, compilation, PDF probe) and bench/report.py (RESULTS.md).

Settings (environment): BENCH_DATABASE_URL, BENCH_REDIS_URL, BENCH_SEED, BENCH_SCALE,
BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS, BENCH_THREADS, BENCH_PORT (three ports from
there), BENCH_SKIP_DATA=1 (reuse the data), BENCH_SKIP_PDF=1, BENCH_PAGES (labels, comma-
separated), BENCH_OUTPUT (default bench/RESULTS.md). See bench/README.md.
"""

import os
import re
import shutil
import statistics
import sys
from datetime import UTC, datetime

from .config import BASE_DIR, WORK_DIR, Config, say
from .loads import flush_cache, paired_languages, probe, wrk
from .measures import count_queries, measure_compilation, pdf_probe, time_admin_changelists
from .report import PageResult, git_commit, machine, row_counts, versions, write_results
from .servers import MemorySampler, server_env, start_server, stop_server, wait_ready

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
            meta = {"search": page.search, "language": page.language, "english": page.english_label}
            try:
                path = page.resolve()
            except Unavailable as exc:
                results.append(PageResult(page.label, "", False, str(exc), **meta))
                say(f"{page.label}: not available ({exc})")
                continue
            status, _ = probe(servers["warm"].url + path)
            if status == 404:
                results.append(PageResult(page.label, path, False, "404", **meta))
                say(f"{page.label} {path}: not available on this build (404)")
                continue
            if status != 200:
                results.append(PageResult(page.label, path, False, f"answers {status}", **meta))
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
            results.append(PageResult(page.label, path, True, "", warm, cold, q_cold, q_warm, q_note, **meta))
            say(
                f"  warm {warm.rps:,.0f} req/s p99 {warm.p99_ms:.1f} ms; cold {cold.rps:,.0f} req/s"
                f" p99 {cold.p99_ms:.1f} ms; queries {q_cold}/{q_warm}"
            )

        groups = [
            [
                english,
                *(r for r in results if r.english == english.label and r.language != "en" and r.available),
            ]
            for english in results
            if english.language == "en" and english.available
        ]
        groups = [group for group in groups if len(group) > 1]
        if groups and cfg.language_rounds > 0:
            say(f"per language: {cfg.language_rounds} rounds of {cfg.language_seconds} s runs, paired")
            ctx["language_pairs"] = paired_languages(cfg, servers["warm"].url, servers["cold"].url, groups)
            ctx["language_rounds"] = cfg.language_rounds

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
