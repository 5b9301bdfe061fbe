"""Invoices and shipments as Magento's REST objects."""

from decimal import Decimal

from sellable.sales.models import (
    Invoice,
    InvoiceItem,
    Order,
    Shipment,
    ShipmentComment,
    ShipmentItem,
    ShipmentTrack,
)
from sellable.sales.serializers import (
    Json,
    magento_time,
    order_address,
    with_base,
    without_nulls,
)

ZERO = Decimal(0)


def invoice_json(invoice: Invoice, order: Order) -> Json:
    """salesDataInvoiceInterface."""
    data = with_base(
        {
            "subtotal": invoice.subtotal,
            "subtotal_incl_tax": invoice.subtotal + invoice.tax_amount,
            "discount_amount": invoice.discount_amount,
            "shipping_amount": invoice.shipping_amount,
            "shipping_incl_tax": invoice.shipping_amount,
            "shipping_tax_amount": ZERO,
            "tax_amount": invoice.tax_amount,
            "grand_total": invoice.grand_total,
        },
        "subtotal",
        "subtotal_incl_tax",
        "discount_amount",
        "shipping_amount",
        "shipping_incl_tax",
        "shipping_tax_amount",
        "tax_amount",
        "grand_total",
    )
    billing = order_address(order, "billing")
    shipping = order_address(order, "shipping")
    data.update(
        entity_id=invoice.entity_id,
        increment_id=invoice.increment_id,
        order_id=invoice.order_id,
        store_id=invoice.store_id,
        state=invoice.state,
        total_qty=invoice.total_qty,
        email_sent=invoice.email_sent,
        base_currency_code=order.order_currency_code,
        global_currency_code=order.order_currency_code,
        order_currency_code=order.order_currency_code,
        store_currency_code=order.order_currency_code,
        base_to_global_rate=1,
        base_to_order_rate=1,
        store_to_base_rate=0,
        store_to_order_rate=0,
        billing_address_id=billing.entity_id if billing else None,
        shipping_address_id=shipping.entity_id if shipping else None,
        created_at=magento_time(invoice.created_at),
        updated_at=magento_time(invoice.updated_at),
        items=[invoice_item_json(item) for item in invoice.items],
        comments=[],
    )
    return without_nulls(data)


def invoice_item_json(item: InvoiceItem) -> Json:
    data = with_base(
        {
            "price": item.price,
            "price_incl_tax": item.price,
            "row_total": item.row_total,
            "row_total_incl_tax": item.row_total + item.tax_amount,
            "discount_amount": item.discount_amount,
            "tax_amount": item.tax_amount,
        },
        "price",
        "price_incl_tax",
        "row_total",
        "row_total_incl_tax",
        "discount_amount",
        "tax_amount",
    )
    data.update(
        entity_id=item.entity_id,
        parent_id=item.parent_id,
        order_item_id=item.order_item_id,
        product_id=item.product_id,
        sku=item.sku,
        name=item.name,
        qty=item.qty,
    )
    return without_nulls(data)


def shipment_json(shipment: Shipment) -> Json:
    """salesDataShipmentInterface, with MSI's source_code extension."""
    return without_nulls(
        {
            "entity_id": shipment.entity_id,
            "increment_id": shipment.increment_id,
            "order_id": shipment.order_id,
            "store_id": shipment.store_id,
            "customer_id": shipment.customer_id,
            "billing_address_id": shipment.billing_address_id,
            "shipping_address_id": shipment.shipping_address_id,
            "total_qty": shipment.total_qty,
            "email_sent": shipment.email_sent,
            "created_at": magento_time(shipment.created_at),
            "updated_at": magento_time(shipment.updated_at),
            "items": [shipment_item_json(item) for item in shipment.items],
            "tracks": [track_json(track, shipment) for track in shipment.tracks],
            "comments": [comment_json(c) for c in shipment.comments],
            "packages": [],
            "extension_attributes": {"source_code": shipment.source_code},
        }
    )


def shipment_item_json(item: ShipmentItem) -> Json:
    return without_nulls(
        {
            "entity_id": item.entity_id,
            "parent_id": item.parent_id,
            "order_item_id": item.order_item_id,
            "product_id": item.product_id,
            "sku": item.sku,
            "name": item.name,
            "qty": item.qty,
            "price": item.price,
            "row_total": item.price * item.qty,
            "weight": item.weight,
        }
    )


def track_json(track: ShipmentTrack, shipment: Shipment) -> Json:
    return without_nulls(
        {
            "entity_id": track.entity_id,
            "parent_id": track.parent_id,
            "order_id": shipment.order_id,
            "track_number": track.track_number,
            "title": track.title,
            "carrier_code": track.carrier_code,
        }
    )


def comment_json(comment: ShipmentComment) -> Json:
    return without_nulls(
        {
            "entity_id": comment.entity_id,
            "parent_id": comment.parent_id,
            "comment": comment.comment,
            "is_customer_notified": comment.is_customer_notified,
            "is_visible_on_front": comment.is_visible_on_front,
            "created_at": magento_time(comment.created_at),
        }
    )
