"""Shipping an order from one source: deduct, compensate, record, notify.

Everything happens in the caller's transaction; a refusal anywhere leaves
nothing written (deduction refuses below zero before any row changes).
"""

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellable.inventory.deduction import deduct_from_source
from sellable.inventory.domain import ReservationEntry, order_metadata
from sellable.inventory.ledger import append_reservations
from sellable.inventory.models import Source, StockSourceLink
from sellable.inventory.salability import managed_skus
from sellable.kit.logging import get_logger
from sellable.kit.search_criteria import (
    SearchCriteria,
    model_columns,
    search,
    search_result,
)
from sellable.mail.outbox import enqueue
from sellable.sales.document_serializers import shipment_json
from sellable.sales.errors import (
    ShipmentNotFound,
    ShipmentSourceNotFound,
    ShipmentValidationFailed,
    SourceNotLinkedToStock,
    SourceNotSpecified,
)
from sellable.sales.models import (
    Order,
    OrderItem,
    Shipment,
    ShipmentComment,
    ShipmentItem,
    ShipmentTrack,
)
from sellable.sales.order_state import (
    default_status,
    shipment_refusal,
    state_after_documents,
)
from sellable.sales.orders import item_progress, line_progress, lock_order
from sellable.sales.sequence import next_increment_id

log = get_logger(__name__)
ZERO = Decimal(0)


@dataclass(frozen=True)
class Track:
    track_number: str
    title: str | None = None
    carrier_code: str | None = None


@dataclass(frozen=True)
class ShipmentRequest:
    """What to ship; every physical unit left when `items` is empty."""

    items: Sequence[tuple[int, Decimal]] = ()
    source_code: str | None = None
    notify: bool = False
    comment: str | None = None
    comment_visible_on_front: int = 0
    tracks: Sequence[Track] = field(default_factory=tuple)


def ship_order(session: Session, order_id: int, request: ShipmentRequest) -> Shipment:
    """Create a shipment from one source; the order completes when all is done."""
    order = lock_order(session, order_id)
    quantities = quantities_to_ship(order, request.items)
    source_code = _resolve_source(session, order, request.source_code)

    _take_from_source(session, order, source_code, quantities)
    shipment = _record_shipment(session, order, source_code, quantities, request)
    for item, qty in quantities.items():
        item.qty_shipped += qty
    order.state = state_after_documents(order.state, line_progress(order))
    order.status = default_status(order.state)
    session.flush()

    if request.notify:
        _send_shipment_mail(session, order, shipment)
    log.info(
        "shipment_created",
        order_id=order.entity_id,
        shipment_id=shipment.entity_id,
        source_code=source_code,
        qty=str(shipment.total_qty),
    )
    return shipment


def quantities_to_ship(
    order: Order, requested: Sequence[tuple[int, Decimal]]
) -> dict[OrderItem, Decimal]:
    """Magento's shipment checks; answer qty per order item, in request order."""
    refusal = shipment_refusal(order.state, line_progress(order))
    if refusal is not None:
        raise ShipmentValidationFailed([refusal.replace("%1", order.status)])
    if not requested:
        left = {item: _to_ship(item) for item in order.items}
        return {item: qty for item, qty in left.items() if qty > ZERO}

    by_id = {item.item_id: item for item in order.items}
    wanted: dict[int, Decimal] = {}
    for item_id, qty in requested:
        wanted[item_id] = wanted.get(item_id, ZERO) + qty
    reasons: list[str] = []
    chosen: dict[OrderItem, Decimal] = {}
    for item_id, qty in wanted.items():
        item = by_id.get(item_id)
        if item is None:
            reasons.append(f'We can not found item "{item_id}" in order.')
        elif qty <= ZERO or qty > _to_ship(item):
            reasons.append(
                f'We found an invalid quantity to ship for item "{item.name}".'
            )
        else:
            chosen[item] = qty
    if not chosen:
        reasons.append("You can't create a shipment without products.")
    if reasons:
        raise ShipmentValidationFailed(reasons)
    return chosen


def _to_ship(item: OrderItem) -> Decimal:
    return item_progress(item).to_ship


def _resolve_source(session: Session, order: Order, source_code: str | None) -> str:
    """The named source, or the stock's only source (Magento's single-source rule)."""
    linked = list(
        session.scalars(
            select(StockSourceLink.source_code)
            .where(StockSourceLink.stock_id == order.stock_id)
            .order_by(StockSourceLink.priority, StockSourceLink.link_id)
        )
    )
    if not source_code:
        if len(linked) != 1:
            raise SourceNotSpecified()
        return linked[0]
    if session.get(Source, source_code) is None:
        raise ShipmentSourceNotFound(parameters=[source_code])
    if source_code not in linked:
        raise SourceNotLinkedToStock(parameters=[source_code, order.stock_id])
    return source_code


def _take_from_source(
    session: Session,
    order: Order,
    source_code: str,
    quantities: dict[OrderItem, Decimal],
) -> None:
    """Deduct the managed SKUs and release their holds by the same amount."""
    per_sku: dict[str, Decimal] = {}
    for item, qty in quantities.items():
        per_sku[item.sku] = per_sku.get(item.sku, ZERO) + qty
    managed = managed_skus(session, per_sku)
    per_sku = {sku: qty for sku, qty in per_sku.items() if sku in managed}
    if not per_sku:
        return
    deduct_from_source(session, source_code, per_sku)
    metadata = order_metadata("shipment_created", order.entity_id, order.increment_id)
    append_reservations(
        session,
        [
            ReservationEntry(order.stock_id, sku, qty, metadata)
            for sku, qty in per_sku.items()
        ],
    )


def _record_shipment(
    session: Session,
    order: Order,
    source_code: str,
    quantities: dict[OrderItem, Decimal],
    request: ShipmentRequest,
) -> Shipment:
    addresses = {address.address_type: address.entity_id for address in order.addresses}
    shipment = Shipment(
        order_id=order.entity_id,
        increment_id=next_increment_id(session, "shipment", order.store_id),
        store_id=order.store_id,
        customer_id=order.customer_id,
        source_code=source_code,
        total_qty=sum(quantities.values(), ZERO),
        billing_address_id=addresses.get("billing"),
        shipping_address_id=addresses.get("shipping"),
        items=[_shipment_item(item, qty) for item, qty in quantities.items()],
        tracks=[ShipmentTrack(**asdict(track)) for track in request.tracks],
    )
    if request.comment:
        shipment.comments.append(
            ShipmentComment(
                comment=request.comment,
                is_customer_notified=int(request.notify),
                is_visible_on_front=request.comment_visible_on_front,
            )
        )
    session.add(shipment)
    session.flush()
    return shipment


def _shipment_item(item: OrderItem, qty: Decimal) -> ShipmentItem:
    return ShipmentItem(
        order_item_id=item.item_id,
        product_id=item.product_id,
        sku=item.sku,
        name=item.name,
        qty=qty,
        price=item.price,
        weight=item.weight,
    )


def _send_shipment_mail(session: Session, order: Order, shipment: Shipment) -> None:
    enqueue(
        session,
        "shipment",
        order.customer_email,
        f"Your order # {order.increment_id} has shipped",
        f"Shipment {shipment.increment_id} for order {order.increment_id}: "
        f"{shipment.total_qty} item(s).",
        reference=f"shipment:{shipment.entity_id}",
    )
    shipment.email_sent = 1


def get_shipment(session: Session, shipment_id: int) -> Shipment:
    shipment = session.get(Shipment, shipment_id)
    if shipment is None:
        raise ShipmentNotFound()
    return shipment


SHIPMENT_FIELDS = model_columns(
    Shipment,
    (
        "entity_id",
        "order_id",
        "increment_id",
        "store_id",
        "customer_id",
        "source_code",
        "total_qty",
        "created_at",
        "updated_at",
        "email_sent",
    ),
)


def search_shipments(session: Session, criteria: SearchCriteria) -> dict[str, object]:
    found, total = search(
        session, select(Shipment), criteria, SHIPMENT_FIELDS, Shipment.entity_id
    )
    return search_result([shipment_json(s) for s in found], criteria, total)
