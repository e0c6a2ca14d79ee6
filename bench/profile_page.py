"""Profile one page the way the benchmark's cold server serves it: production settings, every
cache a dummy, the benchmark database. Prints the time per request, the queries, and where the
time goes (cProfile, cumulative).

    .venv/bin/python -m bench.profile_page /meetings/ [/documents/ ...] [--top 30] [--runs 20]

Uses BENCH_DATABASE_URL (default: the benchmark's database, filled by ``make bench``).
"""

import argparse
import cProfile
import os
import pstats
import secrets
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def setup() -> None:
    os.environ.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "SECURE_SSL_REDIRECT": "false",
            "ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": os.environ.get(
                "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ccm_bench"
            ),
            "STATIC_ROOT": str(BASE_DIR / "var" / "bench" / "static"),
            "LOG_LEVEL": "WARNING",
            "STAFF_MFA_REQUIRED": "false",
            "DJANGO_SETTINGS_MODULE": "bench.settings_cold",
        }
    )
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    setup()
    from django.db import connection
    from django.test import Client

    client = Client()
    queries: list[tuple[float, str]] = []

    def timed(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append((time.perf_counter() - began, sql))

    for path in args.paths:
        response = client.get(path)  # imports, connections, template loading
        queries.clear()
        with connection.execute_wrapper(timed):
            client.get(path)
        started = time.perf_counter()
        for _ in range(args.runs):
            client.get(path)
        per_request = (time.perf_counter() - started) / args.runs * 1000
        print(
            f"\n== {path}: {response.status_code}, {len(response.content):,} bytes, {per_request:.1f} ms per request"
        )
        for seconds, sql in queries:
            print(f"   {seconds * 1000:6.1f} ms  {sql[:160]}")
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.runs):
            client.get(path)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(args.top)


if __name__ == "__main__":
    main()
