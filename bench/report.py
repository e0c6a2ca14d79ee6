"""RESULTS.md: the facts of the run (machine, versions, commit, rows) and the tables of results."""

import os
import platform
import re
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .config import (
    BASE_DIR,
    GOAL_ADMIN_MS,
    GOAL_COLD_RATIO,
    GOAL_COMPILATION_S,
    GOAL_LANGUAGE_SPREAD,
    GOAL_P99_MS,
    GOAL_PDF_PEAK_MB,
    GOAL_PDF_RATIO,
    GOAL_QUERIES,
    GOAL_SEARCH_DOCUMENTS,
    GOAL_SEARCH_P95_MS,
    GOAL_WARM_RATIO,
    GOAL_WORKER_RSS_MB,
    Config,
)
from .loads import Load

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
    language: str = "en"
    english: str = ""  # the label of the English page (its own label when English)


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


def warning(r: PageResult) -> str:
    """The flag of a page whose runs saw failures ("" when none)."""
    w, c = r.warm, r.cold
    if not w.requests or not c.requests:
        return " ⚠ no request completed in a run"
    if w.non_2xx or c.non_2xx or w.errors or c.errors:
        return f" ⚠ {w.non_2xx + c.non_2xx} non-2xx, {w.errors + c.errors} socket errors"
    return ""


def spread(ratio: float, english: float) -> float | None:
    """How far a ratio is from the English page's, relative to it (None when that is zero)."""
    return ratio / english - 1 if english else None


def signed_pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:+.1f} %"


def per_language(
    pages: list[PageResult], bare: float, pairs: dict | None = None, rounds: int = 0
) -> list[str]:
    """The "Per language" section: each French and Spanish page's warm and cold ratios next to
    its English page's, and whether both are within 10 % of them (issue 13). The difference is
    the median over the paired rounds (``pairs``: per label, the warm and cold ratios to the
    English page measured in the same seconds) when there are any, else the single run's."""
    translated = [r for r in pages if r.language != "en"]
    if not translated:
        return []
    pairs = pairs or {}
    english = {r.label: r for r in pages if r.language == "en"}
    how = (
        f"the median of {rounds} paired rounds: in each round the English page and its translations are"
        " loaded one after the other, warm then cold, the order turning from round to round, and the"
        " difference is the translated page's requests per second over the English page's in the"
        " same round, minus one"
        if pairs
        else "from the single run of each page: the page's ratio over the English ratio, minus one"
    )
    lines = [
        "## Per language",
        "",
        f"Goal (issue 13): each French and Spanish page at the warm and cold ratios of its English page,"
        f" within {GOAL_LANGUAGE_SPREAD * 100:.0f} % of them (a ratio between"
        f" {1 - GOAL_LANGUAGE_SPREAD:.2f} and {1 + GOAL_LANGUAGE_SPREAD:.2f} times the English one)."
        f" The ratios are those of the table above; the differences are {how}.",
        "",
        "| page | address | English page | warm ratio | English warm ratio | warm difference | cold ratio"
        " | English cold ratio | cold difference | within 10 % |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in translated:
        en = english.get(r.english)
        if not r.available:
            lines.append(
                f"| {r.label} | {r.path or '—'} | {r.english} | not available on this build ({r.reason}) |||||| — |"
            )
            continue
        wr, cr = r.warm.rps / bare, r.cold.rps / bare
        if en is None or not en.available:
            why = "not measured" if en is None else f"not available on this build ({en.reason})"
            lines.append(
                f"| {r.label}{warning(r)} | `{r.path}` | {r.english}: {why} | {pct(wr)} | — | — | {pct(cr)} | — | — | — |"
            )
            continue
        ewr, ecr = en.warm.rps / bare, en.cold.rps / bare
        if r.label in pairs and pairs[r.label][0]:
            warm_ratios, cold_ratios = pairs[r.label]
            dw, dc = statistics.median(warm_ratios) - 1, statistics.median(cold_ratios) - 1
        else:
            dw, dc = spread(wr, ewr), spread(cr, ecr)
        ok = (
            None
            if dw is None or dc is None
            else abs(dw) <= GOAL_LANGUAGE_SPREAD and abs(dc) <= GOAL_LANGUAGE_SPREAD
        )
        if warning(r) or warning(en):
            ok = False  # the figures of a failing page say nothing of its speed
        lines.append(
            f"| {r.label}{warning(r)} | `{r.path}` | {r.english}{warning(en)} | {pct(wr)} | {pct(ewr)}"
            f" | {signed_pct(dw)} | {pct(cr)} | {pct(ecr)} | {signed_pct(dc)} | {met(ok)} |"
        )
    lines += [
        "",
        "On a shared machine one run of a page can differ from the next by more than 10 % with no"
        " change to the page: the paired rounds compare each translation with its English page under"
        " the same load.",
        "",
    ]
    return lines


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
        flags = warning(r)
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
    lines += per_language(pages, bare, ctx.get("language_pairs"), ctx.get("language_rounds", 0))

    # Other goals.
    lines += ["## The other goals of issue 8, item 2", "", "| goal | figure | |", "|---|---|---|"]
    searches = [r for r in pages if r.search]
    documents = dict(ctx["rows"]).get("documents.Document", -1)
    for search in searches:
        which = f" ({search.label})" if len(searches) > 1 else ""
        if not search.available:
            lines.append(
                f"| full-text search p95 < {GOAL_SEARCH_P95_MS:.0f} ms over 10,000 documents{which}"
                f" | not available on this build ({search.reason}) | — |"
            )
            continue
        over = f"over {documents:,} documents" if documents >= 0 else "no document model"
        ok = search.cold.p95_ms < GOAL_SEARCH_P95_MS and search.warm.p95_ms < GOAL_SEARCH_P95_MS
        verdict = met(ok) if documents >= GOAL_SEARCH_DOCUMENTS else "not judged: fewer than 10,000 documents"
        lines.append(
            f"| full-text search p95 < {GOAL_SEARCH_P95_MS:.0f} ms over 10,000 documents{which}"
            f" | cold {search.cold.p95_ms:.1f} ms, warm {search.warm.p95_ms:.1f} ms ({over}) | {verdict} |"
        )
    if not searches:
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
