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


# --- languages, paired ----------------------------------------------------------------------


def paired_languages(cfg: Config, warm_base: str, cold_base: str, groups: list[list]) -> dict[str, tuple]:
    """Each translated page against its English page in ``rounds`` rounds of short runs: in a
    round the English page and its translations are loaded one after the other (the order
    turning from round to round), warm then cold, so that each pair shares the load of the same
    seconds. ``groups``: [English result, translated results...] (each with ``label`` and
    ``path``). Returns, per translated label, (warm ratios, cold ratios) to the English page,
    one per round."""
    ratios: dict[str, tuple[list[float], list[float]]] = {}
    for round_ in range(cfg.language_rounds):
        for group in groups:
            turn = round_ % len(group)
            order = group[turn:] + group[:turn]
            rps: dict[str, tuple[float, float]] = {}
            for page in order:
                warm = wrk(cfg, warm_base + page.path, cfg.language_seconds, "language-warm")
                cold = wrk(cfg, cold_base + page.path, cfg.language_seconds, "language-cold")
                rps[page.label] = (warm.rps, cold.rps)
            english = group[0].label
            for page in group[1:]:
                warm_list, cold_list = ratios.setdefault(page.label, ([], []))
                warm_list.append(rps[page.label][0] / rps[english][0] if rps[english][0] else 0.0)
                cold_list.append(rps[page.label][1] / rps[english][1] if rps[english][1] else 0.0)
    return ratios
