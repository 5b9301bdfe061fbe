"""Shipping and billing addresses of a cart, and the chosen shipping method."""

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from sellable.checkout.errors import (
    CarrierNotFound,
    EmptyCart,
    NoSuchEntity,
    PickupLocationRequired,
    PickupLocationUnavailable,
    ShippingAddressMissing,
    VirtualCartShipping,
)
from sellable.checkout.models import Cart, CartAddress
from sellable.checkout.pickup import pickup_locations_for
from sellable.checkout.quote import available_rates, cart_scope
from sellable.checkout.schemas import AddressIn, ShippingInformation
from sellable.checkout.shipping import INSTORE
from sellable.customer.models import Customer, CustomerAddress
from sellable.inventory.models import Source
from sellable.kit.countries import check_country
from sellable.kit.errors import required_field
from sellable.kit.logging import get_logger

log = get_logger(__name__)
REQUIRED = (
    "firstname",
    "lastname",
    "street",
    "city",
    "postcode",
    "country_id",
    "telephone",
)
FIELDS = (
    "firstname",
    "lastname",
    "company",
    "city",
    "region",
    "region_id",
    "region_code",
    "postcode",
    "country_id",
    "telephone",
)


def set_shipping_information(
    session: Session, cart: Cart, customer: Customer | None, info: ShippingInformation
) -> None:
    """Save the shipping address and method (and billing address) on the cart."""
    if not cart.items:
        raise EmptyCart()
    if all(item.is_virtual for item in cart.items):
        raise VirtualCartShipping()
    shipping = _address(session, cart, customer, info.shipping_address, "shipping")
    if not shipping.country_id:
        raise ShippingAddressMissing()
    method = (info.shipping_carrier_code, info.shipping_method_code)
    if method == INSTORE:
        _use_pickup_location(session, cart, shipping, info.shipping_address)
    else:
        _check_method(session, cart, method)
    replace_address(cart, shipping)
    if info.billing_address is not None:
        replace_address(
            cart, _address(session, cart, customer, info.billing_address, "billing")
        )
    cart.shipping_carrier_code, cart.shipping_method_code = method
    session.flush()
    log.info(
        "shipping_information_set",
        cart_id=cart.entity_id,
        shipping_method="_".join(method),
    )


def set_billing_address(
    session: Session, cart: Cart, customer: Customer | None, address: AddressIn
) -> None:
    replace_address(cart, _address(session, cart, customer, address, "billing"))
    session.flush()


def replace_address(cart: Cart, address: CartAddress) -> None:
    """Set the cart's address of this type, keeping its row (and id) if it has one."""
    if address.country_id:
        address.country_id = check_country(address.country_id)
    current = next(
        (a for a in cart.addresses if a.address_type == address.address_type), None
    )
    if current is None:
        cart.addresses.append(address)
        return
    # Updating in place writes only what changed, often nothing at all.
    for name in _COPIED:
        setattr(current, name, getattr(address, name))


_COPIED = [
    column.key
    for column in inspect(CartAddress).column_attrs
    if column.key not in {"address_id", "quote_id"}
]


def _check_method(session: Session, cart: Cart, method: tuple[str, str]) -> None:
    offered = {(r.carrier_code, r.method_code) for r in available_rates(session, cart)}
    if method not in offered:
        raise CarrierNotFound(parameters=list(method))


def _use_pickup_location(
    session: Session, cart: Cart, shipping: CartAddress, given: AddressIn
) -> None:
    """Pickup goes to an active pickup source carrying every product of the cart."""
    code = given.pickup_location_code
    if not code:
        raise PickupLocationRequired()
    scope = cart_scope(session, cart)
    offered = {(r.carrier_code, r.method_code) for r in available_rates(session, cart)}
    if INSTORE not in offered or scope.stock_id is None:
        raise CarrierNotFound(parameters=list(INSTORE))
    skus = {item.sku for item in cart.items}
    found = pickup_locations_for(session, scope.stock_id, skus, code)
    if not found:
        raise PickupLocationUnavailable(parameters=[code])
    _copy_location(found[0], shipping)


def _copy_location(source: Source, shipping: CartAddress) -> None:
    """Magento ships a pickup order to the store's own address."""
    shipping.pickup_location_code = source.source_code
    shipping.street = [source.street] if source.street else []
    shipping.city = source.city
    shipping.postcode = source.postcode
    shipping.region = source.region
    shipping.region_id = source.region_id
    shipping.country_id = source.country_id


def _address(
    session: Session,
    cart: Cart,
    customer: Customer | None,
    given: AddressIn,
    kind: str,
) -> CartAddress:
    """The address sent; a guest has no address book to refer to."""
    if given.is_reference:
        return _from_book(
            session, customer, given.id or given.customer_address_id, kind
        )
    _require_fields(given)
    address = CartAddress(
        address_type=kind,
        email=given.email or (customer.email if customer else cart.customer_email),
        street=list(given.street or []),
        customer_address_id=given.customer_address_id,
        same_as_billing=int(given.same_as_billing or 0),
    )
    for name in FIELDS:
        setattr(address, name, getattr(given, name))
    return address


def _require_fields(given: AddressIn) -> None:
    """Magento's address validation: the fields every address must have."""
    for name in REQUIRED:
        value = getattr(given, name)
        if value is None or not "".join(value if isinstance(value, list) else [value]):
            raise required_field(name)


def _from_book(
    session: Session, customer: Customer | None, address_id: int | None, kind: str
) -> CartAddress:
    """Copy one of the customer's own saved addresses."""
    saved = session.get(CustomerAddress, address_id) if address_id else None
    if saved is None or customer is None or saved.parent_id != customer.entity_id:
        raise NoSuchEntity("addressId", address_id)
    address = CartAddress(
        address_type=kind,
        email=customer.email,
        street=list(saved.street or []),
        customer_address_id=saved.entity_id,
        same_as_billing=0,
    )
    for name in FIELDS:
        setattr(address, name, getattr(saved, name, None))
    return address
