"""REST routes of this area: orders, invoices, shipments, credit memos, pickup.

Ship, invoice, refund and pickup notify honour an `Idempotency-Key` header.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Header

from sellable.auth.service import Caller
from sellable.inventory import ledger_check
from sellable.inventory.ledger_check_domain import Inconsistency
from sellable.kit.errors import InputError
from sellable.kit.idempotency import HEADER, idempotent_call, run_once
from sellable.kit.responses import MagentoJSONResponse
from sellable.kit.web import Criteria, DbSession, admin_for
from sellable.sales import (
    cancellation,
    creditmemos,
    invoicing,
    orders,
    pickup_notify,
    refunds,
    shipping,
)
from sellable.sales.document_serializers import shipment_json
from sellable.sales.schemas import (
    CreditMemoArguments,
    InvoiceOrder,
    NotifyOrdersReadyForPickup,
    RefundOrder,
    ShipmentSave,
    ShipOrder,
)

router = APIRouter()

SalesReader = Annotated[Caller, admin_for("Magento_Sales::sales")]
Invoicer = Annotated[Caller, admin_for("Magento_Sales::invoice")]
Shipper = Annotated[Caller, admin_for("Magento_Sales::ship")]
Canceller = Annotated[Caller, admin_for("Magento_Sales::cancel")]
Holder = Annotated[Caller, admin_for("Magento_Sales::hold")]
Refunder = Annotated[Caller, admin_for("Magento_Sales::creditmemo")]
LedgerReader = Annotated[Caller, admin_for("Magento_InventoryApi::stock")]
PickupNotifier = Annotated[
    Caller,
    admin_for("Magento_InventoryInStorePickupApi::notify_orders_are_ready_for_pickup"),
]
IdempotencyKey = Annotated[str | None, Header(alias=HEADER)]


def _once_per_key(
    caller: Caller, route: str, key: str | None, payload: dict[str, Any]
) -> Any:
    return idempotent_call(key, f"{caller.user_type}:{caller.user_id}", route, payload)


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


@router.post("/V1/order/{order_id}/invoice", response_model=int)
def invoice_order(
    order_id: int,
    session: DbSession,
    caller: Invoicer,
    key: IdempotencyKey = None,
    body: InvoiceOrder | None = None,
) -> MagentoJSONResponse:
    """Invoice the order, fully or by items; answer the invoice id."""
    body = body or InvoiceOrder()
    items = None if body.items is None else _quantities(body.items)
    request = invoicing.InvoiceRequest(items, body.capture, body.notify)
    call = _once_per_key(
        caller, "POST /V1/order/{id}/invoice", key, _payload(order_id, body)
    )
    return run_once(
        session,
        call,
        lambda: invoicing.invoice_order(session, order_id, request).entity_id,
    )


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


@router.post("/V1/order/{order_id}/ship", response_model=int)
def ship_order(
    order_id: int,
    session: DbSession,
    caller: Shipper,
    key: IdempotencyKey = None,
    body: ShipOrder | None = None,
) -> MagentoJSONResponse:
    """Ship from one source; answer the shipment id."""
    body = body or ShipOrder()
    call = _once_per_key(
        caller, "POST /V1/order/{id}/ship", key, _payload(order_id, body)
    )
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
    return run_once(
        session, call, lambda: shipping.ship_order(session, order_id, request).entity_id
    )


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
    body: NotifyOrdersReadyForPickup,
    session: DbSession,
    caller: PickupNotifier,
    key: IdempotencyKey = None,
) -> MagentoJSONResponse:
    """Ship pickup orders from their location and email the customers."""
    route = "POST /V1/order/notify-orders-are-ready-for-pickup"
    call = _once_per_key(caller, route, key, body.model_dump(mode="json"))
    return run_once(
        session,
        call,
        lambda: pickup_notify.notify_orders_ready_for_pickup(session, body.orderIds),
    )


@router.post("/V1/order/{order_id}/refund", response_model=int)
def refund_order(
    order_id: int,
    session: DbSession,
    caller: Refunder,
    key: IdempotencyKey = None,
    body: RefundOrder | None = None,
) -> MagentoJSONResponse:
    """Create an offline credit memo for the order; answer its id."""
    body = body or RefundOrder()
    call = _once_per_key(
        caller, "POST /V1/order/{id}/refund", key, _payload(order_id, body)
    )
    request = _refund_request(body)
    return run_once(
        session,
        call,
        lambda: refunds.refund_order(session, order_id, request).entity_id,
    )


@router.post("/V1/invoice/{invoice_id}/refund", response_model=int)
def refund_invoice(
    invoice_id: int,
    session: DbSession,
    caller: Refunder,
    key: IdempotencyKey = None,
    body: RefundOrder | None = None,
) -> MagentoJSONResponse:
    """Create an offline credit memo within one invoice; answer its id."""
    body = body or RefundOrder()
    call = _once_per_key(
        caller, "POST /V1/invoice/{id}/refund", key, _payload(invoice_id, body)
    )
    request = _refund_request(body)
    return run_once(
        session,
        call,
        lambda: refunds.refund_invoice(session, invoice_id, request).entity_id,
    )


@router.get("/V1/creditmemo/{creditmemo_id}")
def get_creditmemo(
    creditmemo_id: int, session: DbSession, _: SalesReader
) -> MagentoJSONResponse:
    """Read one credit memo."""
    return MagentoJSONResponse(creditmemos.creditmemo_view(session, creditmemo_id))


@router.get("/V1/creditmemos")
def search_creditmemos(
    session: DbSession, criteria: Criteria, _: SalesReader
) -> MagentoJSONResponse:
    """Search credit memos with searchCriteria."""
    return MagentoJSONResponse(creditmemos.search_creditmemos(session, criteria))


def _refund_request(body: RefundOrder) -> refunds.RefundRequest:
    arguments = body.arguments or CreditMemoArguments()
    return refunds.RefundRequest(
        items=_quantities(body.items) if body.items else None,
        notify=body.notify,
        shipping_amount=arguments.shipping_amount,
        adjustment_positive=arguments.adjustment_positive,
        adjustment_negative=arguments.adjustment_negative,
        return_to_stock_items=frozenset(body.return_to_stock_items),
        comment=body.comment.comment if body.comment else None,
        comment_visible_on_front=body.comment.is_visible_on_front
        if body.comment
        else 0,
    )


def _payload(entity_id: int, body: Any) -> dict[str, Any]:
    return {"id": entity_id, "body": body.model_dump(mode="json")}


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


@router.get("/V1/inventory/reservations/inconsistencies")
def reservation_inconsistencies(
    session: DbSession, _: LedgerReader
) -> MagentoJSONResponse:
    """Orders whose reservations do not net as their documents say (sellable's own).

    Served here rather than in inventory's router because it reads orders.
    """
    found = ledger_check.find_inconsistencies(session)
    return MagentoJSONResponse([_inconsistency_json(item) for item in found])


def _inconsistency_json(item: Inconsistency) -> dict[str, Any]:
    return {
        "order_id": item.order_id,
        "order_increment_id": item.increment_id,
        "order_state": item.state,
        "stock_id": item.stock_id,
        "sku": item.sku,
        "expected": item.expected,
        "actual": item.actual,
        "compensation": item.compensation,
        "line": item.magento_line(),
    }
