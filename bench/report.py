"""The results table, printed and written to bench/results/<date>.md."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench.ceiling import Throughput
from bench.cpu import CpuUse
from bench.floor import FloorRun
from bench.ledger import LedgerPoint
from bench.profile import Profile

RESULTS = Path(__file__).parent / "results"


@dataclass
class Report:
    machine: dict[str, str]
    settings: dict[str, str]
    ceilings: dict[str, Throughput] = field(default_factory=dict)
    sellable: dict[str, Throughput] = field(default_factory=dict)
    floors: list[FloorRun] = field(default_factory=list)
    cpu: list[CpuUse] = field(default_factory=list)
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
            *([self._cpu_table()] if self.cpu else []),
            *([self._ledger_table()] if self.ledger else []),
            *([self._bulk_table()] if self._has_bulk() else []),
            self._targets(),
        ]
        if self.notes:
            parts.append(
                "## Notes\n\n" + "\n".join(f"- {n}" for n in self.notes) + "\n"
            )
        if self.profile is not None:
            parts.append(_profile(self.profile))
        return "\n".join(parts)

    def _has_bulk(self) -> bool:
        return self.imported is not None or self.selection_ms is not None

    def ratio(self, label: str) -> float | None:
        return _ratio(self.sellable.get(label), self.ceilings.get(label))

    def floor_ratio(self, run: FloorRun) -> float | None:
        """To the ceiling of the same SKUs; the harness floor's to spread."""
        return _ratio(run.result, self.ceilings.get(_ceiling_label(run)))

    def python_floor(self, label: str) -> Throughput | None:
        for run in self.floors:
            if run.floor.kind == "python" and run.floor.label == label:
                return run.result
        return None

    def ledger_ratio(self) -> float | None:
        if len(self.ledger) < 2 or not self.ledger[0].salable(0.99):
            return None
        return self.ledger[-1].salable(0.99) / self.ledger[0].salable(0.99)

    def _throughput_table(self) -> str:
        rows = [
            "## 1-2. Placing 5-line orders: the ceiling, the floors and sellable\n",
            "| run | SKUs | orders | seconds | orders/s | p50 ms | p95 ms | p99 ms "
            "| errors | ratio to ceiling |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for label, run in self.ceilings.items():
            rows.append(_throughput_row("ceiling (pgbench)", label, run, None))
        for floor in self.floors:
            kind = FLOOR_KINDS[floor.floor.kind]
            ratio = self.floor_ratio(floor)
            rows.append(_throughput_row(kind, floor.floor.label, floor.result, ratio))
        for label, run in self.sellable.items():
            rows.append(
                _throughput_row("sellable (HTTP)", label, run, self.ratio(label))
            )
        if self.floors:
            rows.append(
                "\nThe harness floor answers a constant, so its ratio is to the "
                "spread ceiling; the floors are information, not targets."
            )
        return "\n".join(rows) + "\n"

    def _cpu_table(self) -> str:
        rows = [
            "## CPU during the throughput runs\n",
            "Machine busy % is over both cores (100% = both busy), from /proc/stat. "
            "CPU seconds are read from /proc/<pid>/stat before and after each run: "
            "the server with its supervisor (in brackets, each worker's share), "
            "the bench database's PostgreSQL backends, the whole PostgreSQL server "
            "(its WAL writer, checkpointer and other databases' work too), and the "
            "load generator (bench/load.py, or pgbench for the ceiling).\n",
            "| run | orders | wall s | machine busy % | server CPU s "
            "| backends CPU s | all postgres CPU s | loadgen CPU s "
            "| server s / 1000 orders | backends s / 1000 orders "
            "| loadgen s / 1000 orders |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for use in self.cpu:
            server = _fmt(use.server_s, "")
            if use.worker_split:
                server += f" (workers {use.split()})"
            totals = (use.backends_s, use.postgres_s, use.loadgen_s)
            per_order = (use.server_s, use.backends_s, use.loadgen_s)
            cells = [
                server,
                *(_fmt(value, "") for value in totals),
                *(_fmt(use.per_thousand(value), "") for value in per_order),
            ]
            rows.append(
                f"| {use.label} | {use.orders} | {use.wall_s:.1f} "
                f"| {use.busy_percent:.0f}% | {' | '.join(cells)} |"
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
        rows += self._floor_rows()
        if self.ledger:
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
        return "\n".join(rows) + "\n" + self._floor_note()

    def _floor_rows(self) -> list[str]:
        """How far the floors reach, and sellable's share of what they reach."""
        rows = [
            _info(
                f"(info) {run.floor.name} / ceiling {_ceiling_label(run)}",
                self.floor_ratio(run),
                "x",
            )
            for run in self.floors
        ]
        for label, run in self.sellable.items():
            floor = self.python_floor(label)
            if floor is not None:
                rows.append(
                    _info(
                        f"(info) sellable {label} / python floor {label}",
                        _ratio(run, floor),
                        "x",
                    )
                )
        return rows

    def _floor_note(self) -> str:
        """Whether 0.5x is within reach of any Python service on this machine."""
        floor = self.python_floor("spread")
        reach = _ratio(floor, self.ceilings.get("spread"))
        if reach is None:
            return ""
        if reach < 0.5:
            verdict = (
                "below 0.5x: on this machine, with this load generator, no Python "
                "HTTP service doing the ceiling's work reaches the target, so part "
                "of the gap is not sellable's"
            )
        else:
            verdict = (
                "at or above 0.5x: a Python HTTP service can reach the target here, "
                "so the gap below 0.5x is sellable's own"
            )
        return (
            f"\nThe python floor (the ceiling's transaction behind uvicorn, psycopg "
            f"and the same load generator) reaches {reach:.2f}x the spread ceiling, "
            f"{verdict}.\n"
        )

    def write(self, path: Path | None = None) -> Path:
        """To `path`, or by default to bench/results/<date>.md."""
        if path is None:
            RESULTS.mkdir(exist_ok=True)
            path = RESULTS / f"{datetime.now(UTC):%Y-%m-%d}.md"
        path.write_text(self.markdown())
        return path


FLOOR_KINDS = {
    "harness": "harness floor (constant)",
    "python": "python floor (psycopg)",
}


def _ceiling_label(run: FloorRun) -> str:
    """The ceiling a floor compares with: its SKUs; spread for the harness."""
    return "spread" if run.floor.kind == "harness" else run.floor.label


def _ratio(ours: Throughput | None, base: Throughput | None) -> float | None:
    if not ours or not base or not base.per_second:
        return None
    return ours.per_second / base.per_second


def _throughput_row(kind: str, label: str, run: Throughput, ratio: float | None) -> str:
    return (
        f"| {kind} | {label} | {run.orders} | {run.seconds:.1f} "
        f"| {run.per_second:.1f} | {run.latency(0.5):.1f} "
        f"| {run.latency(0.95):.1f} | {run.latency(0.99):.1f} "
        f"| {run.errors} | {_fmt(ratio, 'x')} |"
    )


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value:,.2f}{unit}" if value < 1000 else f"{value:,.0f}{unit}"


def _target(name: str, value: float | None, unit: str, met: bool) -> str:
    return f"| {name} | {_fmt(value, unit)} | {'yes' if met else 'NO'} |"


def _info(name: str, value: float | None, unit: str) -> str:
    """A figure for understanding the targets, not a target itself."""
    return f"| {name} | {_fmt(value, unit)} | - |"


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
