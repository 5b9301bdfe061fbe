"""REST routes of the customer's cart and checkout (`/V1/carts/mine/...`)."""

from typing import Annotated, Any

from fastapi import APIRouter, Header

from sellable.checkout import (
    addresses,
    carts,
    guest_api,
    idempotency,
    items,
    placement,
    quote,
)
from sellable.checkout import serializers as out
from sellable.checkout.models import Cart, CartItem
from sellable.checkout.payment import available_methods
from sellable.checkout.schemas import (
    BillingAddressBody,
    CartItemBody,
    EstimateBody,
    PaymentInformationBody,
    ShippingInformationBody,
)
from sellable.kit.web import CustomerCaller, DbSession, Scope

router = APIRouter(tags=["checkout"])
Json = dict[str, Any]


def _item_json(session: DbSession, cart: Cart, item: CartItem) -> Json:
    totals = quote.collect(session, cart)
    entry = next((e for e in totals.lines if e.line.item_id == item.item_id), None)
    return out.cart_item_json(item, entry)


def _details(session: DbSession, cart: Cart) -> Json:
    totals = quote.collect(session, cart)
    methods = available_methods(session, cart.store_id, totals.grand_total)
    return out.payment_details_json(methods, totals)


@router.post("/V1/carts/mine", response_model=None)
def create_cart(session: DbSession, scope: Scope, caller: CustomerCaller) -> int:
    """Create the customer's cart, or answer the active one."""
    return carts.open_cart(session, caller.user_id, scope).entity_id


@router.get("/V1/carts/mine", response_model=None)
def get_cart(session: DbSession, scope: Scope, caller: CustomerCaller) -> Json:
    """The customer's active cart."""
    cart = carts.active_cart(session, caller.user_id, scope)
    customer = carts.get_customer(session, caller.user_id)
    return out.cart_json(cart, customer, quote.collect(session, cart))


@router.get("/V1/carts/mine/items", response_model=None)
def list_items(session: DbSession, scope: Scope, caller: CustomerCaller) -> list[Json]:
    """The items of the customer's cart."""
    cart = carts.active_cart(session, caller.user_id, scope)
    entries = {e.line.item_id: e for e in quote.collect(session, cart).lines}
    return [out.cart_item_json(item, entries.get(item.item_id)) for item in cart.items]


@router.post("/V1/carts/mine/items", response_model=None)
def add_item(
    body: CartItemBody, session: DbSession, scope: Scope, caller: CustomerCaller
) -> Json:
    """Add a product to the customer's cart."""
    cart = carts.active_cart(session, caller.user_id, scope)
    given = body.cart_item
    items.check_quote_id(cart, given.quote_id)
    item = items.add_item(session, cart, given.sku, given.qty, given.product_option)
    return _item_json(session, cart, item)


@router.put("/V1/carts/mine/items/{itemId}", response_model=None)
def update_item(
    itemId: int,
    body: CartItemBody,
    session: DbSession,
    scope: Scope,  # noqa: N803
    caller: CustomerCaller,
) -> Json:
    """Change the quantity of a cart item."""
    cart = carts.active_cart(session, caller.user_id, scope)
    items.check_quote_id(cart, body.cart_item.quote_id)
    item = items.update_item(session, cart, itemId, body.cart_item.qty)
    return _item_json(session, cart, item)


@router.delete("/V1/carts/mine/items/{itemId}", response_model=None)
def remove_item(
    itemId: int,
    session: DbSession,
    scope: Scope,
    caller: CustomerCaller,  # noqa: N803
) -> bool:
    """Remove an item from the customer's cart."""
    cart = carts.active_cart(session, caller.user_id, scope)
    items.remove_item(session, cart, itemId)
    return True


@router.get("/V1/carts/mine/totals", response_model=None)
def get_totals(session: DbSession, scope: Scope, caller: CustomerCaller) -> Json:
    """Subtotal, discount, shipping, tax and grand total of the cart."""
    cart = carts.active_cart(session, caller.user_id, scope)
    return out.totals_json(quote.collect(session, cart))


@router.post("/V1/carts/mine/estimate-shipping-methods", response_model=None)
def estimate_shipping(
    body: EstimateBody, session: DbSession, scope: Scope, caller: CustomerCaller
) -> list[Json]:
    """The shipping methods the cart can use, with their prices."""
    cart = carts.active_cart(session, caller.user_id, scope)
    return [
        out.shipping_method_json(rate) for rate in quote.available_rates(session, cart)
    ]


@router.post("/V1/carts/mine/shipping-information", response_model=None)
def set_shipping_information(
    body: ShippingInformationBody,
    session: DbSession,
    scope: Scope,
    caller: CustomerCaller,
) -> Json:
    """Set the shipping address and method; answer payment methods and totals."""
    cart = carts.active_cart(session, caller.user_id, scope)
    customer = carts.get_customer(session, caller.user_id)
    addresses.set_shipping_information(
        session, cart, customer, body.address_information
    )
    return _details(session, cart)


@router.get("/V1/carts/mine/payment-methods", response_model=None)
def list_payment_methods(
    session: DbSession, scope: Scope, caller: CustomerCaller
) -> list[Json]:
    """The payment methods available for the cart's total."""
    cart = carts.active_cart(session, caller.user_id, scope)
    total = quote.collect(session, cart).grand_total
    return [
        out.payment_method_json(m)
        for m in available_methods(session, cart.store_id, total)
    ]


@router.get("/V1/carts/mine/payment-information", response_model=None)
def get_payment_information(
    session: DbSession, scope: Scope, caller: CustomerCaller
) -> Json:
    """Payment methods and totals of the cart."""
    return _details(session, carts.active_cart(session, caller.user_id, scope))


@router.get("/V1/carts/mine/billing-address", response_model=None)
def get_billing_address(
    session: DbSession, scope: Scope, caller: CustomerCaller
) -> Json:
    """The cart's billing address (empty when none is set)."""
    cart = carts.active_cart(session, caller.user_id, scope)
    billing = quote.billing_address(cart)
    return out.address_json(billing, cart) if billing else {}


@router.post("/V1/carts/mine/billing-address", response_model=None)
def set_billing_address(
    body: BillingAddressBody, session: DbSession, scope: Scope, caller: CustomerCaller
) -> int:
    """Set the cart's billing address; answer its id."""
    cart = carts.active_cart(session, caller.user_id, scope)
    customer = carts.get_customer(session, caller.user_id)
    addresses.set_billing_address(session, cart, customer, body.address)
    billing = quote.billing_address(cart)
    return billing.address_id if billing else 0


@router.post("/V1/carts/mine/payment-information", response_model=None)
def place_order(
    body: PaymentInformationBody,
    session: DbSession,
    scope: Scope,
    caller: CustomerCaller,
    idempotency_key: Annotated[str | None, Header()] = None,
) -> int:
    """Set payment (and billing address) and place the order; answer its id."""
    customer = carts.require_customer(
        idempotency.lock_checkout(session, caller.user_id), caller.user_id
    )
    placed = idempotency.claim(session, caller.user_id, idempotency_key, body)
    if placed is not None:
        return placed
    cart = carts.customer_cart(session, customer, scope)
    if body.billing_address is not None:
        addresses.set_billing_address(session, cart, customer, body.billing_address)
    method = body.payment_method
    order = placement.place_order(
        session, cart, customer, method.method, method.po_number
    )
    idempotency.remember(session, caller.user_id, idempotency_key, order.entity_id)
    return order.entity_id


router.include_router(guest_api.router)
