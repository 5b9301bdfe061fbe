"""The salability questions Magento's REST API answers, per SKU and stock."""

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellable.catalog.models import Product
from sellable.inventory.domain import ZERO, allows_source_items
from sellable.inventory.errors import (
    NoSourceItemsSupport,
    ProductSkuNotFound,
    ProductsNotFound,
)
from sellable.inventory.salability import stock_pictures
from sellable.inventory.salability_rules import (
    SalabilityError,
    StockPicture,
    is_salable,
    product_salable_qty,
    request_errors,
)
from sellable.inventory.stocks import get_stock


def _pictures(
    session: Session, stock_id: int, skus: Sequence[str]
) -> dict[str, StockPicture]:
    return stock_pictures(session, stock_id, skus)


def _product_types(session: Session, skus: Sequence[str]) -> dict[str, str]:
    rows = session.execute(
        select(Product.sku, Product.type_id).where(Product.sku.in_(set(skus)))
    ).all()
    return {sku: type_id for sku, type_id in rows}


def _require_products(session: Session, skus: Sequence[str]) -> None:
    """Unknown SKUs are refused; composite products have no salable quantity."""
    types = _product_types(session, skus)
    missing = sorted(set(skus) - set(types))
    if missing:
        raise ProductsNotFound(missing)
    if not all(allows_source_items(type_id) for type_id in types.values()):
        raise NoSourceItemsSupport()


def product_salable_quantity(session: Session, sku: str, stock_id: int) -> Decimal:
    """Salable quantity of one SKU in one stock (0 when it cannot be sold)."""
    get_stock(session, stock_id)
    types = _product_types(session, [sku])
    if sku not in types:
        raise ProductSkuNotFound()
    if not allows_source_items(types[sku]):
        raise NoSourceItemsSupport()
    picture = _pictures(session, stock_id, [sku])[sku]
    if not picture.enabled:
        return ZERO
    return product_salable_qty(picture.rows, picture.reserved, picture.options)


def products_salable(
    session: Session, stock_id: int, skus: Sequence[str]
) -> dict[str, bool]:
    """Is each SKU salable in the stock at all? Unknown SKUs are not."""
    get_stock(session, stock_id)
    pictures = _pictures(session, stock_id, skus)
    return {
        sku: sku in pictures
        and is_salable(
            pictures[sku].rows,
            pictures[sku].reserved,
            pictures[sku].options,
            pictures[sku].enabled,
        )
        for sku in skus
    }


def requested_qty_problems(
    session: Session,
    stock_id: int,
    requests: Sequence[tuple[str, Decimal]],
    with_cart_rules: bool,
) -> list[list[SalabilityError]]:
    """Per (SKU, quantity) request: why it cannot be sold (empty: it can)."""
    get_stock(session, stock_id)
    skus = [sku for sku, _ in requests]
    _require_products(session, skus)
    pictures = _pictures(session, stock_id, skus)
    return [
        request_errors(pictures[sku], qty, with_cart_rules) for sku, qty in requests
    ]
