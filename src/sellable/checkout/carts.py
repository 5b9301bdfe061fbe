"""A customer's active cart in a store view (Magento's quote)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellable.checkout.errors import NoSuchEntity
from sellable.checkout.models import Cart
from sellable.customer.models import Customer
from sellable.kit.logging import get_logger
from sellable.store.models import StoreView
from sellable.store.scope import StoreScope

log = get_logger(__name__)


def get_customer(session: Session, customer_id: int | None) -> Customer:
    customer = session.get(Customer, customer_id) if customer_id else None
    return require_customer(customer, customer_id)


def require_customer(customer: Customer | None, customer_id: int | None) -> Customer:
    if customer is None:
        raise NoSuchEntity("customerId", customer_id)
    return customer


def find_active_cart(
    session: Session, customer_id: int, scope: StoreScope
) -> Cart | None:
    """The customer's active cart among the store views of the scope's website."""
    website_stores = select(StoreView.store_id).where(
        StoreView.website_id == scope.website_id
    )
    return session.scalars(
        select(Cart)
        .where(
            Cart.customer_id == customer_id,
            Cart.is_active.is_(True),
            Cart.store_id.in_(website_stores),
        )
        .order_by(Cart.entity_id.desc())
        .limit(1)
    ).first()


def active_cart(session: Session, customer_id: int | None, scope: StoreScope) -> Cart:
    """The cart `carts/mine` means; 404 when the customer has none."""
    return customer_cart(session, get_customer(session, customer_id), scope)


def customer_cart(session: Session, customer: Customer, scope: StoreScope) -> Cart:
    """The customer's active cart in the scope's website; 404 when none."""
    cart = find_active_cart(session, customer.entity_id, scope)
    if cart is None:
        raise NoSuchEntity("customerId", customer.entity_id)
    return cart


def open_cart(session: Session, customer_id: int | None, scope: StoreScope) -> Cart:
    """The customer's active cart, created in the scope's store view if missing."""
    customer = get_customer(session, customer_id)
    cart = find_active_cart(session, customer.entity_id, scope)
    if cart is not None:
        return cart
    cart = Cart(
        store_id=scope.store_id,
        customer_id=customer.entity_id,
        customer_email=customer.email,
        customer_group_id=customer.group_id,
        customer_is_guest=False,
        is_active=True,
    )
    session.add(cart)
    session.flush()
    log.info(
        "cart_created",
        cart_id=cart.entity_id,
        customer_id=customer.entity_id,
        store_id=scope.store_id,
    )
    return cart
