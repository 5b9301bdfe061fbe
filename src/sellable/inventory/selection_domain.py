"""Source selection algorithms: which sources to deduct an order's items from."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal(0)


@dataclass(frozen=True)
class DestinationAddress:
    """Where the shipment goes; the distance algorithm geocodes it."""

    country: str
    postcode: str | None = None
    street: str | None = None
    region: str | None = None
    city: str | None = None


@dataclass(frozen=True)
class SourceSelectionItem:
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


@dataclass(frozen=True)
class CandidateRow:
    """An in-stock source item of an enabled source linked to the stock."""

    source_code: str
    sku: str
    quantity: Decimal


def select_in_order(
    source_order: Sequence[str],
    rows: Iterable[CandidateRow],
    requested: Mapping[str, Decimal],
) -> SourceSelectionResult:
    """Walk sources in order; each gives min(available, still needed) per SKU."""
    by_source: dict[str, dict[str, Decimal]] = {}
    for row in rows:
        by_source.setdefault(row.source_code, {})[row.sku] = row.quantity
    still_needed = {sku: max(qty, ZERO) for sku, qty in requested.items()}

    items: list[SourceSelectionItem] = []
    for source_code in source_order:
        held = by_source.get(source_code, {})
        for sku in requested:
            if sku not in held:
                continue
            available = max(held[sku], ZERO)
            deduct = min(available, still_needed[sku])
            still_needed[sku] -= deduct
            items.append(SourceSelectionItem(source_code, sku, deduct, available))

    shippable = all(qty <= ZERO for qty in still_needed.values())
    return SourceSelectionResult(items, shippable)


def order_by_distance(
    source_codes: Sequence[str], distances: Mapping[str, float | None]
) -> list[str]:
    """Nearest first; sources without a distance keep their order at the end."""
    known = [code for code in source_codes if distances.get(code) is not None]
    unknown = [code for code in source_codes if distances.get(code) is None]
    return sorted(known, key=lambda code: distances[code] or 0.0) + unknown
