"""What the order view shows besides the order: documents, holds, actions."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellable.inventory.models import Reservation
from sellable.inventory.reservations import RESERVATION_COLUMNS
from sellable.inventory.selection_domain import DestinationAddress
from sellable.kit.search_criteria import Filter, SearchCriteria, search
from sellable.sales import creditmemos, invoicing, order_state, shipping
from sellable.sales.models import Order
from sellable.sales.orders import line_progress
from sellable.sales.serializers import order_address

LEDGER_COLUMNS = {**RESERVATION_COLUMNS, "metadata": Reservation.metadata_json}


def details(session: Session, order: Order) -> dict[str, Any]:
    """Invoices, shipments, credit memos, reservations and allowed actions."""
    by_order = _criteria("order_id", str(order.entity_id))
    lines = line_progress(order)
    return {
        "billing": order_address(order, "billing"),
        "shipping": order_address(order, "shipping"),
        "invoices": invoicing.search_invoices(session, by_order)["items"],
        "shipments": shipping.search_shipments(session, by_order)["items"],
        "credit_memos": creditmemos.search_creditmemos(session, by_order)["items"],
        "reservations": order_reservations(session, order.increment_id),
        "can_invoice": order_state.can_invoice(order.state, lines),
        "can_ship": order_state.can_ship(order.state, lines),
        "can_cancel": order_state.can_cancel(order.state, lines),
        "can_refund": refund_refusal(order) is None,
        "can_hold": order_state.can_hold(order.state),
        "can_unhold": order_state.can_unhold(order.state),
        "can_notify_pickup": bool(order.pickup_location_code)
        and order_state.can_ship(order.state, lines),
    }


def order_reservations(session: Session, increment_id: str) -> list[Reservation]:
    """Ledger lines whose metadata names this order."""
    pattern = f'%"object_increment_id":"{increment_id}"%'
    criteria = SearchCriteria([[Filter("metadata", pattern, "like")]])
    found, _ = search(
        session, select(Reservation), criteria, LEDGER_COLUMNS,
        Reservation.reservation_id,
    )  # fmt: skip
    return found


def refund_refusal(order: Order) -> str | None:
    """Why no credit memo can be created now, or None."""
    paid_left = order.total_paid - order.total_refunded
    return order_state.refund_refusal(order.state, order.status, paid_left)


def destination(order: Order) -> DestinationAddress | None:
    """The shipping address, for distance-based source selection."""
    address = order_address(order, "shipping")
    if address is None or not address.country_id:
        return None
    return DestinationAddress(
        country=address.country_id,
        postcode=address.postcode,
        street=" ".join(address.street or []) or None,
        region=address.region,
        city=address.city,
    )


def _criteria(field: str, value: str) -> SearchCriteria:
    return SearchCriteria([[Filter(field, value, "eq")]])
