"""Collect a cart's totals from the database: lines, rules, carriers."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellable.catalog.models import Product
from sellable.checkout.models import Cart, CartAddress, CartItem
from sellable.checkout.pickup import location_name, pickup_locations_for
from sellable.checkout.rules import rules_for_cart
from sellable.checkout.shipping import (
    FlatRate,
    FreeShipping,
    InStorePickup,
    Parcel,
    ShippingRate,
    flatrate_rate,
    freeshipping_rate,
    instore_rate,
)
from sellable.checkout.totals import (
    CartLine,
    CartTotals,
    collect_totals,
    discount_for,
    parcel_for,
)
from sellable.inventory.models import Source, StockSalesChannel
from sellable.salesrule.discount import Rule
from sellable.store import config
from sellable.store.models import StoreGroup, StoreView, Website


@dataclass(frozen=True)
class CartScope:
    """Where a cart sells: its store view, website and the website's stock."""

    store_id: int
    website_id: int
    website_code: str
    stock_id: int | None
    # Magento's order store_name: website, store group and store view names.
    store_name: str = ""


@dataclass(frozen=True)
class Carriers:
    flatrate: FlatRate
    freeshipping: FreeShipping
    instore: InStorePickup


def cart_scope(session: Session, cart: Cart) -> CartScope:
    """The cart's store view, website, stock and names, in one statement."""
    channel = StockSalesChannel
    row = session.execute(
        select(
            StoreView.website_id,
            Website.code,
            channel.stock_id,
            Website.name,
            StoreGroup.name,
            StoreView.name,
        )
        .join(Website, Website.website_id == StoreView.website_id)
        .join(StoreGroup, StoreGroup.group_id == StoreView.group_id)
        .outerjoin(
            channel, (channel.type == "website") & (channel.code == Website.code)
        )
        .where(StoreView.store_id == cart.store_id)
    ).one()
    website_id, code, stock_id, *names = row
    config.note_website(session, cart.store_id, int(website_id))
    return CartScope(
        cart.store_id,
        int(website_id),
        str(code),
        None if stock_id is None else int(stock_id),
        "\n".join(str(name) for name in names),
    )


def cart_lines(session: Session, cart: Cart) -> list[CartLine]:
    """The cart's items with the product facts totals and rules read."""
    ids = {item.product_id for item in cart.items}
    products = {
        p.entity_id: p
        for p in session.scalars(select(Product).where(Product.entity_id.in_(ids)))
    }
    return [_line(item, products.get(item.product_id)) for item in cart.items]


def _line(item: CartItem, product: Product | None) -> CartLine:
    facts: dict[str, Any] = {}
    weight = Decimal(0)
    options: list[dict[str, str]] = []
    if product is not None:
        facts["attribute_set_id"] = product.attribute_set_id
        weight = Decimal(product.weight or 0)
        options = download_options(product, item)
    return CartLine(
        item_id=item.item_id,
        sku=item.sku,
        name=item.name,
        product_type=item.product_type,
        qty=Decimal(item.qty),
        price=Decimal(item.price),
        is_virtual=item.is_virtual,
        weight=weight,
        product_id=item.product_id,
        links=tuple(chosen_links(item)),
        options=options,
        facts=facts,
    )


def chosen_links(item: CartItem) -> list[int]:
    option = (item.product_option or {}).get("extension_attributes", {})
    return [
        int(i)
        for i in option.get("downloadable_option", {}).get("downloadable_links", [])
    ]


def download_options(product: Product, item: CartItem) -> list[dict[str, str]]:
    """Magento's item option for downloadable links: the link titles."""
    if product.type_id != "downloadable":
        return []
    chosen = set(chosen_links(item))
    titles = [link.title for link in product.links if link.link_id in chosen]
    return [{"value": ", ".join(titles), "label": product.links_title or "Links"}]


def carriers(session: Session, store_id: int) -> Carriers:
    """The offline carriers' configuration for a store view."""

    def value(path: str) -> str:
        return str(config.get_value(session, path, store_id) or "")

    def number(path: str) -> Decimal:
        return config.get_decimal(session, path, store_id)

    def flag(path: str) -> bool:
        return config.get_flag(session, path, store_id)

    return Carriers(
        FlatRate(
            flag("carriers/flatrate/active"),
            value("carriers/flatrate/type") or "I",
            number("carriers/flatrate/price"),
            number("carriers/flatrate/handling_fee"),
            value("carriers/flatrate/handling_type") or "F",
            value("carriers/flatrate/title"),
            value("carriers/flatrate/name"),
        ),
        FreeShipping(
            flag("carriers/freeshipping/active"),
            number("carriers/freeshipping/free_shipping_subtotal"),
            value("carriers/freeshipping/title"),
            value("carriers/freeshipping/name"),
        ),
        InStorePickup(
            flag("carriers/instore/active"),
            number("carriers/instore/price"),
            value("carriers/instore/title"),
            value("carriers/instore/name"),
        ),
    )


def shipping_address(cart: Cart) -> CartAddress | None:
    return next((a for a in cart.addresses if a.address_type == "shipping"), None)


def billing_address(cart: Cart) -> CartAddress | None:
    return next((a for a in cart.addresses if a.address_type == "billing"), None)


def _extra_facts(cart: Cart) -> dict[str, Any]:
    address = shipping_address(cart)
    facts: dict[str, Any] = {"payment_method": cart.payment_method}
    if cart.shipping_carrier_code:
        facts["shipping_method"] = (
            f"{cart.shipping_carrier_code}_{cart.shipping_method_code}"
        )
    if address is not None:
        facts.update(
            postcode=address.postcode,
            region_id=address.region_id,
            region=address.region,
            country_id=address.country_id,
        )
    return facts


def _rules(session: Session, cart: Cart, scope: CartScope) -> list[Rule]:
    return rules_for_cart(
        session, scope.website_id, cart.customer_group_id, scope.store_id
    )


def collect(session: Session, cart: Cart, scope: CartScope | None = None) -> CartTotals:
    """The cart's totals with the shipping method it has chosen."""
    scope = scope or cart_scope(session, cart)
    lines = cart_lines(session, cart)
    found = carriers(session, scope.store_id)

    def pick(parcel: Parcel) -> ShippingRate | None:
        return chosen_rate(session, cart, scope, found, parcel)

    return collect_totals(lines, _rules(session, cart, scope), _extra_facts(cart), pick)


def chosen_rate(
    session: Session, cart: Cart, scope: CartScope, found: Carriers, parcel: Parcel
) -> ShippingRate | None:
    """The rate of the cart's shipping method, if that method is still offered."""
    code = (cart.shipping_carrier_code, cart.shipping_method_code)
    if code == ("instore", "pickup"):
        address = shipping_address(cart)
        location = address.pickup_location_code if address else None
        sources = _pickup_sources(session, cart, scope, location)
        return (
            instore_rate(found.instore, location_name(sources[0])) if sources else None
        )
    for rate in _address_rates(found, parcel):
        if (rate.carrier_code, rate.method_code) == code:
            return rate
    return None


def _address_rates(found: Carriers, parcel: Parcel) -> list[ShippingRate]:
    rates = [
        flatrate_rate(found.flatrate, parcel),
        freeshipping_rate(found.freeshipping, parcel),
    ]
    return [rate for rate in rates if rate is not None]


def _pickup_sources(
    session: Session, cart: Cart, scope: CartScope, code: str | None
) -> list[Source]:
    if scope.stock_id is None or not code:
        return []
    skus = {item.sku for item in cart.items}
    return pickup_locations_for(session, scope.stock_id, skus, code)


def available_rates(session: Session, cart: Cart) -> list[ShippingRate]:
    """Every method the cart may ship with now (none for a virtual cart)."""
    lines = cart_lines(session, cart)
    if not lines or all(line.is_virtual for line in lines):
        return []
    scope = cart_scope(session, cart)
    found = carriers(session, scope.store_id)
    discount = discount_for(lines, _rules(session, cart, scope), _extra_facts(cart))
    rates = _address_rates(found, parcel_for(lines, discount))
    if found.instore.active and scope.stock_id is not None:
        skus = {line.sku for line in lines}
        if pickup_locations_for(session, scope.stock_id, skus):
            rate = instore_rate(found.instore)
            rates.extend([rate] if rate else [])
    return rates
