"""sellable served the production way (`sellable serve`: uvicorn, N workers),
and the floor app (bench/floor_app.py) served by uvicorn the same way."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench import floor_app
from bench.db import BenchDatabase
from bench.shop import ADMIN_PASSWORD

PORT = int(os.environ.get("SELLABLE_BENCH_PORT", "8765"))
BASE_URL = f"http://127.0.0.1:{PORT}"
SELLABLE_READY = "/rest/V1/store/storeViews"
FLOOR_READY = "/floor/ready"
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class RunningServer:
    url: str
    pid: int
    database: BenchDatabase

    def worker_pids(self) -> list[int]:
        """The uvicorn worker processes under the supervisor."""
        found = subprocess.run(
            ["pgrep", "-P", str(self.pid)], capture_output=True, text=True, check=False
        )
        pids = [int(pid) for pid in found.stdout.split()]
        return [pid for pid in pids if "spawn_main" in _command_line(pid)]


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


@contextmanager
def serving(
    database: BenchDatabase, workers: int, log: Path
) -> Iterator[RunningServer]:
    """Run `sellable serve` with N workers on the bench database."""
    data_dir = tempfile.mkdtemp(prefix="sellable-bench-")
    env = {
        **os.environ,
        "SELLABLE_DATABASE_URL": database.sqlalchemy_url,
        "SELLABLE_ENVIRONMENT": "production",
        "SELLABLE_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "SELLABLE_SAMPLE_DATA": "false",
        "SELLABLE_DATA_DIR": data_dir,
        "SELLABLE_WORKERS": str(workers),
        "SELLABLE_PORT": str(PORT),
    }
    command = [str(Path(sys.executable).with_name("sellable")), "serve"]
    with _started(command, env, log, SELLABLE_READY) as process:
        yield RunningServer(BASE_URL, process.pid, database)


@contextmanager
def floor_serving(
    database: BenchDatabase, workers: int, connections: int, log: Path
) -> Iterator[RunningServer]:
    """Serve bench/floor_app.py with uvicorn workers, as `sellable serve` does.

    Each worker opens `connections` to the bench database, as many as there are
    clients, so no request waits for one however the clients spread.
    """
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        floor_app.DATABASE_ENV: database.libpq_url,
        floor_app.CONNECTIONS_ENV: str(connections),
    }
    # The same worker processes as `sellable serve`: one SO_REUSEPORT socket each.
    options = {"app": "bench.floor_app:app", "host": "127.0.0.1", "port": PORT}
    script = (
        "import sys; from sellable.cli.workers import serve_workers; "
        f"sys.exit(serve_workers({options!r}, {workers}))"
    )
    command = [sys.executable, "-c", script]
    with _started(command, env, log, FLOOR_READY) as process:
        _wait_for_workers(workers)
        yield RunningServer(BASE_URL, process.pid, database)


@contextmanager
def _started(
    command: list[str], env: dict[str, str], log: Path, ready_path: str
) -> Iterator[subprocess.Popen[bytes]]:
    """Start a server in its own process group; stop the whole group after."""
    _require_free_port()
    with log.open("w") as output:
        process = subprocess.Popen(
            command, env=env, stdout=output, stderr=output, start_new_session=True
        )
        try:
            _wait_until_ready(process, ready_path, log)
            yield process
        finally:
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End the server and its workers (its own process group)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
        time.sleep(1)
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _require_free_port() -> None:
    """Another server on the port would answer in ours' place: refuse to start."""
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", PORT)) == 0:
            raise RuntimeError(
                f"port {PORT} is already in use; set SELLABLE_BENCH_PORT to a free one"
            )


def _wait_until_ready(
    process: subprocess.Popen[bytes], ready_path: str, log: Path, timeout: float = 60
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited; see {log}")
        try:
            httpx.get(f"{BASE_URL}{ready_path}", timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise RuntimeError(f"the server did not answer in time; see {log}")


def _wait_for_workers(workers: int, timeout: float = 60) -> None:
    """Until every worker has answered: one that is late to listen would miss the
    run's connections, and the other worker would serve them all."""
    seen: set[str] = set()
    deadline = time.monotonic() + timeout
    while len(seen) < workers:
        if time.monotonic() > deadline:
            raise RuntimeError(f"only {len(seen)} of {workers} workers answered")
        # A new connection each time, so the kernel may hand it to any worker.
        seen.add(httpx.get(f"{BASE_URL}{FLOOR_READY}", timeout=5).text)
