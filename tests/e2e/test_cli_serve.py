"""`sellable serve` as a real process: first start on SQLite, health, admin token."""

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

START_TIMEOUT_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _environment(data_dir: Path, port: int) -> dict[str, str]:
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SELLABLE_")
    }
    return {
        **inherited,
        "PYTHONUNBUFFERED": "1",
        "SELLABLE_DATA_DIR": str(data_dir),
        "SELLABLE_HOST": "127.0.0.1",
        "SELLABLE_PORT": str(port),
    }


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """A running `sellable serve`: its base URL, data dir and output file."""
    port = _free_port()
    data_dir = tmp_path / "var"
    output = tmp_path / "serve.log"
    with output.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "sellable", "serve"],
            env=_environment(data_dir, port),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        yield f"http://127.0.0.1:{port}", data_dir, output
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_health(base_url: str, output: Path) -> httpx.Response:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        try:
            return httpx.get(f"{base_url}/health", timeout=2)
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"no /health answer; output:\n{output.read_text()}")


def test_serve_starts_on_a_fresh_data_dir_and_hands_out_an_admin_token(
    server: tuple[str, Path, Path],
) -> None:
    base_url, data_dir, output = server

    health = _wait_for_health(base_url, output)
    printed = re.search(r"^Admin password: (\S+)$", output.read_text(), re.MULTILINE)
    assert printed is not None, output.read_text()
    token = httpx.post(
        f"{base_url}/rest/V1/integration/admin/token",
        json={"username": "admin", "password": printed.group(1)},
        timeout=10,
    )

    assert health.status_code == 200
    assert health.json() == {"status": "ok"}
    assert (data_dir / "sellable.sqlite3").is_file()
    assert token.status_code == 200, token.text
    assert isinstance(token.json(), str) and len(token.json()) >= 32
