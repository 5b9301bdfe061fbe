"""A credit memo's stock: holds released, goods back at the sources they left.

Each return is one atomic UPDATE (quantity = quantity + qty), the mirror
of `inventory.deduction.deduct_from_source`; nothing is read and rewritten.
Holds are released through `inventory.ledger.append_reservations`.
"""

from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import case, select, update
from sqlalchemy.orm import Session

from sellable.inventory.domain import ReservationEntry, order_metadata
from sellable.inventory.ledger import append_reservations
from sellable.inventory.models import (
    SOURCE_ITEM_IN_STOCK,
    Source,
    SourceItem,
    StockSourceLink,
)
from sellable.inventory.salability import managed_skus
from sellable.kit.logging import get_logger
from sellable.sales.models import (
    CreditMemoItem,
    Order,
    OrderItem,
    Shipment,
    ShipmentItem,
)
from sellable.sales.refund_rules import allocate_return

log = get_logger(__name__)
ZERO = Decimal(0)


@dataclass(frozen=True)
class RefundedUnits:
    """One credit memo line: units whose hold goes, units that had left a source."""

    item: OrderItem
    released: Decimal
    from_source: Decimal


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


def move_refunded_stock(
    session: Session,
    order: Order,
    lines: list[RefundedUnits],
    listed: Collection[int] | None,
) -> dict[int, dict[str, str]]:
    """Release unshipped holds; put listed shipped units back at their sources."""
    managed = managed_skus(session, {line.item.sku for line in lines})
    released: dict[str, Decimal] = {}
    returned: dict[int, dict[str, str]] = {}
    for line in lines:
        sku = line.item.sku
        if sku not in managed:
            continue
        if line.released > ZERO:
            released[sku] = released.get(sku, ZERO) + line.released
        if line.from_source > ZERO and (listed is None or line.item.item_id in listed):
            plan = _return_plan(session, order, line).items()
            done = [(c, q) for c, q in plan if return_to_source(session, c, sku, q)]
            returned[line.item.item_id] = {code: str(qty) for code, qty in done}

    metadata = order_metadata("creditmemo_created", order.entity_id, order.increment_id)
    append_reservations(
        session,
        [
            ReservationEntry(order.stock_id, sku, qty, metadata)
            for sku, qty in sorted(released.items())
        ],
    )
    return returned


def _return_plan(
    session: Session, order: Order, line: RefundedUnits
) -> dict[str, Decimal]:
    item = line.item
    if item.is_virtual:
        code = first_source_with(session, order.stock_id, item.sku)
        return {code: line.from_source} if code else {}
    shipped = shipped_per_source(session, item.item_id)
    returned = returned_per_source(session, item.item_id)
    return allocate_return(shipped, returned, line.from_source)
