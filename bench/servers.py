"""The servers ``make bench`` loads: gunicorn on loopback, and the sampler of their workers' memory."""

import os
import re
import secrets
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .config import BASE_DIR, WORK_DIR, Config


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
