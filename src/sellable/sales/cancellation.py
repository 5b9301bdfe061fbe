"""Cancelling an order, and holding it: what stock each step gives back."""

from decimal import Decimal

from sqlalchemy.orm import Session

from sellable.inventory.domain import ReservationEntry, order_metadata
from sellable.inventory.ledger import append_reservations
from sellable.inventory.salability import managed_skus
from sellable.kit.logging import get_logger
from sellable.sales.errors import CannotCancel, CannotHold, CannotUnhold
from sellable.sales.models import Order
from sellable.sales.order_state import (
    HOLDED,
    NEW,
    can_cancel,
    can_hold,
    can_unhold,
    default_status,
    state_after_cancel,
    state_after_documents,
)
from sellable.sales.orders import line_progress, lock_order

log = get_logger(__name__)
ZERO = Decimal(0)


def cancel_order(session: Session, order_id: int) -> None:
    """Cancel what is neither invoiced nor shipped and release its holds, once."""
    order = lock_order(session, order_id)
    if not can_cancel(order.state, line_progress(order)):
        raise CannotCancel()

    released: dict[str, Decimal] = {}
    for item, line in zip(order.items, line_progress(order), strict=True):
        if line.to_cancel > ZERO:
            item.qty_canceled += line.to_cancel
            released[item.sku] = released.get(item.sku, ZERO) + line.to_cancel
    _release(session, order, released)

    order.total_canceled = order.grand_total - order.total_invoiced
    order.state = state_after_cancel(line_progress(order))
    order.status = default_status(order.state)
    session.flush()
    log.info("order_canceled", order_id=order.entity_id, state=order.state)


def _release(session: Session, order: Order, released: dict[str, Decimal]) -> None:
    managed = managed_skus(session, released)
    metadata = order_metadata("order_canceled", order.entity_id, order.increment_id)
    append_reservations(
        session,
        [
            ReservationEntry(order.stock_id, sku, qty, metadata)
            for sku, qty in released.items()
            if sku in managed
        ],
    )


def hold_order(session: Session, order_id: int) -> None:
    """Stop documents on the order until it is released."""
    order = lock_order(session, order_id)
    if not can_hold(order.state):
        raise CannotHold()
    order.state = HOLDED
    order.status = default_status(HOLDED)
    session.flush()


def unhold_order(session: Session, order_id: int) -> None:
    """Release a hold; the state follows from the documents already made."""
    order = lock_order(session, order_id)
    if not can_unhold(order.state):
        raise CannotUnhold()
    order.state = state_after_documents(NEW, line_progress(order))
    order.status = default_status(order.state)
    session.flush()
