"""Salable quantity per stock, and holding stock for an order."""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellable.catalog.models import Product, ProductStockSettings
from sellable.inventory.domain import (
    ZERO,
    ReservationEntry,
    SourceQuantity,
    physical_quantity,
    salable_quantity,
    shortfall,
)
from sellable.inventory.errors import InsufficientSalableQuantity
from sellable.inventory.ledger import append_reservations, lock_stock_skus, reserved_totals
from sellable.inventory.models import (
    SOURCE_ITEM_IN_STOCK,
    Source,
    SourceItem,
    StockSalesChannel,
    StockSourceLink,
)
from sellable.store import config


def stock_id_for_website(session: Session, website_code: str) -> int | None:
    """The stock that serves a website sales channel."""
    return session.scalar(
        select(StockSalesChannel.stock_id).where(
            StockSalesChannel.type == "website", StockSalesChannel.code == website_code
        )
    )


def source_quantities(
    session: Session, stock_id: int, skus: Iterable[str]
) -> dict[str, list[SourceQuantity]]:
    """Source items of these SKUs at the sources linked to the stock."""
    rows = session.execute(
        select(SourceItem.sku, SourceItem.source_code, SourceItem.quantity,
               SourceItem.status, Source.enabled)
        .join(Source, Source.source_code == SourceItem.source_code)
        .join(StockSourceLink, StockSourceLink.source_code == SourceItem.source_code)
        .where(StockSourceLink.stock_id == stock_id, SourceItem.sku.in_(set(skus)))
    ).all()
    found: dict[str, list[SourceQuantity]] = {}
    for sku, source_code, quantity, status, enabled in rows:
        found.setdefault(sku, []).append(
            SourceQuantity(source_code, Decimal(quantity), status == SOURCE_ITEM_IN_STOCK, enabled)
        )
    return found


def stock_settings(session: Session, skus: Iterable[str]) -> dict[str, tuple[bool, Decimal]]:
    """Per SKU: (stock is managed, out-of-stock threshold), config applied."""
    managed_default = config.get_flag(session, "cataloginventory/item_options/manage_stock")
    threshold_default = config.get_decimal(session, "cataloginventory/item_options/min_qty")
    rows = session.execute(
        select(Product.sku, ProductStockSettings)
        .outerjoin(ProductStockSettings, ProductStockSettings.product_id == Product.entity_id)
        .where(Product.sku.in_(set(skus)))
    ).all()
    found: dict[str, tuple[bool, Decimal]] = {}
    for sku, settings in rows:
        if settings is None:
            found[sku] = (managed_default, threshold_default)
            continue
        managed = managed_default if settings.use_config_manage_stock else settings.manage_stock
        threshold = threshold_default if settings.use_config_min_qty else Decimal(settings.min_qty)
        found[sku] = (managed, threshold)
    return found


def salable_quantities(
    session: Session,
    stock_id: int,
    skus: Iterable[str],
    reserved: Mapping[str, Decimal] | None = None,
) -> dict[str, Decimal]:
    """Salable quantity of each SKU in a stock."""
    skus = list(skus)
    reserved = reserved if reserved is not None else reserved_totals(session, stock_id, skus)
    sources = source_quantities(session, stock_id, skus)
    settings = stock_settings(session, skus)
    return {
        sku: salable_quantity(
            physical_quantity(sources.get(sku, [])),
            reserved.get(sku, ZERO),
            settings.get(sku, (True, ZERO))[1],
        )
        for sku in skus
    }


def managed_skus(session: Session, skus: Iterable[str]) -> set[str]:
    settings = stock_settings(session, skus)
    return {sku for sku in skus if settings.get(sku, (True, ZERO))[0]}


def hold_for_order(
    session: Session,
    stock_id: int,
    requested: Mapping[str, Decimal],
    metadata: Mapping[str, Any],
) -> None:
    """Check salable quantity and append the order's holds, under one lock."""
    managed = {sku: qty for sku, qty in requested.items() if sku in managed_skus(session, requested)}
    if not managed:
        return
    reserved = lock_stock_skus(session, stock_id, managed)
    salable = salable_quantities(session, stock_id, managed, reserved)
    missing = shortfall(managed, salable)
    if missing:
        raise InsufficientSalableQuantity(missing)
    append_reservations(
        session,
        [ReservationEntry(stock_id, sku, -qty, metadata) for sku, qty in managed.items()],
    )
