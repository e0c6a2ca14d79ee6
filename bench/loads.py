"""Loading an address with wrk (bench/report.lua prints its figures as JSON), and probing it."""

import json
import subprocess
import urllib.error
import urllib.request
from dataclasses import dataclass

from .config import BENCH_DIR, WORK_DIR, Config

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
