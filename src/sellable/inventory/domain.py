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
        (
            max(item.quantity, ZERO)
            for item in items
            if item.in_stock and item.source_enabled
        ),
        ZERO,
    )


def salable_quantity(
    physical: Decimal, reserved: Decimal, threshold: Decimal
) -> Decimal:
    """Physical quantity plus the (negative) reservation sum, minus the threshold."""
    return physical + reserved - threshold


def shortfall(
    requested: Mapping[str, Decimal], salable: Mapping[str, Decimal]
) -> dict[str, Decimal]:
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


DEFAULT_SOURCE_CODE = "default"
DEFAULT_STOCK_ID = 1
WEBSITE_CHANNEL = "website"
NO_SOURCE_ITEM_TYPES = frozenset({"configurable", "bundle", "grouped"})

Problem = tuple[str, dict[str, Any]]
EMPTY = '"%field" can not be empty.'


def is_blank(value: object) -> bool:
    return value is None or str(value).strip() == ""


def empty_problems(fields: Mapping[str, Any], names: Iterable[str]) -> list[Problem]:
    """Magento's NotAnEmptyString rule for each named field."""
    return [(EMPTY, {"field": name}) for name in names if is_blank(fields.get(name))]


def allows_source_items(type_id: str) -> bool:
    """Composite products hold no stock of their own."""
    return type_id not in NO_SOURCE_ITEM_TYPES
