"""A product's legacy stock item: its settings and its default-source row."""

from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sellable.catalog.domain import check_stock_options, initial_source_status
from sellable.catalog.models import Product, ProductStockSettings
from sellable.catalog.schemas import StockItemIn
from sellable.inventory.models import Source, SourceItem
from sellable.store import config

DEFAULT_SOURCE = "default"

# stock_item field -> the use_config flag it overrides.
OVERRIDDEN_BY = {
    "manage_stock": "use_config_manage_stock",
    "min_qty": "use_config_min_qty",
    "backorders": "use_config_backorders",
    "min_sale_qty": "use_config_min_sale_qty",
    "max_sale_qty": "use_config_max_sale_qty",
    "enable_qty_increments": "use_config_enable_qty_inc",
    "notify_stock_qty": "use_config_notify_stock_qty",
}
PLAIN_FIELDS = ("qty_increments", "is_qty_decimal")


def apply_settings(product: Product, item: StockItemIn) -> None:
    """Copy the stock options sent; a value sent without its flag overrides config."""
    check_stock_options(item.backorders, item.qty_increments)
    settings = product.stock_settings
    if settings is None:
        settings = product.stock_settings = ProductStockSettings()
    sent = item.model_fields_set

    for field, flag in OVERRIDDEN_BY.items():
        if field in sent and getattr(item, field) is not None:
            setattr(settings, field, getattr(item, field))
            if flag not in sent:
                setattr(settings, flag, False)
        if flag in sent and getattr(item, flag) is not None:
            setattr(settings, flag, bool(getattr(item, flag)))
    for field in PLAIN_FIELDS:
        if field in sent and getattr(item, field) is not None:
            setattr(settings, field, getattr(item, field))


def default_source_item(session: Session, sku: str) -> SourceItem | None:
    return session.scalars(
        select(SourceItem).where(
            SourceItem.source_code == DEFAULT_SOURCE, SourceItem.sku == sku
        )
    ).first()


def write_default_source(session: Session, sku: str, item: StockItemIn) -> None:
    """Magento's single-source behaviour: stock_item qty is the default source's."""
    row = default_source_item(session, sku)
    if row is None:
        if item.qty is None or session.get(Source, DEFAULT_SOURCE) is None:
            return
        row = SourceItem(source_code=DEFAULT_SOURCE, sku=sku, quantity=Decimal(0))
        row.status = initial_source_status(item.is_in_stock, item.qty)
        session.add(row)
    elif item.is_in_stock is not None:
        row.status = 1 if item.is_in_stock else 0
    if item.qty is not None:
        row.quantity = item.qty


def remove_source_items(session: Session, sku: str) -> None:
    """A deleted product leaves no source rows behind (its holds are released)."""
    session.execute(delete(SourceItem).where(SourceItem.sku == sku))


CONFIG_PATHS = {
    "manage_stock": "cataloginventory/item_options/manage_stock",
    "min_qty": "cataloginventory/item_options/min_qty",
    "backorders": "cataloginventory/item_options/backorders",
    "min_sale_qty": "cataloginventory/item_options/min_sale_qty",
    "max_sale_qty": "cataloginventory/item_options/max_sale_qty",
    "notify_stock_qty": "cataloginventory/item_options/notify_stock_qty",
    "enable_qty_increments": "cataloginventory/item_options/enable_qty_increments",
}
FLAGS = ("manage_stock", "enable_qty_increments")


def config_defaults(session: Session) -> dict[str, Any]:
    """The values a `use_config_*` flag stands for."""
    values: dict[str, Any] = {}
    for field, path in CONFIG_PATHS.items():
        if field in FLAGS:
            values[field] = config.get_flag(session, path)
        else:
            values[field] = config.get_decimal(session, path)
    values["backorders"] = int(values["backorders"])
    return values


def default_source_items(session: Session, skus: list[str]) -> dict[str, SourceItem]:
    rows = session.scalars(
        select(SourceItem).where(
            SourceItem.source_code == DEFAULT_SOURCE, SourceItem.sku.in_(skus)
        )
    )
    return {row.sku: row for row in rows}
