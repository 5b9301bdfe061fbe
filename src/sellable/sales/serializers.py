"""Orders as Magento's REST objects (invoices, shipments: document_serializers).

Magento leaves out fields whose value is null; so do we.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sellable.sales.models import (
    Order,
    OrderAddress,
    OrderItem,
    OrderPayment,
    OrderStatusHistory,
)

ZERO = Decimal(0)
Json = dict[str, Any]


@dataclass(frozen=True)
class InvoicedTotals:
    """What the order's invoices add up to so far."""

    subtotal: Decimal = ZERO
    discount: Decimal = ZERO
    shipping: Decimal = ZERO
    tax: Decimal = ZERO


def magento_time(moment: datetime | None) -> str | None:
    """Magento prints UTC times as 'YYYY-MM-DD HH:MM:SS'."""
    return None if moment is None else moment.strftime("%Y-%m-%d %H:%M:%S")


def without_nulls(data: Mapping[str, Any]) -> Json:
    return {key: value for key, value in data.items() if value is not None}


def with_base(data: Mapping[str, Any], *names: str) -> Json:
    """Add the base_* twin of each money field (one currency: the same value)."""
    out = dict(data)
    for name in names:
        out[f"base_{name}"] = data[name]
    return out


@dataclass(frozen=True)
class RefundedTotals:
    """What the order's credit memos add up to (Magento prints none before one)."""

    subtotal: Decimal = ZERO
    discount: Decimal = ZERO
    shipping: Decimal = ZERO
    tax: Decimal = ZERO
    adjustment_positive: Decimal = ZERO
    adjustment_negative: Decimal = ZERO


def order_json(
    order: Order,
    invoiced: InvoicedTotals | None = None,
    refunded: RefundedTotals | None = None,
) -> Json:
    """salesDataOrderInterface."""
    invoiced = invoiced or InvoicedTotals()
    billing = order_address(order, "billing")
    data = with_base(_order_money(order, invoiced), *_ORDER_MONEY)
    if refunded is not None:
        data.update(with_base(_refunded_money(order, refunded), *_REFUNDED_MONEY))
    data.update(
        entity_id=order.entity_id,
        increment_id=order.increment_id,
        state=order.state,
        status=order.status,
        store_id=order.store_id,
        store_name=order.store_name,
        quote_id=order.quote_id,
        customer_id=order.customer_id,
        customer_email=order.customer_email,
        customer_firstname=order.customer_firstname,
        customer_lastname=order.customer_lastname,
        customer_group_id=order.customer_group_id,
        customer_is_guest=order.customer_is_guest,
        customer_note_notify=1,
        base_currency_code=order.order_currency_code,
        global_currency_code=order.order_currency_code,
        order_currency_code=order.order_currency_code,
        store_currency_code=order.order_currency_code,
        base_to_global_rate=1,
        base_to_order_rate=1,
        store_to_base_rate=0,
        store_to_order_rate=0,
        total_qty_ordered=order.total_qty_ordered,
        base_total_qty_ordered=order.total_qty_ordered,
        total_item_count=order.total_item_count,
        is_virtual=order.is_virtual,
        weight=order.weight,
        applied_rule_ids=order.applied_rule_ids,
        discount_description=order.discount_description,
        shipping_description=order.shipping_description,
        email_sent=order.email_sent,
        created_at=magento_time(order.created_at),
        updated_at=magento_time(order.updated_at),
        billing_address_id=billing.entity_id if billing else None,
        items=[order_item_json(item, order) for item in order.items],
        billing_address=address_json(billing) if billing else None,
        payment=payment_json(order.payment) if order.payment else None,
        status_histories=[history_json(entry) for entry in order.history],
        extension_attributes=_order_extension(order),
    )
    return without_nulls(data)


_ORDER_MONEY = (
    "subtotal",
    "subtotal_incl_tax",
    "discount_amount",
    "shipping_amount",
    "shipping_incl_tax",
    "shipping_discount_amount",
    "shipping_tax_amount",
    "tax_amount",
    "grand_total",
    "total_invoiced",
    "total_paid",
    "total_due",
    "total_refunded",
    "total_canceled",
    "subtotal_invoiced",
    "discount_invoiced",
    "shipping_invoiced",
    "tax_invoiced",
)


def _order_money(order: Order, invoiced: InvoicedTotals) -> Json:
    return {
        "subtotal": order.subtotal,
        "subtotal_incl_tax": order.subtotal + order.tax_amount,
        "discount_amount": order.discount_amount,
        "shipping_amount": order.shipping_amount,
        "shipping_incl_tax": order.shipping_amount,
        "shipping_discount_amount": order.shipping_discount_amount,
        "shipping_tax_amount": ZERO,
        "tax_amount": order.tax_amount,
        "grand_total": order.grand_total,
        "total_invoiced": order.total_invoiced,
        "total_paid": order.total_paid,
        "total_due": order.grand_total - order.total_paid,
        "total_refunded": order.total_refunded,
        "total_canceled": order.total_canceled,
        "subtotal_invoiced": invoiced.subtotal,
        "discount_invoiced": invoiced.discount,
        "shipping_invoiced": invoiced.shipping,
        "tax_invoiced": invoiced.tax,
    }


_REFUNDED_MONEY = (
    "subtotal_refunded",
    "discount_refunded",
    "shipping_refunded",
    "tax_refunded",
    "adjustment_positive",
    "adjustment_negative",
    "total_offline_refunded",
)


def _refunded_money(order: Order, refunded: RefundedTotals) -> Json:
    """Every sellable refund is offline, so total_offline_refunded is the total."""
    return {
        "subtotal_refunded": refunded.subtotal,
        "discount_refunded": refunded.discount,
        "shipping_refunded": refunded.shipping,
        "tax_refunded": refunded.tax,
        "adjustment_positive": refunded.adjustment_positive,
        "adjustment_negative": refunded.adjustment_negative,
        "total_offline_refunded": order.total_refunded,
    }


def order_address(order: Order, address_type: str) -> OrderAddress | None:
    found = [a for a in order.addresses if a.address_type == address_type]
    return found[0] if found else None


def _order_extension(order: Order) -> Json:
    shipping = order_address(order, "shipping")
    assignment = {
        "shipping": without_nulls(
            {
                "address": address_json(shipping) if shipping else None,
                "method": order.shipping_method,
                "total": with_base(_shipping_total(order), *_SHIPPING_TOTAL),
            }
        ),
        "items": [order_item_json(item, order) for item in order.items],
        "stock_id": order.stock_id,
    }
    extension: Json = {
        "shipping_assignments": [assignment],
        "payment_additional_info": _payment_info(order.payment),
        "applied_taxes": [],
        "item_applied_taxes": [],
    }
    if order.pickup_location_code:
        extension["pickup_location_code"] = order.pickup_location_code
    return extension


_SHIPPING_TOTAL = (
    "shipping_amount",
    "shipping_discount_amount",
    "shipping_incl_tax",
    "shipping_tax_amount",
)


def _shipping_total(order: Order) -> Json:
    return {
        "shipping_amount": order.shipping_amount,
        "shipping_discount_amount": order.shipping_discount_amount,
        "shipping_incl_tax": order.shipping_amount,
        "shipping_tax_amount": ZERO,
    }


def _payment_info(payment: OrderPayment | None) -> list[Json]:
    if payment is None:
        return []
    return [
        {"key": "method_title", "value": str(v)}
        for v in payment.additional_information[:1]
    ]


def order_item_json(item: OrderItem, order: Order) -> Json:
    """salesDataOrderItemInterface."""
    data = with_base(
        {
            "price": item.price,
            "original_price": item.original_price,
            "price_incl_tax": item.price,
            "row_total": item.row_total,
            "row_total_incl_tax": item.row_total + item.tax_amount,
            "row_invoiced": item.row_invoiced,
            "discount_amount": item.discount_amount,
            "discount_invoiced": item.discount_invoiced,
            "amount_refunded": item.amount_refunded,
            "tax_amount": item.tax_amount,
        },
        "price",
        "original_price",
        "price_incl_tax",
        "row_total",
        "row_total_incl_tax",
        "row_invoiced",
        "discount_amount",
        "discount_invoiced",
        "amount_refunded",
        "tax_amount",
    )
    data.update(
        item_id=item.item_id,
        order_id=item.order_id,
        quote_item_id=item.quote_item_id,
        store_id=order.store_id,
        product_id=item.product_id,
        sku=item.sku,
        name=item.name,
        product_type=item.product_type,
        is_virtual=item.is_virtual,
        is_qty_decimal=0,
        no_discount=0,
        free_shipping=0,
        weight=item.weight,
        row_weight=None if item.weight is None else item.weight * item.qty_ordered,
        qty_ordered=item.qty_ordered,
        qty_invoiced=item.qty_invoiced,
        qty_shipped=item.qty_shipped,
        qty_refunded=item.qty_refunded,
        qty_canceled=item.qty_canceled,
        discount_percent=item.discount_percent,
        tax_percent=ZERO,
        applied_rule_ids=item.applied_rule_ids,
        created_at=magento_time(item.created_at),
        updated_at=magento_time(item.created_at),
        product_option=_product_option(item),
    )
    return without_nulls(data)


def _product_option(item: OrderItem) -> Json | None:
    """Pass through an option block already in Magento's shape."""
    options = item.product_options or {}
    option = options.get("product_option")
    return option if isinstance(option, dict) else None


def address_json(address: OrderAddress) -> Json:
    """salesDataOrderAddressInterface."""
    return without_nulls(
        {
            "entity_id": address.entity_id,
            "parent_id": address.parent_id,
            "address_type": address.address_type,
            "customer_address_id": address.customer_address_id,
            "email": address.email,
            "firstname": address.firstname,
            "lastname": address.lastname,
            "company": address.company,
            "street": list(address.street or []),
            "city": address.city,
            "region": address.region,
            "region_id": address.region_id,
            "region_code": address.region_code,
            "postcode": address.postcode,
            "country_id": address.country_id,
            "telephone": address.telephone,
        }
    )


def payment_json(payment: OrderPayment) -> Json:
    """salesDataOrderPaymentInterface."""
    data = with_base(
        {
            "amount_ordered": payment.amount_ordered,
            "amount_paid": payment.amount_paid,
            "amount_refunded": payment.amount_refunded,
            "shipping_amount": payment.shipping_amount,
        },
        "amount_ordered",
        "amount_paid",
        "amount_refunded",
        "shipping_amount",
    )
    data.update(
        entity_id=payment.entity_id,
        parent_id=payment.parent_id,
        method=payment.method,
        po_number=payment.po_number,
        additional_information=list(payment.additional_information or []),
    )
    # Required by the interface, so Magento prints them even when null.
    return {**without_nulls(data), "account_status": None, "cc_last4": None}


def history_json(entry: OrderStatusHistory) -> Json:
    """A status history entry; `comment` is required, so printed even when null."""
    return {"comment": entry.comment} | without_nulls(
        {
            "entity_id": entry.entity_id,
            "parent_id": entry.parent_id,
            "status": entry.status,
            "entity_name": entry.entity_name,
            "is_customer_notified": entry.is_customer_notified,
            "is_visible_on_front": entry.is_visible_on_front,
            "created_at": magento_time(entry.created_at),
        }
    )
