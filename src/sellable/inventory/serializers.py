"""Inventory rows as Magento's REST API prints them."""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sellable.inventory.models import (
    Reservation,
    Source,
    SourceItem,
    Stock,
    StockSourceLink,
)

SOURCE_FIELDS = (
    "source_code",
    "name",
    "email",
    "contact_name",
    "enabled",
    "description",
    "latitude",
    "longitude",
    "country_id",
    "region_id",
    "region",
    "city",
    "street",
    "postcode",
    "phone",
    "fax",
    "use_default_carrier_config",
)
PICKUP_FIELDS = ("is_pickup_location_active", "frontend_name", "frontend_description")


def number(value: Decimal | None) -> Decimal | None:
    """Drop trailing zeros, so 70.0000 prints as 70 and 70.5000 as 70.5."""
    return None if value is None else Decimal(value).normalize()


def source_dict(source: Source) -> dict[str, Any]:
    """A source; Magento leaves out the fields that are not set."""
    found = {name: getattr(source, name) for name in SOURCE_FIELDS}
    found["latitude"], found["longitude"] = (
        number(source.latitude),
        number(source.longitude),
    )
    body = {name: value for name, value in found.items() if value is not None}
    body["carrier_links"] = []
    pickup = {name: getattr(source, name) for name in PICKUP_FIELDS}
    body["extension_attributes"] = {k: v for k, v in pickup.items() if v is not None}
    return body


def stock_dict(stock: Stock, channels: Sequence[tuple[str, str]]) -> dict[str, Any]:
    return {
        "stock_id": stock.stock_id,
        "name": stock.name,
        "extension_attributes": {
            "sales_channels": [{"type": kind, "code": code} for kind, code in channels]
        },
    }


def link_dict(link: StockSourceLink) -> dict[str, Any]:
    return {
        "stock_id": link.stock_id,
        "source_code": link.source_code,
        "priority": link.priority,
    }


def source_item_dict(item: SourceItem) -> dict[str, Any]:
    return {
        "sku": item.sku,
        "source_code": item.source_code,
        "quantity": number(item.quantity),
        "status": item.status,
    }


def reservation_dict(entry: Reservation) -> dict[str, Any]:
    """A ledger line; `metadata` is the JSON text exactly as stored."""
    return {
        "reservation_id": entry.reservation_id,
        "stock_id": entry.stock_id,
        "sku": entry.sku,
        "quantity": number(entry.quantity),
        "metadata": entry.metadata_json,
    }
