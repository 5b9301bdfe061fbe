"""The database's own ceiling: pgbench running the minimal order transaction."""

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bench.db import BenchDatabase, percentile, run

HERE = Path(__file__).parent
PGBENCH_CANDIDATES = ("pgbench", "/usr/lib/postgresql/15/bin/pgbench")


@dataclass(frozen=True)
class Throughput:
    """What a fixed-duration run of order placements achieved."""

    label: str
    orders: int
    seconds: float
    errors: int
    latencies_ms: list[float]
    error_samples: list[str] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.orders / self.seconds if self.seconds else 0.0

    def latency(self, fraction: float) -> float:
        return percentile(self.latencies_ms, fraction)


def pgbench_binary() -> str:
    for candidate in PGBENCH_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    raise RuntimeError("pgbench not found (install postgresql-client-15)")


def create_schema(database: BenchDatabase) -> None:
    with database.connect() as conn:
        conn.execute((HERE / "ceiling_schema.sql").read_text())


def run_ceiling(
    database: BenchDatabase, label: str, skus: int, clients: int, seconds: int
) -> Throughput:
    """pgbench -c clients -T seconds over the first `skus` SKUs."""
    with tempfile.TemporaryDirectory() as logs:
        output = run(
            [
                pgbench_binary(),
                "--no-vacuum",
                f"--client={clients}",
                "--jobs=2",
                f"--time={seconds}",
                "--protocol=prepared",
                f"--define=skus={skus}",
                f"--file={HERE / 'ceiling_order.pgbench'}",
                "--log",
                f"--log-prefix={logs}/tx",
                database.libpq_url,
            ]
        )
        latencies = _logged_latencies(Path(logs))
    return Throughput(
        label,
        _count(output, r"number of transactions actually processed: (\d+)"),
        float(seconds),
        _count(output, r"number of failed transactions: (\d+)"),
        latencies,
    )


def _count(output: str, pattern: str) -> int:
    found = re.search(pattern, output)
    return int(found.group(1)) if found else 0


def _logged_latencies(logs: Path) -> list[float]:
    """Per-transaction latencies (ms) from pgbench's --log files."""
    latencies: list[float] = []
    for path in logs.glob("tx*"):
        for line in path.read_text().splitlines():
            fields = line.split()
            if len(fields) >= 3 and fields[2].isdigit():
                latencies.append(int(fields[2]) / 1000)
    return latencies
