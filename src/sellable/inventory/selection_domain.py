"""Source selection algorithms: which sources to deduct an order's items from."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

ZERO = Decimal(0)


@dataclass(frozen=True)
class DestinationAddress:
    """Where the shipment goes; the distance algorithm geocodes it."""

    country: str
    postcode: str | None = None
    street: str | None = None
    region: str | None = None
    city: str | None = None


class SourceSelectionItem(NamedTuple):
    """How much of one SKU to deduct from one source, and what it holds."""

    source_code: str
    sku: str
    qty_to_deduct: Decimal
    qty_available: Decimal


@dataclass(frozen=True)
class SourceSelectionResult:
    """The proposed deductions; shippable when every SKU is fully covered."""

    items: list[SourceSelectionItem]
    shippable: bool


class CandidateRow(NamedTuple):
    """An in-stock source item of an enabled source linked to the stock."""

    source_code: str
    sku: str
    quantity: Decimal


# What each source holds: source code -> SKU -> physical quantity.
Holdings = Mapping[str, Mapping[str, Decimal]]


def select_in_order(
    source_order: Sequence[str],
    rows: Iterable[tuple[str, str, Decimal]],
    requested: Mapping[str, Decimal],
) -> SourceSelectionResult:
    """Walk sources in order; each gives min(available, still needed) per SKU.

    Rows are (source_code, sku, quantity) tuples, such as CandidateRow, in any
    order.
    """
    return select_from_holdings(source_order, group_by_source(rows), requested)


def group_by_source(rows: Iterable[tuple[str, str, Decimal]]) -> Holdings:
    """Holdings from (source_code, sku, quantity) rows."""
    held_by_source: dict[str, dict[str, Decimal]] = {}
    for source_code, sku, quantity in rows:
        held = held_by_source.get(source_code)
        if held is None:
            held = held_by_source[source_code] = {}
        held[sku] = quantity
    return held_by_source


def select_from_holdings(
    source_order: Sequence[str], holdings: Holdings, requested: Mapping[str, Decimal]
) -> SourceSelectionResult:
    """select_in_order on rows already grouped by source.

    Items come source by source, each source's in requested SKU order, one per
    SKU it holds, zero deductions included (Magento 2.3.2+); sources missing
    from source_order give nothing.
    """
    still_needed = {sku: max(qty, ZERO) for sku, qty in requested.items()}

    items: list[SourceSelectionItem] = []
    for source_code in source_order:
        held = holdings.get(source_code)
        if held:
            _take(source_code, held, still_needed, items)
    shippable = all(qty <= ZERO for qty in still_needed.values())
    return SourceSelectionResult(items, shippable)


def _take(
    source_code: str,
    held: Mapping[str, Decimal],
    still_needed: dict[str, Decimal],
    items: list[SourceSelectionItem],
) -> None:
    """Add one source's items in requested SKU order; lower what is still needed."""
    # A large order over many sources makes thousands of items; tuple.__new__
    # builds each in C, without the NamedTuple's __new__ written in Python.
    append, make = items.append, tuple.__new__
    for sku, needed in still_needed.items():
        available = held.get(sku)
        if available is None:
            continue
        if available < ZERO:
            available = ZERO
        if needed:
            deduct = needed if needed < available else available
            still_needed[sku] = needed - deduct
        else:
            deduct = ZERO
        append(make(SourceSelectionItem, (source_code, sku, deduct, available)))


def order_by_distance(
    source_codes: Sequence[str], distances: Mapping[str, float | None]
) -> list[str]:
    """Nearest first; sources without a distance keep their order at the end."""
    known = [code for code in source_codes if distances.get(code) is not None]
    unknown = [code for code in source_codes if distances.get(code) is None]
    return sorted(known, key=lambda code: distances[code] or 0.0) + unknown
