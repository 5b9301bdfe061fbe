"""Salable quantity per stock, and holding stock for an order."""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellable.catalog.models import Product, ProductStockSettings
from sellable.inventory.domain import ZERO, ReservationEntry, SourceQuantity
from sellable.inventory.errors import InsufficientSalableQuantity
from sellable.inventory.ledger import (
    append_reservations,
    lock_stock_skus,
    reserved_totals,
)
from sellable.inventory.models import (
    SOURCE_ITEM_IN_STOCK,
    Source,
    SourceItem,
    StockSalesChannel,
    StockSourceLink,
)
from sellable.inventory.salability_rules import (
    BACKORDERS_NONE,
    BACKORDERS_NOTIFY,
    SalabilityError,
    StockOptions,
    StockPicture,
    blocking,
    headline,
    qty_left,
    request_errors,
)
from sellable.store import config

PRODUCT_ENABLED = 1


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
        select(
            SourceItem.sku,
            SourceItem.source_code,
            SourceItem.quantity,
            SourceItem.status,
            Source.enabled,
        )
        .join(Source, Source.source_code == SourceItem.source_code)
        .join(StockSourceLink, StockSourceLink.source_code == SourceItem.source_code)
        .where(StockSourceLink.stock_id == stock_id, SourceItem.sku.in_(set(skus)))
    ).all()
    found: dict[str, list[SourceQuantity]] = {}
    for sku, source_code, quantity, status, enabled in rows:
        found.setdefault(sku, []).append(
            SourceQuantity(
                source_code, Decimal(quantity), status == SOURCE_ITEM_IN_STOCK, enabled
            )
        )
    return found


def stock_options(session: Session, skus: Iterable[str]) -> dict[str, StockOptions]:
    """Per known SKU: its stock options, config defaults applied."""
    return {sku: options for sku, (options, _) in product_facts(session, skus).items()}


def product_facts(
    session: Session, skus: Iterable[str]
) -> dict[str, tuple[StockOptions, bool]]:
    """Per known SKU: its stock options and whether the product is enabled."""
    defaults = _config_options(session)
    rows = session.execute(
        select(Product.sku, Product.status, ProductStockSettings)
        .outerjoin(
            ProductStockSettings, ProductStockSettings.product_id == Product.entity_id
        )
        .where(Product.sku.in_(set(skus)))
    ).all()
    return {
        sku: (_options(settings, defaults), status == PRODUCT_ENABLED)
        for sku, status, settings in rows
    }


def _config_options(session: Session) -> StockOptions:
    def flag(name: str) -> bool:
        return config.get_flag(session, f"cataloginventory/item_options/{name}")

    def amount(name: str) -> Decimal:
        return config.get_decimal(session, f"cataloginventory/item_options/{name}")

    increments = amount("qty_increments") if flag("enable_qty_increments") else ZERO
    backorders = int(amount("backorders"))
    return StockOptions(
        managed=flag("manage_stock"),
        min_qty=amount("min_qty"),
        backorders=backorders > BACKORDERS_NONE,
        notify_backorders=backorders == BACKORDERS_NOTIFY,
        min_sale_qty=amount("min_sale_qty"),
        max_sale_qty=amount("max_sale_qty"),
        qty_increments=increments,
    )


def _options(
    settings: ProductStockSettings | None, defaults: StockOptions
) -> StockOptions:
    """A product's own options where it does not defer to config."""
    if settings is None:
        return defaults
    s, d = settings, defaults
    increments = d.qty_increments
    if not s.use_config_enable_qty_inc:
        increments = Decimal(s.qty_increments) if s.enable_qty_increments else ZERO
    own_min_sale, own_max_sale = Decimal(s.min_sale_qty), Decimal(s.max_sale_qty)
    backorders, notify = d.backorders, d.notify_backorders
    if not s.use_config_backorders:
        backorders = s.backorders > BACKORDERS_NONE
        notify = s.backorders == BACKORDERS_NOTIFY
    return StockOptions(
        managed=d.managed if s.use_config_manage_stock else s.manage_stock,
        min_qty=d.min_qty if s.use_config_min_qty else Decimal(s.min_qty),
        backorders=backorders,
        notify_backorders=notify,
        min_sale_qty=d.min_sale_qty if s.use_config_min_sale_qty else own_min_sale,
        max_sale_qty=d.max_sale_qty if s.use_config_max_sale_qty else own_max_sale,
        qty_increments=increments,
        is_qty_decimal=s.is_qty_decimal,
    )


def stock_settings(
    session: Session, skus: Iterable[str]
) -> dict[str, tuple[bool, Decimal]]:
    """Per SKU: (stock is managed, out-of-stock threshold), config applied."""
    options = stock_options(session, skus)
    return {sku: (found.managed, found.threshold) for sku, found in options.items()}


def stock_pictures(
    session: Session,
    stock_id: int,
    skus: Iterable[str],
    reserved: Mapping[str, Decimal] | None = None,
    facts: Mapping[str, tuple[StockOptions, bool]] | None = None,
) -> dict[str, StockPicture]:
    """Per known SKU: its source rows, holds, options and status in a stock."""
    skus = list(dict.fromkeys(skus))
    if reserved is None:
        reserved = reserved_totals(session, stock_id, skus)
    if facts is None:
        facts = product_facts(session, skus)
    rows = source_quantities(session, stock_id, skus)
    return {
        sku: StockPicture(rows.get(sku, []), reserved.get(sku, ZERO), *facts[sku])
        for sku in skus
        if sku in facts
    }


def salable_quantities(
    session: Session,
    stock_id: int,
    skus: Iterable[str],
    reserved: Mapping[str, Decimal] | None = None,
) -> dict[str, Decimal]:
    """Salable quantity of each SKU in a stock (negative when oversold)."""
    skus = list(skus)
    pictures = stock_pictures(session, stock_id, skus, reserved)
    return {
        sku: qty_left(p.rows, p.reserved, p.options) if p else ZERO
        for sku in skus
        for p in [pictures.get(sku)]
    }


def managed_skus(session: Session, skus: Iterable[str]) -> set[str]:
    """The SKUs whose stock is managed; a SKU with no product holds nothing."""
    settings = stock_settings(session, skus)
    return {sku for sku in skus if sku in settings and settings[sku][0]}


def managed_order_skus(
    session: Session, lines: Iterable[tuple[str, int | None]]
) -> set[str]:
    """SKUs of order lines (sku, product_id) whose stock is managed now.

    A line whose product was deleted (and perhaps re-created under the same
    SKU as a new product) holds nothing: its holds were released on delete.
    """
    lines = list(lines)
    current = dict(
        session.execute(
            select(Product.sku, Product.entity_id).where(
                Product.sku.in_({sku for sku, _ in lines})
            )
        ).all()
    )
    managed = managed_skus(session, current)
    return {
        sku
        for sku, product_id in lines
        if sku in managed and product_id in (None, current[sku])
    }


def request_problems(
    session: Session, stock_id: int, requested: Mapping[str, Decimal]
) -> dict[str, list[SalabilityError]]:
    """Per SKU: the cart rules' verdict on this quantity (empty: it sells)."""
    pictures = stock_pictures(session, stock_id, requested)
    return {
        sku: request_errors(pictures[sku], qty) if sku in pictures else []
        for sku, qty in requested.items()
    }


def hold_for_order(
    session: Session,
    stock_id: int,
    requested: Mapping[str, Decimal],
    metadata: Mapping[str, Any],
) -> None:
    """Check the cart rules and append the order's holds, under one lock.

    Unmanaged SKUs are checked for their quantity rules but never held;
    backorders sell below zero down to a negative threshold, as in Magento.
    """
    facts = product_facts(session, requested)
    managed = {
        sku: qty
        for sku, qty in requested.items()
        if sku not in facts or facts[sku][0].managed
    }
    reserved = lock_stock_skus(session, stock_id, managed)
    pictures = stock_pictures(session, stock_id, requested, reserved, facts)
    refused = {
        sku: blocking(request_errors(pictures[sku], qty))
        for sku, qty in requested.items()
        if sku in pictures
    }
    refused = {sku: errors for sku, errors in refused.items() if errors}
    if refused:
        raise InsufficientSalableQuantity(
            {sku: max(salable_left(pictures[sku]), ZERO) for sku in refused},
            [headline(errors) for errors in refused.values()],
        )
    append_reservations(
        session,
        [
            ReservationEntry(stock_id, sku, -qty, metadata)
            for sku, qty in managed.items()
        ],
    )


def salable_left(picture: StockPicture) -> Decimal:
    return qty_left(picture.rows, picture.reserved, picture.options)
