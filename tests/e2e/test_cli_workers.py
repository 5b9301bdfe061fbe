"""`sellable serve` with two workers: each on its own socket, supervised."""

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import httpx
import pytest

from tests.e2e.test_cli_serve import _environment, _free_port

WORKERS = 2
CONNECTIONS = 16
TIMEOUT_SECONDS = 60


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def _serve(data_dir: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **_environment(data_dir, port),
        "SELLABLE_WORKERS": str(WORKERS),
        "SELLABLE_SAMPLE_DATA": "false",
    }
    with log.open("wb") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "sellable", "serve"],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )


def _workers(parent: int) -> list[int]:
    """The supervisor's live worker processes (multiprocessing spawns them)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat[1]) == parent and stat[0] != "Z" and b"spawn_main" in command:
            found.append(int(entry.name))
    return sorted(found)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_for(check, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def _healthy(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=2).status_code == 200
    except httpx.TransportError:
        return False


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    port = _free_port()
    log = tmp_path / "serve.log"
    process = _serve(tmp_path / "var", port, log)
    running = Served(process, port, log)
    try:
        _wait_for(
            lambda: _healthy(running.url) and len(_workers(process.pid)) == WORKERS,
            "two serving workers",
        )
        time.sleep(1)  # the second worker's socket may open just after its start
        yield running
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _established_sockets(pid: int, port: int) -> int:
    """Connections to `port` that process `pid` holds (from /proc)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local_port = int(fields[1].rsplit(":", 1)[1], 16)
            if local_port == port and fields[3] == "01":
                inodes.add(fields[9])
    held = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] in inodes:
            held += 1
    return held


async def _hold_connections(url: str, served: Served) -> list[int]:
    connector = aiohttp.TCPConnector(limit=CONNECTIONS)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def health() -> None:
            async with session.get(f"{url}/health") as response:
                assert response.status == 200
                await asyncio.sleep(0.5)  # keep every connection open at once

        await asyncio.gather(*(health() for _ in range(CONNECTIONS)))
        workers = _workers(served.process.pid)
        return [_established_sockets(pid, served.port) for pid in workers]


def test_every_worker_gets_a_share_of_a_burst_of_connections(served: Served) -> None:
    # In a thread of its own: other tests (Playwright) may leave a loop running here.
    with ThreadPoolExecutor(1) as pool:
        held = pool.submit(asyncio.run, _hold_connections(served.url, served)).result()

    # The kernel hashes connections over the workers' own sockets; with one
    # shared socket, one worker took nearly all of them.
    assert sum(held) == CONNECTIONS
    assert min(held) >= 2, held


def test_a_killed_worker_is_replaced_and_the_service_keeps_answering(
    served: Served,
) -> None:
    first, second = _workers(served.process.pid)

    os.kill(first, signal.SIGKILL)

    _wait_for(
        lambda: len(set(_workers(served.process.pid)) - {first, second}) == 1,
        "a replacement worker",
    )
    assert second in _workers(served.process.pid)
    assert _healthy(served.url)
    assert "worker_died" in served.log.read_text()


def test_sigterm_stops_the_supervisor_and_every_worker(served: Served) -> None:
    workers = _workers(served.process.pid)

    served.process.send_signal(signal.SIGTERM)

    assert served.process.wait(timeout=30) == 0
    assert not any(_alive(pid) for pid in workers)


def test_workers_leave_when_the_supervisor_is_killed(served: Served) -> None:
    workers = _workers(served.process.pid)

    served.process.send_signal(signal.SIGKILL)
    served.process.wait()

    _wait_for(
        lambda: not any(_alive(pid) for pid in workers),
        "the orphaned workers to stop",
    )


def test_a_port_in_use_is_refused_before_anything_is_created(
    served: Served, tmp_path: Path
) -> None:
    other_data = tmp_path / "other"
    log = tmp_path / "second.log"

    second = _serve(other_data, served.port, log)

    assert second.wait(timeout=TIMEOUT_SECONDS) == 1
    assert "is in use" in log.read_text()
    assert "Admin password" not in log.read_text()
    assert not list(other_data.glob("*.sqlite3"))
