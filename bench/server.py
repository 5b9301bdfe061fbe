"""sellable served the production way: `sellable serve` (uvicorn, N workers)."""

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from bench.db import BenchDatabase
from bench.shop import ADMIN_PASSWORD

PORT = int(os.environ.get("SELLABLE_BENCH_PORT", "8765"))
BASE_URL = f"http://127.0.0.1:{PORT}"


@contextmanager
def serving(database: BenchDatabase, workers: int, log: Path) -> Iterator[str]:
    """Run `sellable serve --workers N` on the bench database; answer its URL."""
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
    with log.open("w") as output:
        process = subprocess.Popen(
            command, env=env, stdout=output, stderr=output, start_new_session=True
        )
        try:
            _wait_until_ready(process)
            yield BASE_URL
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


def worker_pids(server_pid: int) -> list[int]:
    """The uvicorn worker processes under the supervisor."""
    found = subprocess.run(
        ["pgrep", "-P", str(server_pid)], capture_output=True, text=True, check=False
    )
    return [int(pid) for pid in found.stdout.split()]


def _wait_until_ready(process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("sellable serve exited; see the server log")
        try:
            httpx.get(f"{BASE_URL}/rest/V1/store/storeViews", timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise RuntimeError("sellable serve did not answer in time")
