"""REST routes of guest carts (`/V1/guest-carts/...`): anyone holding the id.

Each route finds the cart by its masked id and calls the same services as
the customer's cart, with no customer.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Path

from sellable.checkout import addresses, guest, items, quote
from sellable.checkout import serializers as out
from sellable.checkout.models import Cart, CartItem
from sellable.checkout.payment import available_methods
from sellable.checkout.schemas import (
    BillingAddressBody,
    CartItemBody,
    EstimateBody,
    GuestPaymentInformationBody,
    ShippingInformationBody,
)
from sellable.kit.web import DbSession, Scope

router = APIRouter(tags=["guest-carts"])
Json = dict[str, Any]
CartId = Annotated[str, Path(alias="cartId", max_length=32)]
ItemId = Annotated[int, Path(alias="itemId", ge=0, lt=2**31)]


def _item_json(session: DbSession, cart: Cart, item: CartItem) -> Json:
    totals = quote.collect(session, cart)
    entry = next((e for e in totals.lines if e.line.item_id == item.item_id), None)
    return _masked(out.cart_item_json(item, entry), cart)


def _masked(data: Json, cart: Cart) -> Json:
    """Magento shows a guest the masked id, never the cart's number."""
    return {**data, "quote_id": cart.masked_id}


def _details(session: DbSession, cart: Cart) -> Json:
    totals = quote.collect(session, cart)
    methods = available_methods(session, cart.store_id, totals.grand_total)
    return out.payment_details_json(methods, totals)


@router.post("/V1/guest-carts", response_model=None)
def create_cart(session: DbSession, scope: Scope) -> str:
    """Open a guest cart; answer its masked id."""
    return str(guest.create_guest_cart(session, scope).masked_id)


@router.get("/V1/guest-carts/{cartId}", response_model=None)
def get_cart(session: DbSession, cart_id: CartId) -> Json:
    """The guest cart."""
    cart = guest.guest_cart(session, cart_id)
    return out.cart_json(cart, None, quote.collect(session, cart))


@router.get("/V1/guest-carts/{cartId}/items", response_model=None)
def list_items(session: DbSession, cart_id: CartId) -> list[Json]:
    """The items of the guest cart."""
    cart = guest.guest_cart(session, cart_id)
    entries = {e.line.item_id: e for e in quote.collect(session, cart).lines}
    return [
        _masked(out.cart_item_json(item, entries.get(item.item_id)), cart)
        for item in cart.items
    ]


@router.post("/V1/guest-carts/{cartId}/items", response_model=None)
def add_item(body: CartItemBody, session: DbSession, cart_id: CartId) -> Json:
    """Add a product to the guest cart (the path names the cart, not the body)."""
    cart = guest.guest_cart(session, cart_id)
    given = body.cart_item
    item = items.add_item(session, cart, given.sku, given.qty, given.product_option)
    return _item_json(session, cart, item)


@router.put("/V1/guest-carts/{cartId}/items/{itemId}", response_model=None)
def update_item(
    body: CartItemBody, session: DbSession, cart_id: CartId, item_id: ItemId
) -> Json:
    """Change the quantity of a guest cart item."""
    cart = guest.guest_cart(session, cart_id)
    item = items.update_item(session, cart, item_id, body.cart_item.qty)
    return _item_json(session, cart, item)


@router.delete("/V1/guest-carts/{cartId}/items/{itemId}", response_model=None)
def remove_item(session: DbSession, cart_id: CartId, item_id: ItemId) -> bool:
    """Remove an item from the guest cart."""
    items.remove_item(session, guest.guest_cart(session, cart_id), item_id)
    return True


@router.get("/V1/guest-carts/{cartId}/totals", response_model=None)
def get_totals(session: DbSession, cart_id: CartId) -> Json:
    """Subtotal, discount, shipping, tax and grand total of the guest cart."""
    cart = guest.guest_cart(session, cart_id)
    return out.totals_json(quote.collect(session, cart))


@router.post("/V1/guest-carts/{cartId}/estimate-shipping-methods", response_model=None)
def estimate_shipping(
    body: EstimateBody, session: DbSession, cart_id: CartId
) -> list[Json]:
    """The shipping methods the guest cart can use, with their prices."""
    cart = guest.guest_cart(session, cart_id)
    return [
        out.shipping_method_json(rate) for rate in quote.available_rates(session, cart)
    ]


@router.post("/V1/guest-carts/{cartId}/shipping-information", response_model=None)
def set_shipping_information(
    body: ShippingInformationBody, session: DbSession, cart_id: CartId
) -> Json:
    """Set the shipping address and method; answer payment methods and totals."""
    cart = guest.guest_cart(session, cart_id)
    addresses.set_shipping_information(session, cart, None, body.address_information)
    return _details(session, cart)


@router.get("/V1/guest-carts/{cartId}/payment-methods", response_model=None)
def list_payment_methods(session: DbSession, cart_id: CartId) -> list[Json]:
    """The payment methods available for the guest cart's total."""
    cart = guest.guest_cart(session, cart_id)
    total = quote.collect(session, cart).grand_total
    return [
        out.payment_method_json(m)
        for m in available_methods(session, cart.store_id, total)
    ]


@router.get("/V1/guest-carts/{cartId}/payment-information", response_model=None)
def get_payment_information(session: DbSession, cart_id: CartId) -> Json:
    """Payment methods and totals of the guest cart."""
    return _details(session, guest.guest_cart(session, cart_id))


@router.get("/V1/guest-carts/{cartId}/billing-address", response_model=None)
def get_billing_address(session: DbSession, cart_id: CartId) -> Json:
    """The guest cart's billing address (empty when none is set)."""
    cart = guest.guest_cart(session, cart_id)
    billing = quote.billing_address(cart)
    return out.address_json(billing, cart) if billing else {}


@router.post("/V1/guest-carts/{cartId}/billing-address", response_model=None)
def set_billing_address(
    body: BillingAddressBody, session: DbSession, cart_id: CartId
) -> int:
    """Set the guest cart's billing address; answer its id."""
    cart = guest.guest_cart(session, cart_id)
    addresses.set_billing_address(session, cart, None, body.address)
    billing = quote.billing_address(cart)
    return billing.address_id if billing else 0


@router.post("/V1/guest-carts/{cartId}/payment-information", response_model=None)
def place_order(
    body: GuestPaymentInformationBody, session: DbSession, cart_id: CartId
) -> int:
    """Set the email, payment (and billing address) and place the guest's order."""
    order = guest.place_guest_order(
        session, cart_id, body.email, body.payment_method, body.billing_address
    )
    return order.entity_id
