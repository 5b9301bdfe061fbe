"""Inventory rules in plain Python: salable quantity and reservations."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

ZERO = Decimal(0)


@dataclass(frozen=True)
class SourceQuantity:
    """A source item as salability sees it."""

    source_code: str
    quantity: Decimal
    in_stock: bool
    source_enabled: bool = True


@dataclass(frozen=True)
class ReservationEntry:
    """One ledger line to append: negative holds stock, positive releases it."""

    stock_id: int
    sku: str
    quantity: Decimal
    metadata: Mapping[str, Any] = field(default_factory=dict)


def physical_quantity(items: Iterable[SourceQuantity]) -> Decimal:
    """What the stock's sources hold; a negative row never cancels another."""
    return sum(
        (max(item.quantity, ZERO) for item in items if item.in_stock and item.source_enabled),
        ZERO,
    )


def salable_quantity(physical: Decimal, reserved: Decimal, threshold: Decimal) -> Decimal:
    """Physical quantity plus the (negative) reservation sum, minus the threshold."""
    return physical + reserved - threshold


def shortfall(requested: Mapping[str, Decimal], salable: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """SKUs whose requested quantity exceeds what can be sold, with what is left."""
    return {
        sku: salable.get(sku, ZERO)
        for sku, qty in requested.items()
        if qty > salable.get(sku, ZERO)
    }


def order_metadata(event_type: str, order_id: int, increment_id: str) -> dict[str, str]:
    """Magento's reservation metadata for an order event."""
    return {
        "event_type": event_type,
        "object_type": "order",
        "object_id": str(order_id),
        "object_increment_id": increment_id,
    }
