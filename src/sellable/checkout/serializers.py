"""Carts, items, totals, shipping and payment methods as Magento JSON."""

import json
from datetime import datetime
from decimal import Decimal
from typing import Any

from sellable.checkout.models import Cart, CartAddress, CartItem
from sellable.checkout.payment import PaymentMethod
from sellable.checkout.shipping import ShippingRate
from sellable.checkout.totals import CartTotals, LineTotals
from sellable.customer.models import Customer
from sellable.salesrule.discount import RuleShare

Json = dict[str, Any]
ZERO = Decimal(0)
CURRENCY = "USD"


def _time(moment: datetime | None) -> str | None:
    return None if moment is None else moment.strftime("%Y-%m-%d %H:%M:%S")


def cart_item_json(item: CartItem, entry: LineTotals | None) -> Json:
    """quoteDataCartItemInterface, with the rule discounts of the line."""
    data: Json = {
        "item_id": item.item_id,
        "sku": item.sku,
        "qty": item.qty,
        "name": item.name,
        "price": item.price,
        "product_type": item.product_type,
        "quote_id": str(item.quote_id),
    }
    if item.product_option:
        data["product_option"] = item.product_option
    shares = entry.discount.shares if entry else []
    data["extension_attributes"] = (
        {"discounts": [_share(s) for s in shares]} if shares else {}
    )
    return data


def _share(share: RuleShare) -> Json:
    amount = share.amount
    return {
        "discount_data": {
            "amount": amount,
            "base_amount": amount,
            "original_amount": amount,
            "base_original_amount": amount,
        },
        "rule_label": share.label,
        "rule_i_d": share.rule_id,
    }


def cart_json(cart: Cart, customer: Customer | None, totals: CartTotals) -> Json:
    """quoteDataCartInterface."""
    entries = {entry.line.item_id: entry for entry in totals.lines}
    billing = next((a for a in cart.addresses if a.address_type == "billing"), None)
    data: Json = {
        "id": cart.entity_id,
        "created_at": _time(cart.created_at),
        "updated_at": _time(cart.updated_at),
        "is_active": cart.is_active,
        "is_virtual": totals.is_virtual,
        "items": [
            cart_item_json(item, entries.get(item.item_id)) for item in cart.items
        ],
        "items_count": len(cart.items),
        "items_qty": totals.items_qty,
        "customer": _customer(customer),
        "orig_order_id": 0,
        "currency": _currency(),
        "customer_is_guest": cart.customer_is_guest,
        "customer_note_notify": True,
        "customer_tax_class_id": 3,
        "store_id": cart.store_id,
    }
    if billing is not None:
        data["billing_address"] = address_json(billing, cart)
    if cart.reserved_order_id:
        data["reserved_order_id"] = cart.reserved_order_id
    return data


def _customer(customer: Customer | None) -> Json:
    if customer is None:
        return {"email": None, "firstname": None, "lastname": None}
    return {
        "id": customer.entity_id,
        "group_id": customer.group_id,
        "email": customer.email,
        "firstname": customer.firstname,
        "lastname": customer.lastname,
        "store_id": customer.store_id,
        "website_id": customer.website_id,
    }


def _currency() -> Json:
    return {
        "global_currency_code": CURRENCY,
        "base_currency_code": CURRENCY,
        "store_currency_code": CURRENCY,
        "quote_currency_code": CURRENCY,
        "store_to_base_rate": 0,
        "store_to_quote_rate": 0,
        "base_to_global_rate": 1,
        "base_to_quote_rate": 1,
    }


def address_json(address: CartAddress, cart: Cart) -> Json:
    """quoteDataAddressInterface."""
    data: Json = {
        "id": address.address_id,
        "region": address.region,
        "region_id": address.region_id,
        "region_code": address.region_code,
        "country_id": address.country_id,
        "street": list(address.street or []),
        "company": address.company,
        "telephone": address.telephone,
        "postcode": address.postcode,
        "city": address.city,
        "firstname": address.firstname,
        "lastname": address.lastname,
        "customer_id": cart.customer_id,
        "email": address.email,
        "same_as_billing": address.same_as_billing,
        "customer_address_id": address.customer_address_id,
        "save_in_address_book": 0,
    }
    if address.pickup_location_code:
        data["extension_attributes"] = {
            "pickup_location_code": address.pickup_location_code
        }
    return {key: value for key, value in data.items() if value is not None}


def totals_json(totals: CartTotals) -> Json:
    """quoteDataTotalsInterface with its total segments."""
    shipping_incl = totals.shipping
    return {
        **_twin("grand_total", totals.grand_total),
        **_twin("subtotal", totals.subtotal),
        **_twin("discount_amount", -totals.discount),
        **_twin("subtotal_with_discount", totals.subtotal_with_discount),
        **_twin("shipping_amount", totals.shipping),
        **_twin("shipping_discount_amount", totals.shipping_discount),
        **_twin("tax_amount", ZERO),
        "weee_tax_applied_amount": None,
        **_twin("shipping_tax_amount", ZERO),
        **_twin("subtotal_incl_tax", totals.subtotal),
        **_twin("shipping_incl_tax", shipping_incl),
        "base_currency_code": CURRENCY,
        "quote_currency_code": CURRENCY,
        # quoteDataTotalsInterface types items_qty as int; Magento casts it so.
        "items_qty": int(totals.items_qty),
        "items": [_totals_item(entry) for entry in totals.lines],
        "total_segments": total_segments(totals),
    }


def _twin(name: str, value: Decimal) -> Json:
    return {name: value, f"base_{name}": value}


def _totals_item(entry: LineTotals) -> Json:
    line, discount = entry.line, entry.discount
    return {
        "item_id": line.item_id,
        **_twin("price", line.price),
        "qty": line.qty,
        **_twin("row_total", line.row_total),
        "row_total_with_discount": ZERO,
        **_twin("tax_amount", ZERO),
        "tax_percent": ZERO,
        **_twin("discount_amount", discount.amount),
        "discount_percent": discount.percent,
        **_twin("price_incl_tax", line.price),
        **_twin("row_total_incl_tax", line.row_total),
        "options": json.dumps(line.options, separators=(",", ":"), ensure_ascii=False),
        "weee_tax_applied_amount": None,
        "weee_tax_applied": None,
        "name": line.name,
    }


def total_segments(totals: CartTotals) -> list[Json]:
    """Magento's segments: subtotal, shipping, discount (when any), tax, grand total."""
    segments: list[Json] = [
        {"code": "subtotal", "title": "Subtotal", "value": totals.subtotal}
    ]
    if not totals.is_virtual:
        segments.append(
            {
                "code": "shipping",
                "title": shipping_title(totals.rate),
                "value": totals.shipping,
            }
        )
    if totals.discount or totals.shipping_discount:
        segments.append(
            {
                "code": "discount",
                "title": discount_title(totals),
                "value": -(totals.discount + totals.shipping_discount),
            }
        )
    segments.append(
        {
            "code": "tax",
            "title": "Tax",
            "value": ZERO,
            "extension_attributes": {"tax_grandtotal_details": []},
        }
    )
    segments.append(
        {
            "code": "grand_total",
            "title": "Grand Total",
            "value": totals.grand_total,
            "area": "footer",
        }
    )
    return segments


def shipping_title(rate: ShippingRate | None) -> str:
    if rate is None:
        return "Shipping & Handling"
    return f"Shipping & Handling ({rate.description})"


def discount_title(totals: CartTotals) -> str:
    description = totals.discount_description
    return f"Discount ({description})" if description else "Discount"


def shipping_method_json(rate: ShippingRate) -> Json:
    """quoteDataShippingMethodInterface."""
    return {
        "carrier_code": rate.carrier_code,
        "method_code": rate.method_code,
        "carrier_title": rate.carrier_title,
        "method_title": rate.method_title,
        "amount": rate.amount,
        "base_amount": rate.amount,
        "available": True,
        "error_message": "",
        "price_excl_tax": rate.amount,
        "price_incl_tax": rate.amount,
    }


def payment_method_json(method: PaymentMethod) -> Json:
    return {"code": method.code, "title": method.title}


def payment_details_json(methods: list[PaymentMethod], totals: CartTotals) -> Json:
    """checkoutDataPaymentDetailsInterface."""
    return {
        "payment_methods": [payment_method_json(m) for m in methods],
        "totals": totals_json(totals),
    }
