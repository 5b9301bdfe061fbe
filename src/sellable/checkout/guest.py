"""Guest carts: a cart found by its masked id, with no customer behind it."""

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellable.checkout import addresses, placement
from sellable.checkout.errors import NoSuchEntity
from sellable.checkout.models import Cart
from sellable.checkout.schemas import AddressIn, PaymentIn
from sellable.kit.errors import InputError, required_field
from sellable.kit.logging import get_logger
from sellable.sales.models import Order
from sellable.store.scope import StoreScope

log = get_logger(__name__)
NOT_LOGGED_IN = 0
MASKED_ID_BYTES = 16


class InvalidEmail(InputError):
    template = 'Email "%1" is not a valid email address.'


def create_guest_cart(session: Session, scope: StoreScope) -> Cart:
    """Open an anonymous cart in the scope's store view; its masked id names it."""
    cart = Cart(
        store_id=scope.store_id,
        masked_id=secrets.token_hex(MASKED_ID_BYTES),
        customer_group_id=NOT_LOGGED_IN,
        customer_is_guest=True,
        is_active=True,
    )
    session.add(cart)
    session.flush()
    log.info("guest_cart_created", cart_id=cart.entity_id, store_id=scope.store_id)
    return cart


def guest_cart(session: Session, masked_id: str, lock: bool = False) -> Cart:
    """The active guest cart with this masked id; 404 otherwise."""
    stmt = select(Cart).where(Cart.masked_id == masked_id, Cart.customer_id.is_(None))
    if lock:
        stmt = stmt.with_for_update()
    cart = session.scalars(stmt).first()
    if cart is None or not cart.is_active:
        raise NoSuchEntity("cartId", masked_id)
    return cart


def set_email(cart: Cart, email: str | None) -> None:
    """The guest's email, required to place the order."""
    email = (email or "").strip()
    if not email:
        raise required_field("email")
    local, _, domain = email.partition("@")
    if not local or "." not in domain or " " in email:
        raise InvalidEmail(parameters=[email])
    cart.customer_email = email
    for address in cart.addresses:
        address.email = address.email or email


def place_guest_order(
    session: Session,
    masked_id: str,
    email: str | None,
    payment: PaymentIn,
    billing: AddressIn | None = None,
) -> Order:
    """Place the guest cart's order; the cart row is locked so it places once."""
    cart = guest_cart(session, masked_id, lock=True)
    if billing is not None:
        addresses.set_billing_address(session, cart, None, billing)
    set_email(cart, email)
    return placement.place_order(session, cart, None, payment.method, payment.po_number)
