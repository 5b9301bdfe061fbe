"""Sample the uvicorn workers with py-spy while orders are placed.

Idle samples are recorded too, so time spent waiting for PostgreSQL shows;
only stacks inside a checkout route (request work) are counted. Meanwhile
pg_stat_activity is sampled to tell lock waits from other database time.
"""

import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from threading import Event, Thread

from bench.db import BenchDatabase


@dataclass(frozen=True)
class Profile:
    samples: int
    inclusive: list[tuple[str, float]]
    leaves: list[tuple[str, float]]
    backends: dict[str, float] = field(default_factory=dict)


class BackendSampler:
    """What the benchmark database's backends do, sampled every 50 ms."""

    def __init__(self, database: BenchDatabase) -> None:
        self._database = database
        self._seen: Counter[str] = Counter()
        self._stop = Event()
        self._thread = Thread(target=self._sample, daemon=True)

    def __enter__(self) -> "BackendSampler":
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def shares(self) -> dict[str, float]:
        total = sum(self._seen.values())
        return (
            {k: 100 * v / total for k, v in self._seen.most_common()} if total else {}
        )

    def _sample(self) -> None:
        with self._database.connect() as conn:
            while not self._stop.wait(0.05):
                for state, count in conn.execute(BACKEND_STATES, [self._database.name]):
                    self._seen[state] += count


BACKEND_STATES = """
SELECT CASE WHEN state = 'active' AND wait_event_type = 'Lock'
            THEN 'waiting for a lock (' || wait_event || ')'
            WHEN state = 'active' THEN 'running a statement'
            ELSE coalesce(state, '?') END, count(*)
FROM pg_stat_activity
WHERE datname = %s AND backend_type = 'client backend' AND pid <> pg_backend_pid()
GROUP BY 1
"""


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


def summarise(directory: Path, backends: dict[str, float], top: int = 18) -> Profile:
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
            if not any("checkout/api.py" in frame for frame in frames):
                continue
            total += int(count)
            for frame in set(frames):
                inclusive[frame] += int(count)
            if frames:
                leaves[_area(frames[-1])] += int(count)
    sellable = Counter({k: v for k, v in inclusive.items() if "sellable/" in k})
    return Profile(
        total, _shares(sellable, total, top), _shares(leaves, total, top), backends
    )


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
    if package == "psycopg" and name.endswith("wait"):
        return "psycopg: waiting for PostgreSQL's answer"
    if package == "psycopg" and name.endswith("_send_query_prepared"):
        return "psycopg: sending a query (libpq call, then the GIL back)"
    return package
