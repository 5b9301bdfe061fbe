"""Inventory and order state after a step: expected state versus a StateReader."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from tests.replay.matching import compare, is_number, numbers_equal, render
from tests.replay.placeholders import PLACEHOLDER, Captures, interpolate, lookup

TUTORIAL_SKUS = ("24-WB01", "24-WB03", "240-LV06")

Row = dict[str, Any]


class StateReader(Protocol):
    """What the replay needs to read the state behind the REST calls."""

    def source_items(self, skus: Sequence[str]) -> list[Row]:
        """Every source row of these SKUs: sku, source_code, quantity, status."""
        ...

    def salable_qty(self, stock_id: int, sku: str) -> float | int | None:
        """Salable quantity of a SKU in a stock."""
        ...

    def reservations(self) -> list[Row]:
        """The ledger in insertion order: stock_id, sku, quantity, metadata."""
        ...

    def order(self, order_id: int | str) -> Row:
        """The order as a dict (the REST order object, or a superset of it)."""
        ...


StateCheck = Callable[[Any, StateReader, Captures], list[str]]


def check_state(expected: Row, reader: StateReader, captures: Captures) -> list[str]:
    """Return every difference between a `state_after`-like block and the system."""
    unknown = sorted(set(expected) - set(STATE_CHECKS))
    if unknown:
        return [f"unknown state keys {unknown}: update the replay runner"]
    problems: list[str] = []
    for key, check in STATE_CHECKS.items():
        if key in expected:
            problems += check(expected[key], reader, captures)
    return problems


def _source_items(expected: list[Row], reader: StateReader, _: Captures) -> list[str]:
    actual = reader.source_items(TUTORIAL_SKUS)
    by_key = {(row["sku"], row["source_code"]): row for row in actual}
    wanted = {(row["sku"], row["source_code"]): row for row in expected}
    missing = [key for key in wanted if key not in by_key]
    problems = [f"source_items: missing row {sku} @ {code}" for sku, code in missing]
    extra = sorted(set(by_key) - set(wanted))
    problems += [f"source_items: unexpected row {sku} @ {code}" for sku, code in extra]
    if len(by_key) != len(actual):
        problems.append("source_items: duplicate (sku, source_code) rows")
    for key, row in wanted.items():
        if key in by_key:
            where = f"source_items[{key[0]} @ {key[1]}]"
            problems += compare(row, by_key[key], where=where)
    return _with_actual(problems, "source items", _sorted_rows(actual))


def _salable_qty(
    expected: dict[str, dict[str, Any]], reader: StateReader, _: Captures
) -> list[str]:
    problems: list[str] = []
    for stock_id, quantities in expected.items():
        for sku, wanted in quantities.items():
            actual = reader.salable_qty(int(stock_id), sku)
            if not _salable_equal(wanted, actual):
                shown = "null (none or 0)" if wanted is None else render(wanted)
                where = f"salable_qty[stock {stock_id}][{sku}]"
                problems.append(f"{where}: expected {shown}, got {render(actual)}")
    return problems


def _salable_equal(wanted: Any, actual: Any) -> bool:
    if wanted is None:
        return actual is None or (is_number(actual) and numbers_equal(actual, 0))
    return is_number(actual) and numbers_equal(wanted, actual)


def _reservations(
    expected: list[Row], reader: StateReader, captures: Captures
) -> list[str]:
    wanted = [_ledger_row(row, captures) for row in expected]
    actual = [_ledger_row(row) for row in reader.reservations()]
    problems = compare(wanted, actual, where="reservations")
    return _with_actual(problems, "reservation ledger", actual)


def _ledger_row(row: Row, captures: Captures | None = None) -> Row:
    """Metadata values are strings in Magento: compare them as text."""
    if not isinstance(row.get("metadata"), dict):
        return dict(row)
    text = {key: str(value) for key, value in row["metadata"].items()}
    if captures is not None:
        text = {key: interpolate(value, captures) for key, value in text.items()}
    return {**row, "metadata": text}


def _reservation_sums(
    expected: dict[str, Any], reader: StateReader, _: Captures
) -> list[str]:
    sums: dict[str, float] = {}
    for row in reader.reservations():
        key = f"{int(row['stock_id'])}:{row['sku']}"
        sums[key] = sums.get(key, 0) + row["quantity"]
    problems: list[str] = []
    for key, wanted in expected.items():
        actual = sums.get(key, 0)
        if not numbers_equal(wanted, actual):
            problems.append(f"reservation_sums[{key}]: expected {wanted}, got {actual}")
    return problems


def _orders(
    expected: dict[str, Row], reader: StateReader, captures: Captures
) -> list[str]:
    problems: list[str] = []
    for key, wanted in expected.items():
        order_id = _order_id(key, captures)
        actual = reader.order(order_id)
        problems += compare(wanted, actual, where=f"orders[{key} = {order_id}]")
    return problems


def _order_id(key: str, captures: Captures) -> Any:
    whole = PLACEHOLDER.fullmatch(key)
    return lookup(captures, whole.group(1)) if whole else key


def _with_actual(problems: list[str], label: str, actual: list[Row]) -> list[str]:
    if not problems:
        return problems
    lines = "\n".join(f"      {render(row)}" for row in actual)
    return [*problems, f"actual {label}:\n{lines}"]


def _sorted_rows(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda row: (str(row.get("sku")), str(row["source_code"])))


STATE_CHECKS: dict[str, StateCheck] = {
    "source_items": _source_items,
    "salable_qty": _salable_qty,
    "reservations": _reservations,
    "reservation_sums": _reservation_sums,
    "orders": _orders,
}
