"""The throw-away benchmark database, its URLs, and timing statistics."""

import math
import os
import statistics
import subprocess
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg

SERVER = os.environ.get("SELLABLE_BENCH_PG", "postgresql://postgres@127.0.0.1:5432")


@dataclass(frozen=True)
class BenchDatabase:
    name: str

    @property
    def libpq_url(self) -> str:
        return f"{SERVER}/{self.name}"

    @property
    def sqlalchemy_url(self) -> str:
        return self.libpq_url.replace("postgresql://", "postgresql+psycopg://", 1)

    def connect(self, autocommit: bool = True) -> psycopg.Connection:
        return psycopg.connect(self.libpq_url, autocommit=autocommit)


def _admin() -> psycopg.Connection:
    return psycopg.connect(f"{SERVER}/postgres", autocommit=True)


@contextmanager
def fresh_database() -> Iterator[BenchDatabase]:
    """A new, empty database, dropped afterwards whatever happens."""
    database = BenchDatabase(f"sellable_bench_{uuid.uuid4().hex[:8]}")
    with _admin() as conn:
        conn.execute(f'CREATE DATABASE "{database.name}"')
    try:
        yield database
    finally:
        with _admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database.name}" WITH (FORCE)')


def server_version() -> str:
    with _admin() as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "?"


def server_setting(name: str) -> str:
    with _admin() as conn:
        row = conn.execute(f"SHOW {name}").fetchone()
    return str(row[0]) if row else "?"


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile of the values (0 when there are none)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(math.ceil(fraction * len(ordered)) - 1, 0)
    return ordered[min(rank, len(ordered) - 1)]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else 0.0


def run(command: Sequence[str], **options: object) -> str:
    """Run a command, answer its stdout, fail loudly with its stderr."""
    done = subprocess.run(
        list(command), capture_output=True, text=True, check=False, **options
    )
    if done.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {done.stderr.strip()[-2000:]}")
    return done.stdout
