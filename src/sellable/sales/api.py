"""REST routes of this area: orders, invoices, shipments, pickup notices."""

from typing import Annotated, Any

from fastapi import APIRouter

from sellable.auth.service import Caller
from sellable.kit.errors import InputError
from sellable.kit.responses import MagentoJSONResponse
from sellable.kit.web import Criteria, DbSession, admin_for
from sellable.sales import cancellation, invoicing, orders, pickup_notify, shipping
from sellable.sales.document_serializers import shipment_json
from sellable.sales.schemas import (
    InvoiceOrder,
    NotifyOrdersReadyForPickup,
    ShipmentSave,
    ShipOrder,
)

router = APIRouter()

SalesReader = Annotated[Caller, admin_for("Magento_Sales::sales")]
Invoicer = Annotated[Caller, admin_for("Magento_Sales::invoice")]
Shipper = Annotated[Caller, admin_for("Magento_Sales::ship")]
Canceller = Annotated[Caller, admin_for("Magento_Sales::cancel")]
Holder = Annotated[Caller, admin_for("Magento_Sales::hold")]
PickupNotifier = Annotated[
    Caller,
    admin_for("Magento_InventoryInStorePickupApi::notify_orders_are_ready_for_pickup"),
]


@router.get("/V1/orders/{order_id}")
def get_order(order_id: int, session: DbSession, _: SalesReader) -> MagentoJSONResponse:
    """Read one order."""
    return MagentoJSONResponse(orders.order_view(session, order_id))


@router.get("/V1/orders")
def search_orders(
    session: DbSession, criteria: Criteria, _: SalesReader
) -> MagentoJSONResponse:
    """Search orders with searchCriteria."""
    return MagentoJSONResponse(orders.search_orders(session, criteria))


@router.post("/V1/order/{order_id}/invoice")
def invoice_order(
    order_id: int, session: DbSession, _: Invoicer, body: InvoiceOrder | None = None
) -> int:
    """Invoice the order, fully or by items; answer the invoice id."""
    body = body or InvoiceOrder()
    items = None if body.items is None else _quantities(body.items)
    request = invoicing.InvoiceRequest(items, body.capture, body.notify)
    return invoicing.invoice_order(session, order_id, request).entity_id


@router.get("/V1/invoices/{invoice_id}")
def get_invoice(
    invoice_id: int, session: DbSession, _: SalesReader
) -> MagentoJSONResponse:
    """Read one invoice."""
    return MagentoJSONResponse(invoicing.invoice_view(session, invoice_id))


@router.get("/V1/invoices")
def search_invoices(
    session: DbSession, criteria: Criteria, _: SalesReader
) -> MagentoJSONResponse:
    """Search invoices with searchCriteria."""
    return MagentoJSONResponse(invoicing.search_invoices(session, criteria))


@router.post("/V1/order/{order_id}/ship")
def ship_order(
    order_id: int, session: DbSession, _: Shipper, body: ShipOrder | None = None
) -> int:
    """Ship from one source; answer the shipment id."""
    body = body or ShipOrder()
    request = shipping.ShipmentRequest(
        items=[(item.order_item_id, item.qty) for item in body.items],
        source_code=body.source_code,
        notify=body.notify,
        comment=body.comment.comment if body.comment else None,
        comment_visible_on_front=body.comment.is_visible_on_front
        if body.comment
        else 0,
        tracks=[shipping.Track(**track.model_dump()) for track in body.tracks],
    )
    return shipping.ship_order(session, order_id, request).entity_id


@router.post("/V1/shipment")
@router.post("/V1/shipment/", include_in_schema=False)
def save_shipment(
    body: ShipmentSave, session: DbSession, _: Shipper
) -> MagentoJSONResponse:
    """Magento's raw shipment save, with the same checks as ship (no duplicates)."""
    entity = body.entity
    if entity.entity_id is not None:
        raise InputError("A shipment cannot be changed once it is created.")
    if not entity.items:
        raise InputError("You can't create a shipment without products.")
    comment = entity.comments[0] if entity.comments else None
    request = shipping.ShipmentRequest(
        items=[(item.order_item_id, item.qty) for item in entity.items],
        source_code=entity.extension_attributes.source_code
        if entity.extension_attributes
        else None,
        comment=comment.comment if comment else None,
        comment_visible_on_front=comment.is_visible_on_front if comment else 0,
        tracks=[shipping.Track(**track.model_dump()) for track in entity.tracks],
    )
    return MagentoJSONResponse(
        shipment_json(shipping.ship_order(session, entity.order_id, request))
    )


@router.get("/V1/shipment/{shipment_id}")
def get_shipment(
    shipment_id: int, session: DbSession, _: SalesReader
) -> MagentoJSONResponse:
    """Read one shipment, with its source code."""
    return MagentoJSONResponse(
        shipment_json(shipping.get_shipment(session, shipment_id))
    )


@router.get("/V1/shipments")
def search_shipments(
    session: DbSession, criteria: Criteria, _: SalesReader
) -> MagentoJSONResponse:
    """Search shipments with searchCriteria."""
    return MagentoJSONResponse(shipping.search_shipments(session, criteria))


@router.post("/V1/order/notify-orders-are-ready-for-pickup")
def notify_ready_for_pickup(
    body: NotifyOrdersReadyForPickup, session: DbSession, _: PickupNotifier
) -> MagentoJSONResponse:
    """Ship pickup orders from their location and email the customers."""
    return MagentoJSONResponse(
        pickup_notify.notify_orders_ready_for_pickup(session, body.orderIds)
    )


@router.post("/V1/orders/{order_id}/cancel")
def cancel_order(order_id: int, session: DbSession, _: Canceller) -> bool:
    """Cancel the order and release its unshipped, uninvoiced holds."""
    cancellation.cancel_order(session, order_id)
    return True


@router.post("/V1/orders/{order_id}/hold")
def hold_order(order_id: int, session: DbSession, _: Holder) -> bool:
    """Put the order on hold."""
    cancellation.hold_order(session, order_id)
    return True


@router.post("/V1/orders/{order_id}/unhold")
def unhold_order(order_id: int, session: DbSession, _: Holder) -> bool:
    """Release the hold."""
    cancellation.unhold_order(session, order_id)
    return True


def _quantities(items: list[Any]) -> dict[int, Any]:
    found: dict[int, Any] = {}
    for item in items:
        found[item.order_item_id] = found.get(item.order_item_id, 0) + item.qty
    return found
