"""Where the benchmark works, its goals and its settings (the environment: see bench/README.md)."""

import os
from dataclasses import dataclass, field
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
# Issue 13: a French or Spanish page at its English page's warm and cold ratios, within 10 %.
GOAL_LANGUAGE_SPREAD = 0.10


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
    # The per-language comparison (issue 13): rounds of short runs alternating the English page
    # and its translations, so that each pair shares the load of the same seconds.
    language_rounds: int = int(env("BENCH_LANGUAGE_ROUNDS", "3"))
    language_seconds: int = int(env("BENCH_LANGUAGE_SECONDS", "2"))
    only: list[str] = field(
        default_factory=lambda: [s.strip() for s in env("BENCH_PAGES", "").split(",") if s.strip()]
    )
    output: Path = Path(env("BENCH_OUTPUT", str(BENCH_DIR / "RESULTS.md")))


def say(text: str) -> None:
    print(f"[bench] {text}", flush=True)
