"""Offline carriers: flat rate, free shipping and in-store pickup (plain Python)."""

from dataclasses import dataclass
from decimal import Decimal

from sellable.kit.money import money

ZERO = Decimal(0)
PER_ITEM = "I"
PER_ORDER = "O"
PERCENT_HANDLING = "P"
INSTORE = ("instore", "pickup")


@dataclass(frozen=True)
class Parcel:
    """What a carrier sees of the cart (virtual units are not shipped)."""

    physical_qty: Decimal
    free_qty: Decimal = ZERO
    free_shipping: bool = False
    subtotal_with_discount: Decimal = ZERO

    @property
    def all_free(self) -> bool:
        return self.free_shipping or self.free_qty >= self.physical_qty


@dataclass(frozen=True)
class ShippingRate:
    carrier_code: str
    method_code: str
    carrier_title: str
    method_title: str
    amount: Decimal

    @property
    def code(self) -> str:
        return f"{self.carrier_code}_{self.method_code}"

    @property
    def description(self) -> str:
        return f"{self.carrier_title} - {self.method_title}"


@dataclass(frozen=True)
class FlatRate:
    active: bool
    type: str
    price: Decimal
    handling_fee: Decimal = ZERO
    handling_type: str = "F"
    title: str = "Flat Rate"
    name: str = "Fixed"


@dataclass(frozen=True)
class FreeShipping:
    active: bool
    threshold: Decimal = ZERO
    title: str = "Free Shipping"
    name: str = "Free"


@dataclass(frozen=True)
class InStorePickup:
    active: bool
    price: Decimal = ZERO
    title: str = "In-Store Pickup Delivery"
    name: str = "Pick in Store"


def flatrate_rate(config: FlatRate, parcel: Parcel) -> ShippingRate | None:
    """Price per physical unit (type I) or per order (type O), plus handling."""
    if not config.active:
        return None
    if config.type == PER_ITEM:
        cost = (parcel.physical_qty - parcel.free_qty) * config.price
    else:
        cost = config.price
    if config.handling_type == PERCENT_HANDLING:
        cost += cost * config.handling_fee / 100
    else:
        cost += config.handling_fee
    if parcel.all_free:
        cost = ZERO
    return ShippingRate("flatrate", "flatrate", config.title, config.name, money(cost))


def freeshipping_rate(config: FreeShipping, parcel: Parcel) -> ShippingRate | None:
    """Offered when a rule grants it or the discounted subtotal is high enough."""
    if not config.active:
        return None
    if not parcel.free_shipping and parcel.subtotal_with_discount < config.threshold:
        return None
    return ShippingRate("freeshipping", "freeshipping", config.title, config.name, ZERO)


def instore_rate(
    config: InStorePickup, location_name: str | None = None
) -> ShippingRate | None:
    """The pickup method; its title names the chosen location once there is one."""
    if not config.active:
        return None
    title = location_name or config.name
    return ShippingRate(*INSTORE, config.title, title, money(config.price))
