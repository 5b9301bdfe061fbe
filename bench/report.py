"""The results table, printed and written to bench/results/<date>.md."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench.ceiling import Throughput
from bench.ledger import LedgerPoint
from bench.profile import Profile

RESULTS = Path(__file__).parent / "results"


@dataclass
class Report:
    machine: dict[str, str]
    settings: dict[str, str]
    ceilings: dict[str, Throughput] = field(default_factory=dict)
    sellable: dict[str, Throughput] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    ledger: list[LedgerPoint] = field(default_factory=list)
    ledger_seconds: dict[int, float] = field(default_factory=dict)
    imported: tuple[int, float] | None = None
    selection_ms: float | None = None
    profile: Profile | None = None

    def markdown(self) -> str:
        parts = [
            f"# sellable benchmarks, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            "",
            _pairs("Machine", self.machine),
            _pairs("Run settings", self.settings),
            self._throughput_table(),
            self._ledger_table(),
            self._bulk_table(),
            self._targets(),
        ]
        if self.notes:
            parts.append(
                "## Notes\n\n" + "\n".join(f"- {n}" for n in self.notes) + "\n"
            )
        if self.profile is not None:
            parts.append(_profile(self.profile))
        return "\n".join(parts)

    def ratio(self, label: str) -> float | None:
        ceiling, ours = self.ceilings.get(label), self.sellable.get(label)
        if not ceiling or not ours or not ceiling.per_second:
            return None
        return ours.per_second / ceiling.per_second

    def ledger_ratio(self) -> float | None:
        if len(self.ledger) < 2 or not self.ledger[0].salable(0.99):
            return None
        return self.ledger[-1].salable(0.99) / self.ledger[0].salable(0.99)

    def _throughput_table(self) -> str:
        rows = [
            "## 1-2. Placing 5-line orders: the ceiling and sellable\n",
            "| run | SKUs | orders | seconds | orders/s | p50 ms | p95 ms | p99 ms "
            "| errors | ratio to ceiling |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for kind, runs in (
            ("ceiling (pgbench)", self.ceilings),
            ("sellable (HTTP)", self.sellable),
        ):
            for label, run in runs.items():
                ratio = self.ratio(label) if runs is self.sellable else None
                rows.append(
                    f"| {kind} | {label} | {run.orders} | {run.seconds:.1f} "
                    f"| {run.per_second:.1f} | {run.latency(0.5):.1f} "
                    f"| {run.latency(0.95):.1f} | {run.latency(0.99):.1f} "
                    f"| {run.errors} | {_fmt(ratio, 'x')} |"
                )
        return "\n".join(rows) + "\n"

    def _ledger_table(self) -> str:
        rows = [
            "## 3. Salable quantity and add-to-cart as the ledger grows\n",
            "| reservation rows | load s | salable p50 ms | salable p99 ms "
            "| add-to-cart p50 ms | add-to-cart p99 ms |",
            "|---|---|---|---|---|---|",
        ]
        for point in self.ledger:
            loaded = self.ledger_seconds.get(point.reservations, 0.0)
            rows.append(
                f"| {point.reservations:,} | {loaded:.0f} "
                f"| {point.salable(0.5):.2f} | {point.salable(0.99):.2f} "
                f"| {point.add_item(0.5):.2f} | {point.add_item(0.99):.2f} |"
            )
        return "\n".join(rows) + "\n"

    def _bulk_table(self) -> str:
        rows = ["## 4. Bulk\n", "| measure | figure |", "|---|---|"]
        if self.imported:
            stored, seconds = self.imported
            rows.append(
                f"| CLI import of {stored:,} source items (wall clock, process start "
                f"to commit) | {seconds:.1f} s = {stored / seconds:,.0f} rows/s |"
            )
        if self.selection_ms is not None:
            rows.append(
                "| select_sources, 100 lines x 50 sources (priority, median) "
                f"| {self.selection_ms:.2f} ms |"
            )
        return "\n".join(rows) + "\n"

    def _targets(self) -> str:
        ledger = self.ledger_ratio()
        rows = ["## Targets\n", "| target | measured | met |", "|---|---|---|"]
        for label in self.sellable:
            ratio = self.ratio(label)
            rows.append(
                _target(
                    f"throughput {label} >= 0.5 x ceiling",
                    ratio,
                    "x",
                    ratio is not None and ratio >= 0.5,
                )
            )
        rows.append(
            _target(
                "salable p99 at 10M <= 1.2 x p99 at 0",
                ledger,
                "x",
                ledger is not None and ledger <= 1.2,
            )
        )
        if len(self.ledger) >= 2 and self.ledger[0].add_item(0.99):
            cart = self.ledger[-1].add_item(0.99) / self.ledger[0].add_item(0.99)
            rows.append(
                _target("(info) add-to-cart p99 at 10M / at 0", cart, "x", True)
            )
        if self.imported:
            rate = self.imported[0] / self.imported[1]
            rows.append(
                _target("import >= 50,000 rows/s", rate, " rows/s", rate >= 50_000)
            )
        if self.selection_ms is not None:
            rows.append(
                _target(
                    "selection < 10 ms",
                    self.selection_ms,
                    " ms",
                    self.selection_ms < 10,
                )
            )
        return "\n".join(rows) + "\n"

    def write(self) -> Path:
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / f"{datetime.now(UTC):%Y-%m-%d}.md"
        path.write_text(self.markdown())
        return path


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value:,.2f}{unit}" if value < 1000 else f"{value:,.0f}{unit}"


def _target(name: str, value: float | None, unit: str, met: bool) -> str:
    return f"| {name} | {_fmt(value, unit)} | {'yes' if met else 'NO'} |"


def _pairs(title: str, values: dict[str, str]) -> str:
    lines = [f"## {title}\n", "| | |", "|---|---|"]
    lines += [f"| {key} | {value} |" for key, value in values.items()]
    return "\n".join(lines) + "\n"


def _profile(profile: Profile) -> str:
    lines = [
        f"## Profile of the place-order path (py-spy, {profile.samples:,} samples)\n",
        "Where the samples ended (leaf frame's package):\n",
        "| package | share |",
        "|---|---|",
    ]
    lines += [f"| {name} | {share:.1f}% |" for name, share in profile.leaves]
    if profile.backends:
        lines += [
            "",
            "Database client backends (pg_stat_activity, every 50 ms):\n",
            "| state | share |",
            "|---|---|",
        ]
        lines += [f"| {state} | {n:.1f}% |" for state, n in profile.backends.items()]
    lines += [
        "",
        "sellable functions on the stack (inclusive):\n",
        "| function | share |",
        "|---|---|",
    ]
    lines += [f"| `{name}` | {share:.1f}% |" for name, share in profile.inclusive]
    return "\n".join(lines) + "\n"
