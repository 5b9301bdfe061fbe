"""Sample the uvicorn workers with py-spy while orders are placed.

Idle samples are recorded too, so time spent waiting for PostgreSQL shows;
only stacks that run sellable code (request work) are counted.
"""

import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Profile:
    samples: int
    inclusive: list[tuple[str, float]]
    leaves: list[tuple[str, float]]


def py_spy() -> str | None:
    beside = Path(sys.executable).with_name("py-spy")
    return str(beside) if beside.exists() else shutil.which("py-spy")


def start(
    pids: list[int], seconds: int, directory: Path
) -> list[subprocess.Popen[bytes]]:
    """One `py-spy record --format raw` per worker, for `seconds`."""
    binary = py_spy()
    if binary is None:
        return []
    return [
        subprocess.Popen(
            [
                binary,
                "record",
                "--pid",
                str(pid),
                "--duration",
                str(seconds),
                "--rate",
                "200",
                "--format",
                "raw",
                "--nonblocking",
                "--output",
                str(directory / f"worker-{pid}.txt"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for pid in pids
    ]


def summarise(directory: Path, top: int = 18) -> Profile:
    """Share of samples spent in (inclusive) and on top of (leaf) each frame."""
    inclusive: Counter[str] = Counter()
    leaves: Counter[str] = Counter()
    total = 0
    for path in directory.glob("worker-*.txt"):
        for line in path.read_text().splitlines():
            stack, _, count = line.rpartition(" ")
            if not count.isdigit():
                continue
            frames = [_frame(f) for f in stack.split(";") if f]
            if not any("sellable/" in frame for frame in frames):
                continue
            total += int(count)
            for frame in set(frames):
                inclusive[frame] += int(count)
            if frames:
                leaves[_area(frames[-1])] += int(count)
    sellable = Counter({k: v for k, v in inclusive.items() if "sellable/" in k})
    return Profile(total, _shares(sellable, total, top), _shares(leaves, total, top))


def _shares(counter: Counter[str], total: int, top: int) -> list[tuple[str, float]]:
    if not total:
        return []
    return [(name, 100 * n / total) for name, n in counter.most_common(top)]


def _frame(raw: str) -> str:
    """`function (path/to/file.py:line)` -> `function (area/file.py)`."""
    name, _, where = raw.partition(" (")
    path = where.rstrip(")").rsplit(":", 1)[0]
    for marker in ("site-packages/", "src/", "lib/python3.11/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{name} ({path})"


def _area(frame: str) -> str:
    """Where a leaf sample was: its package (waits for the database apart)."""
    name, _, path = frame.partition(" (")
    package = path.rstrip(")").split("/", 1)[0]
    if package == "psycopg" and name.startswith("wait"):
        return "psycopg wait (PostgreSQL round trips, incl. lock waits)"
    return package
