"""`make bench`: every benchmark against a fresh PostgreSQL database, then the table.

python -m bench.run [--seconds 30] [--clients 16] [--workers 2]
                   [--only ceiling floors sellable ledger bulk | throughput]
"""

import argparse
import math
import os
import shutil
import time
from pathlib import Path

from bench import bulk, carts, ceiling, cpu, floor, ledger, load, profile, server, shop
from bench.db import BenchDatabase, fresh_database
from bench.machine import describe
from bench.report import Report
from sellable.cli.common import configure_command_logging

CART_MARGIN = 1.4
WARM_UP_CARTS_PER_CLIENT = 10
PROFILE_SECONDS = 10
PROFILE_DIR = Path("var/bench-profile")
STEPS = ("ceiling", "floors", "sellable", "ledger", "bulk")
THROUGHPUT_STEPS = ("ceiling", "floors", "sellable")


def main() -> None:
    options = _options()
    configure_command_logging(serving=False)
    began = time.perf_counter()
    with fresh_database() as database:
        report = Report(
            describe(ceiling.pgbench_binary()), _settings(options, database)
        )
        _say(f"database {database.name}; {report.settings}")
        _run_steps(database, report, options)
    report.notes.append(f"Whole run: {time.perf_counter() - began:.0f} s.")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    report.machine["Load average at end"] = load
    report.notes.append(
        "Other processes sharing the 2 cores during the run lower every figure; "
        "compare the load averages at start and end."
    )
    print("\n" + report.markdown())
    _say(f"written to {report.write(options.output)}")


def _run_steps(
    database: BenchDatabase, report: Report, options: argparse.Namespace
) -> None:
    steps = options.only
    # The floors run right after the ceiling: one layer added at a time, on
    # the tables pgbench has just used, before any sellable server exists.
    ceiling.create_schema(database)
    if "ceiling" in steps:
        _ceiling(database, report, options)
    if "floors" in steps:
        _floors(database, report, options)
    if {"sellable", "ledger", "bulk"} & steps:
        shop.install(database)
    if {"sellable", "ledger"} & steps:
        log = options.server_log
        with server.serving(database, options.workers, log) as running:
            if "sellable" in steps:
                _sellable(database, running, report, options)
            if "ledger" in steps:
                _ledger(database, running.url, report, options)
    if "bulk" in steps:
        _bulk(database, report, options)


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument(
        "--ledger", type=int, nargs="+", default=[1_000_000, 10_000_000]
    )
    parser.add_argument("--selection-runs", type=int, default=200)
    parser.add_argument("--server-log", type=Path, default=Path("var/bench-server.log"))
    parser.add_argument(
        "--output", type=Path, help="results file (default bench/results/<date>.md)"
    )
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--no-bulk", action="store_true")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=[*STEPS, "throughput"],
        default=list(STEPS),
        help="steps to run (default: all); throughput = ceiling floors sellable",
    )
    options = parser.parse_args()
    options.only = {
        step
        for chosen in options.only
        for step in (THROUGHPUT_STEPS if chosen == "throughput" else [chosen])
    }
    options.server_log.parent.mkdir(parents=True, exist_ok=True)
    return options


def _settings(options: argparse.Namespace, database: BenchDatabase) -> dict[str, str]:
    return {
        "Clients": str(options.clients),
        "Duration per throughput run": f"{options.seconds} s",
        "Server": (
            f"`sellable serve` = uvicorn, {options.workers} worker processes, "
            "one SO_REUSEPORT socket each"
        ),
        "Floors": (
            f"bench/floor_app.py (Starlette) under the same {options.workers} "
            f"workers, {options.clients} psycopg connections per worker"
        ),
        "Steps": ", ".join(step for step in STEPS if step in options.only),
        "Ledger sizes": ", ".join(f"{n:,}" for n in [0, *options.ledger]),
        "Sequential samples per ledger size": (
            f"{options.samples} salable reads, {max(options.samples // 2, 1)} "
            "add-to-cart calls"
        ),
        "Load generator": "aiohttp, one asyncio task per client, keep-alive",
        "Database": f"{database.name} (created and dropped by the run)",
    }


def _ceiling(
    database: BenchDatabase, report: Report, options: argparse.Namespace
) -> None:
    for label, skus in (("spread", shop.SKUS), ("hot", shop.HOT_SKUS)):
        _say(
            f"ceiling {label}: pgbench, {options.clients} clients, {options.seconds} s"
        )
        sample = cpu.Sample(database.name)
        run = ceiling.run_ceiling(
            database, label, skus, options.clients, options.seconds
        )
        report.ceilings[label] = run
        _say(f"  {run.per_second:.1f} orders/s, p99 {run.latency(0.99):.1f} ms")
        _record_cpu(report, sample.finish(f"ceiling {label}", run.orders))


def _floors(
    database: BenchDatabase, report: Report, options: argparse.Namespace
) -> None:
    log = options.server_log.with_name("bench-floor.log")
    connections = options.clients
    with server.floor_serving(database, options.workers, connections, log) as running:
        for chosen in floor.FLOORS:
            _say(
                f"{chosen.name}: {chosen.path}, "
                f"{options.clients} clients, {options.seconds} s"
            )
            run = floor.run_floor(running, chosen, options.clients, options.seconds)
            report.floors.append(run)
            result = run.result
            _say(
                f"  {result.per_second:.1f} orders/s, p99 {result.latency(0.99):.1f} "
                f"ms, {result.errors} errors {result.error_samples[:2]}"
            )
            _record_cpu(report, run.cpu)


def _record_cpu(report: Report, use: cpu.CpuUse) -> None:
    report.cpu.append(use)
    _say(f"  {use.describe()}")


def _sellable(
    database: BenchDatabase,
    running: server.RunningServer,
    report: Report,
    options: argparse.Namespace,
) -> None:
    url = running.url
    rate = _warm_up(database, url, options)
    for label, hot in (("spread", False), ("hot", True)):
        # The spread batch also feeds the profiled run with its spare carts.
        profiled = label == "spread" and not options.no_profile
        seconds = options.seconds + (PROFILE_SECONDS if profiled else 0)
        needed = math.ceil(rate * seconds * CART_MARGIN) + options.clients * 4
        _say(f"sellable {label}: preparing {needed} carts (not timed)")
        began = time.perf_counter()
        tokens = carts.prepare_carts(database, needed, hot)
        _say(f"  prepared in {time.perf_counter() - began:.0f} s; placing orders")
        workers = running.worker_pids()
        sample = cpu.Sample(database.name, running.pid, workers)
        outcome = load.place_orders(
            url, label, tokens, options.clients, options.seconds
        )
        run = outcome.result
        report.sellable[label] = run
        _say(
            f"  {run.per_second:.1f} orders/s, p99 {run.latency(0.99):.0f} ms, "
            f"{run.errors} errors {run.error_samples[:2]}"
        )
        _record_cpu(report, sample.finish(f"sellable {label}", run.orders))
        if outcome.ran_out:
            report.notes.append(
                f"sellable {label}: the {needed} prepared carts ran out after "
                f"{run.seconds:.1f} s; orders/s is over that time."
            )
        rate = max(rate, run.per_second)
        if profiled:
            _profile(running, outcome.unused_tokens, report, options)


def _warm_up(database: BenchDatabase, url: str, options: argparse.Namespace) -> float:
    """Warm the workers and measure a rough rate to size the cart batches."""
    count = options.clients * WARM_UP_CARTS_PER_CLIENT
    _say(f"warm-up: {count} carts, placed until they run out")
    tokens = carts.prepare_carts(database, count, hot=False)
    run = load.place_orders(url, "warm-up", tokens, options.clients, 120).result
    _say(f"  warm-up: {run.per_second:.1f} orders/s, {run.errors} errors")
    if run.errors:
        raise RuntimeError(f"warm-up orders failed: {run.error_samples}")
    return max(run.per_second, 1.0)


def _profile(
    running: server.RunningServer,
    tokens: list[str],
    report: Report,
    options: argparse.Namespace,
) -> None:
    """A separate, shorter run on the spare carts, sampled by py-spy."""
    if profile.py_spy() is None or len(tokens) < options.clients * 4:
        report.notes.append("No profile: py-spy missing or too few spare carts.")
        return
    pids = running.worker_pids()
    _say(
        f"profiling workers {pids} for {PROFILE_SECONDS} s on {len(tokens)} spare carts"
    )
    directory = PROFILE_DIR
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    samplers = profile.start(pids, PROFILE_SECONDS, directory)
    with profile.BackendSampler(running.database) as backends:
        load.place_orders(
            running.url, "profiled", tokens, options.clients, PROFILE_SECONDS
        )
    for sampler in samplers:
        sampler.wait(timeout=PROFILE_SECONDS + 60)
    report.profile = profile.summarise(directory, backends.shares())


def _ledger(
    database: BenchDatabase, url: str, report: Report, options: argparse.Namespace
) -> None:
    callers = ledger.make_callers(database)
    ledger.empty_ledger(database)
    size = 0
    for target in [0, *options.ledger]:
        if target > size:
            _say(f"ledger: COPY {target - size:,} reservation rows")
            report.ledger_seconds[target] = ledger.grow_ledger(database, size, target)
            size = target
        point = ledger.measure(url, callers, size, options.samples)
        report.ledger.append(point)
        _say(
            f"  {size:,} rows: salable p99 {point.salable(0.99):.2f} ms, "
            f"add-to-cart p99 {point.add_item(0.99):.2f} ms"
        )


def _bulk(database: BenchDatabase, report: Report, options: argparse.Namespace) -> None:
    if not options.no_bulk:
        _say("bulk: sellable source-item import of 1,000,000 rows")
        report.imported = bulk.import_through_cli(database)
    _say("source selection: 100 lines x 50 sources")
    report.selection_ms = bulk.selection_milliseconds(database, options.selection_runs)


def _say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


if __name__ == "__main__":
    main()
