"""Low-quantity notification per source item, and the low stock report.

A source item's own notify quantity wins; without one, the product's
(when it does not defer to config), else `cataloginventory/item_options/
notify_stock_qty`. An item is low when its quantity is below that, as in
Magento's report: only enabled sources and products whose stock is managed.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, case, func, select, tuple_, update
from sqlalchemy.orm import Session

from sellable.catalog.models import Product, ProductStockSettings
from sellable.inventory.domain import NO_SOURCE_ITEM_TYPES, Problem, is_blank
from sellable.inventory.errors import InputDataEmpty, validation_failed
from sellable.inventory.models import Source, SourceItem
from sellable.inventory.schemas import SourceItemConfigurationData, SourceItemData
from sellable.kit.errors import NotFound
from sellable.kit.logging import get_logger
from sellable.store import config

log = get_logger(__name__)
NOTIFY_PATH = "cataloginventory/item_options/notify_stock_qty"
MANAGE_PATH = "cataloginventory/item_options/manage_stock"
MISSING_ROW = "Source item for %sku and %sourceCode does not exist"


class SourceItemConfigurationNotFound(NotFound):
    template = MISSING_ROW

    def __init__(self, source_code: str, sku: str) -> None:
        super().__init__(parameters={"sku": sku, "sourceCode": source_code})


@dataclass(frozen=True)
class SourceItemConfiguration:
    source_code: str
    sku: str
    notify_stock_qty: Decimal


@dataclass(frozen=True)
class LowStockRow:
    """One line of the low stock report."""

    sku: str
    product_name: str
    source_code: str
    source_name: str
    quantity: Decimal
    notify_stock_qty: Decimal


@dataclass(frozen=True)
class LowStockPage:
    rows: list[LowStockRow]
    total: int
    page: int
    page_size: int


def _threshold(session: Session) -> ColumnElement[Any]:
    """The notify quantity in force for a source item row (SQL)."""
    default = config.get_decimal(session, NOTIFY_PATH)
    product_level = case(
        (
            ProductStockSettings.use_config_notify_stock_qty.is_(False),
            ProductStockSettings.notify_stock_qty,
        ),
        else_=default,
    )
    return func.coalesce(SourceItem.notify_stock_qty, product_level, default)


def _managed(session: Session) -> ColumnElement[Any]:
    default = config.get_flag(session, MANAGE_PATH)
    return case(
        (
            ProductStockSettings.use_config_manage_stock.is_(False),
            ProductStockSettings.manage_stock,
        ),
        else_=default,
    )


def get_configuration(
    session: Session, source_code: str, sku: str
) -> SourceItemConfiguration:
    """The notify quantity in force for one source item; 404 when it is unknown."""
    threshold = session.scalar(
        select(_threshold(session))
        .select_from(SourceItem)
        .outerjoin(Product, Product.sku == SourceItem.sku)
        .outerjoin(
            ProductStockSettings, ProductStockSettings.product_id == Product.entity_id
        )
        .where(SourceItem.source_code == source_code, SourceItem.sku == sku)
    )
    if threshold is None:
        raise SourceItemConfigurationNotFound(source_code, sku)
    return SourceItemConfiguration(source_code, sku, Decimal(threshold))


def save_configurations(
    session: Session, configurations: Sequence[SourceItemConfigurationData]
) -> None:
    """Set each source item's notify quantity (null: use the default); all or none."""
    if not configurations:
        raise InputDataEmpty()
    wanted = {(str(c.source_code), str(c.sku)): c for c in configurations}
    validation_failed(
        [p for c in configurations for p in _problems(c)]
        or _missing_rows(session, list(wanted))
    )

    for (source_code, sku), given in sorted(wanted.items()):
        session.execute(
            update(SourceItem)
            .where(SourceItem.source_code == source_code, SourceItem.sku == sku)
            .values(notify_stock_qty=given.notify_stock_qty)
            .execution_options(synchronize_session=False)
        )
    log.info("low_quantity_notifications_saved", count=len(wanted))


def delete_configurations(session: Session, items: Sequence[SourceItemData]) -> None:
    """Forget the source items' own notify quantities (the default applies again)."""
    if not items:
        raise InputDataEmpty()
    keys = sorted({(str(i.source_code), str(i.sku)) for i in items})
    session.execute(
        update(SourceItem)
        .where(tuple_(SourceItem.source_code, SourceItem.sku).in_(keys))
        .values(notify_stock_qty=None)
        .execution_options(synchronize_session=False)
    )
    log.info("low_quantity_notifications_deleted", count=len(keys))


def _problems(given: SourceItemConfigurationData) -> list[Problem]:
    return [
        ('"%field" can not be empty.', {"field": name})
        for name in ("source_code", "sku")
        if is_blank(getattr(given, name))
    ]


def _missing_rows(session: Session, keys: list[tuple[str, str]]) -> list[Problem]:
    found = set(
        session.execute(
            select(SourceItem.source_code, SourceItem.sku).where(
                tuple_(SourceItem.source_code, SourceItem.sku).in_(keys)
            )
        ).all()
    )
    return [
        (MISSING_ROW, {"sku": sku, "sourceCode": code})
        for code, sku in sorted(set(keys) - {tuple(row) for row in found})
    ]


def low_stock_report(
    session: Session,
    page: int = 1,
    page_size: int = 20,
    *,
    sku_like: str | None = None,
    source_code: str | None = None,
    sort_by: str = "sku",
    descending: bool = False,
) -> LowStockPage:
    """Source items below their notify quantity, by SKU then source, one page.

    `sku_like` is a LIKE pattern, `source_code` an exact code; `sort_by` is
    "sku" or "source_code" (the other one breaks ties).
    """
    page, page_size = max(page, 1), max(page_size, 1)
    threshold = _threshold(session)
    stmt = (
        select(
            SourceItem.sku,
            Product.name,
            SourceItem.source_code,
            Source.name,
            SourceItem.quantity,
            threshold,
        )
        .join(Product, Product.sku == SourceItem.sku)
        .join(Source, Source.source_code == SourceItem.source_code)
        .outerjoin(
            ProductStockSettings, ProductStockSettings.product_id == Product.entity_id
        )
        .where(
            Source.enabled.is_(True),
            Product.type_id.not_in(NO_SOURCE_ITEM_TYPES),
            _managed(session).is_(True),
            SourceItem.quantity < threshold,
            *_report_filters(sku_like, source_code),
        )
    )
    total = session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = session.execute(
        stmt.order_by(*_report_order(sort_by, descending))
        .limit(page_size)
        .offset((page - 1) * page_size)
    ).all()
    return LowStockPage(
        [
            LowStockRow(r[0], r[1], r[2], r[3], Decimal(r[4]), Decimal(r[5]))
            for r in rows
        ],
        int(total or 0),
        page,
        page_size,
    )


def _report_filters(
    sku_like: str | None, source_code: str | None
) -> list[ColumnElement[bool]]:
    clauses = []
    if sku_like:
        clauses.append(SourceItem.sku.like(sku_like))
    if source_code:
        clauses.append(SourceItem.source_code == source_code)
    return clauses


def _report_order(sort_by: str, descending: bool) -> list[Any]:
    first, second = (
        (SourceItem.source_code, SourceItem.sku)
        if sort_by == "source_code"
        else (SourceItem.sku, SourceItem.source_code)
    )
    return [first.desc() if descending else first.asc(), second]
