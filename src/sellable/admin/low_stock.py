"""The low stock report: source items at or below their notify quantity.

A read-only query (the inventory area has no report service yet): the source
item's own notify quantity, else the product's, else the config default.
"""

from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from sellable.admin.web import GridQuery
from sellable.catalog.models import Product, ProductStockSettings
from sellable.inventory.models import Source, SourceItem
from sellable.kit.search_criteria import (
    SearchCriteria,
    apply_filters,
    apply_sorting_and_paging,
)
from sellable.store import config

NOTIFY_PATH = "cataloginventory/item_options/notify_stock_qty"


def low_stock(session: Session, query: GridQuery) -> tuple[list[Any], int]:
    """One page of (source item, product name, source name, threshold) rows."""
    default = config.get_decimal(session, NOTIFY_PATH)
    product_level = case(
        (ProductStockSettings.use_config_notify_stock_qty.is_(False),
         ProductStockSettings.notify_stock_qty),
        else_=default,
    )  # fmt: skip
    threshold = func.coalesce(SourceItem.notify_stock_qty, product_level, default)
    stmt = (
        select(SourceItem, Product.name, Source.name, threshold)
        .join(Product, Product.sku == SourceItem.sku)
        .join(Source, Source.source_code == SourceItem.source_code)
        .outerjoin(
            ProductStockSettings, ProductStockSettings.product_id == Product.entity_id
        )
        .where(SourceItem.quantity <= threshold)
    )
    columns = {"sku": SourceItem.sku, "source_code": SourceItem.source_code}
    criteria = query.criteria({"sku": "like", "source_code": "eq"}, set(columns))
    return _rows(session, stmt, criteria, columns)


def _rows(
    session: Session, stmt: Any, criteria: SearchCriteria, columns: dict[str, Any]
) -> tuple[list[Any], int]:
    filtered = apply_filters(stmt, criteria, columns)
    total = session.scalar(
        select(func.count()).select_from(filtered.order_by(None).subquery())
    )
    paged = apply_sorting_and_paging(
        filtered, criteria, columns, SourceItem.source_item_id
    )
    rows = [
        {"item": item, "product": product, "source": source, "notify": Decimal(n)}
        for item, product, source, n in session.execute(paged).all()
    ]
    return rows, int(total or 0)
