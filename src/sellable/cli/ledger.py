"""`ledger check|repair|cleanup`: the reservation ledger against the orders.

`check` exits 0 when the ledger is consistent and 2 when it is not (1 is
kept for errors), so scripts and cron jobs can tell them apart.
"""

import json
from typing import Annotated

import typer

from sellable.cli.common import fail, say, transaction
from sellable.inventory.ledger_check import (
    LedgerReport,
    check_ledger,
    cleanup_ledger,
    find_inconsistencies,
    repair_ledger,
)
from sellable.inventory.ledger_check_domain import Inconsistency, by_order_state

app = typer.Typer(help="The reservation ledger: check, repair, clean up.")
INCONSISTENT = 2

Raw = Annotated[
    bool, typer.Option("--raw", "-r", help="ORDER_INCREMENT_ID:SKU:QTY:STOCK_ID only.")
]
AsJson = Annotated[bool, typer.Option("--json", help="One JSON document.")]
Complete = Annotated[
    bool, typer.Option("--complete-orders", "-c", help="Only orders in a final state.")
]
Incomplete = Annotated[
    bool, typer.Option("--incomplete-orders", "-i", help="Only orders still open.")
]


@app.command("check")
def check(
    raw: Raw = False,
    as_json: AsJson = False,
    complete: Complete = False,
    incomplete: Incomplete = False,
) -> None:
    """List orders whose reservations do not net as their documents say."""
    with transaction() as session:
        report = check_ledger(session)
    only_final = True if complete else False if incomplete else None
    found = by_order_state(report.inconsistencies, only_final)
    if as_json:
        say(json.dumps(_json(found, report), indent=2))
    elif raw:
        for item in found:
            say(item.magento_line())
    else:
        _print_report(found, report)
    if found or report.total_drifts:
        raise typer.Exit(INCONSISTENT)


Lines = Annotated[
    list[str] | None,
    typer.Argument(
        help="Only these ORDER_INCREMENT_ID:SKU:QTY:STOCK_ID lines (from check -r)."
    ),
]


@app.command("repair")
def repair(lines: Lines = None) -> None:
    """Append one compensating reservation per inconsistency (never deletes).

    Given lines, compensate exactly those; each must still be an inconsistency
    as `check` prints it, so running the same repair twice changes nothing.
    """
    with transaction() as session:
        found = find_inconsistencies(session)
        chosen = found if not lines else _chosen(found, lines)
        fixed = repair_ledger(session, chosen)
    for item in fixed:
        say(item.magento_line())
    say(f"Appended {len(fixed)} compensating reservation(s).")


def _chosen(found: list[Inconsistency], lines: list[str]) -> list[Inconsistency]:
    by_line = {item.magento_line(): item for item in found}
    wanted = list(dict.fromkeys(line.strip() for line in lines))
    unknown = [line for line in wanted if line not in by_line]
    if unknown:
        fail(f"not a current inconsistency: {unknown[0]}")
    return [by_line[line] for line in wanted]


@app.command("cleanup")
def cleanup() -> None:
    """Remove the zero-sum reservation sets of orders in a final state."""
    with transaction() as session:
        result = cleanup_ledger(session)
    say(
        f"Removed {result.reservations} reservation(s) of {result.orders} "
        "final order(s)."
    )


def _print_report(found: list[Inconsistency], report: LedgerReport) -> None:
    if not found and not report.total_drifts:
        say("No order inconsistencies were found.")
        return
    for item in found:
        state = item.state or "no such order"
        say(
            f"{item.magento_line()}  order {item.increment_id} ({state}): "
            f"{item.sku} holds {item.actual:f}, should hold {item.expected:f} "
            f"in stock {item.stock_id}"
        )
    for drift in report.total_drifts:
        say(
            f"running total of {drift.sku} in stock {drift.stock_id} is "
            f"{drift.total:f} but its reservations add up to {drift.ledger_sum:f}"
        )


def _json(found: list[Inconsistency], report: LedgerReport) -> dict[str, object]:
    return {
        "inconsistencies": [
            {
                "order_id": item.order_id,
                "increment_id": item.increment_id,
                "state": item.state,
                "stock_id": item.stock_id,
                "sku": item.sku,
                "expected": str(item.expected),
                "actual": str(item.actual),
                "compensation": str(item.compensation),
                "line": item.magento_line(),
            }
            for item in found
        ],
        "total_drifts": [
            {
                "stock_id": drift.stock_id,
                "sku": drift.sku,
                "total": str(drift.total),
                "ledger_sum": str(drift.ledger_sum),
            }
            for drift in report.total_drifts
        ],
    }
