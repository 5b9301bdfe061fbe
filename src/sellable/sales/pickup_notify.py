"""Tell customers their in-store pickup orders are ready, shipping each one."""

from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from sellable.kit.errors import SellableError
from sellable.kit.logging import get_logger
from sellable.mail.outbox import enqueue
from sellable.sales.errors import NotReadyForPickup
from sellable.sales.models import Order
from sellable.sales.orders import get_order
from sellable.sales.shipping import ShipmentRequest, ship_order

log = get_logger(__name__)


def notify_orders_ready_for_pickup(
    session: Session, order_ids: Iterable[int]
) -> dict[str, Any]:
    """Ship each pickup order from its location; one failure stops no other."""
    errors: list[dict[str, Any]] = []
    for order_id in order_ids:
        try:
            with session.begin_nested():
                _notify_one(session, order_id)
        except SellableError as exc:
            log.info("pickup_notify_refused", order_id=order_id, reason=exc.rendered())
            errors.append({"id": order_id, "message": exc.rendered()})
    return {"successful": not errors, "errors": errors}


def _notify_one(session: Session, order_id: int) -> None:
    order = get_order(session, order_id)
    if not order.pickup_location_code:
        raise NotReadyForPickup()
    request = ShipmentRequest(source_code=order.pickup_location_code)
    ship_order(session, order_id, request)
    _send_ready_mail(session, order)
    log.info(
        "pickup_order_ready", order_id=order_id, source_code=order.pickup_location_code
    )


def _send_ready_mail(session: Session, order: Order) -> None:
    enqueue(
        session,
        "order_ready_for_pickup",
        order.customer_email,
        f"Your order # {order.increment_id} is ready for pickup",
        f"Order {order.increment_id} is ready for pickup at "
        f"{order.pickup_location_code}.",
        reference=f"order:{order.entity_id}:pickup",
    )
