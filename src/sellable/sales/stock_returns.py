"""Putting refunded goods back at the sources they left from.

Each return is one atomic UPDATE (quantity = quantity + qty), the mirror
of `inventory.deduction.deduct_from_source`; nothing is read and rewritten.
"""

from decimal import Decimal

from sqlalchemy import case, select, update
from sqlalchemy.orm import Session

from sellable.inventory.models import (
    SOURCE_ITEM_IN_STOCK,
    Source,
    SourceItem,
    StockSourceLink,
)
from sellable.kit.logging import get_logger
from sellable.sales.models import CreditMemoItem, Shipment, ShipmentItem

log = get_logger(__name__)
ZERO = Decimal(0)


def return_to_source(
    session: Session, source_code: str, sku: str, qty: Decimal
) -> bool:
    """Add qty to the source item; back in stock once above zero. False: no source."""
    if qty <= ZERO:
        return True
    result = session.execute(
        update(SourceItem)
        .where(SourceItem.source_code == source_code, SourceItem.sku == sku)
        .values(
            quantity=SourceItem.quantity + qty,
            status=case(
                (SourceItem.quantity + qty > ZERO, SOURCE_ITEM_IN_STOCK),
                else_=SourceItem.status,
            ),
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 1:  # type: ignore[attr-defined]
        log.info("source_returned", source_code=source_code, sku=sku, qty=str(qty))
        return True
    return _recreate_source_item(session, source_code, sku, qty)


def _recreate_source_item(
    session: Session, source_code: str, sku: str, qty: Decimal
) -> bool:
    """The source item was unassigned since the shipment: assign it again."""
    if session.get(Source, source_code) is None:
        log.warning("return_source_missing", source_code=source_code, sku=sku)
        return False
    session.add(
        SourceItem(
            source_code=source_code, sku=sku, quantity=qty, status=SOURCE_ITEM_IN_STOCK
        )
    )
    session.flush()
    log.info("source_item_recreated", source_code=source_code, sku=sku, qty=str(qty))
    return True


def shipped_per_source(
    session: Session, order_item_id: int
) -> list[tuple[str, Decimal]]:
    """(source_code, qty) this order line left from, oldest shipment first."""
    rows = session.execute(
        select(Shipment.source_code, ShipmentItem.qty)
        .join(Shipment, Shipment.entity_id == ShipmentItem.parent_id)
        .where(ShipmentItem.order_item_id == order_item_id)
        .order_by(Shipment.entity_id, ShipmentItem.entity_id)
    ).all()
    return [(code, Decimal(qty)) for code, qty in rows]


def returned_per_source(session: Session, order_item_id: int) -> dict[str, Decimal]:
    """What earlier credit memos already put back, per source."""
    found: dict[str, Decimal] = {}
    rows = session.scalars(
        select(CreditMemoItem.returned_to_sources).where(
            CreditMemoItem.order_item_id == order_item_id
        )
    )
    for returned in rows:
        for code, qty in (returned or {}).items():
            found[code] = found.get(code, ZERO) + Decimal(str(qty))
    return found


def first_source_with(session: Session, stock_id: int, sku: str) -> str | None:
    """The stock's highest-priority source holding the SKU (virtual goods)."""
    return session.scalar(
        select(StockSourceLink.source_code)
        .join(SourceItem, SourceItem.source_code == StockSourceLink.source_code)
        .where(StockSourceLink.stock_id == stock_id, SourceItem.sku == sku)
        .order_by(StockSourceLink.priority, StockSourceLink.link_id)
        .limit(1)
    )
