"""Add, change and remove cart items, checking product and salable quantity."""

from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellable.catalog.models import Product
from sellable.checkout.errors import (
    CartItemNotFound,
    InvalidQty,
    LinksRequired,
    NoSuchEntity,
    ProductNotAvailable,
    ProductNotFound,
    QtyNotAvailable,
    QtyRefused,
)
from sellable.checkout.models import Cart, CartItem
from sellable.checkout.quote import cart_scope
from sellable.inventory.salability import request_problems
from sellable.inventory.salability_rules import blocking, headline
from sellable.kit.logging import get_logger

log = get_logger(__name__)
ENABLED = 1


def check_quote_id(cart: Cart, quote_id: str | int | None) -> None:
    """A quote id in the body must name the caller's own cart."""
    if quote_id in (None, ""):
        return
    if str(quote_id).strip() != str(cart.entity_id):
        raise NoSuchEntity("cartId", quote_id)


def add_item(
    session: Session,
    cart: Cart,
    sku: str | None,
    qty: Decimal,
    product_option: dict[str, Any] | None = None,
) -> CartItem:
    """Add a product; the same SKU again raises the line's quantity."""
    _check_qty(qty)
    product = _sellable_product(session, cart, sku)
    links = _links(product, product_option)
    line = next((i for i in cart.items if i.sku == product.sku), None)
    wanted = qty + (Decimal(line.qty) if line is not None else Decimal(0))
    _check_salable(session, cart, product.sku, wanted)
    if line is None:
        line = _new_line(product, qty, links)
        cart.items.append(line)
    else:
        line.qty = wanted
    session.flush()
    log.info("cart_item_added", cart_id=cart.entity_id, sku=product.sku, qty=str(qty))
    return line


def update_item(session: Session, cart: Cart, item_id: int, qty: Decimal) -> CartItem:
    """Set a line's quantity."""
    _check_qty(qty)
    line = find_item(cart, item_id)
    _sellable_product(session, cart, line.sku)
    _check_salable(session, cart, line.sku, qty)
    line.qty = qty
    session.flush()
    log.info("cart_item_updated", cart_id=cart.entity_id, item_id=item_id, qty=str(qty))
    return line


def remove_item(session: Session, cart: Cart, item_id: int) -> None:
    """Delete a line from the cart."""
    line = find_item(cart, item_id)
    cart.items.remove(line)
    session.flush()
    log.info("cart_item_removed", cart_id=cart.entity_id, item_id=item_id)


def find_item(cart: Cart, item_id: int) -> CartItem:
    line = next((i for i in cart.items if i.item_id == item_id), None)
    if line is None:
        raise CartItemNotFound(parameters=[cart.entity_id, item_id])
    return line


def _check_qty(qty: Decimal) -> None:
    if not qty.is_finite() or qty <= 0:
        raise InvalidQty(qty)


def _sellable_product(session: Session, cart: Cart, sku: str | None) -> Product:
    product = session.scalars(select(Product).where(Product.sku == (sku or ""))).first()
    if product is None:
        raise ProductNotFound()
    website_id = cart_scope(session, cart).website_id
    in_website = any(link.website_id == website_id for link in product.websites)
    if product.status != ENABLED or not in_website:
        raise ProductNotAvailable()
    return product


def _check_salable(session: Session, cart: Cart, sku: str, qty: Decimal) -> None:
    """The cart rules of inventory (the same as placement's) must accept it."""
    stock_id = cart_scope(session, cart).stock_id
    if stock_id is None:
        raise QtyNotAvailable()
    errors = blocking(request_problems(session, stock_id, {sku: qty})[sku])
    if errors:
        shown = headline(errors)
        raise QtyRefused(shown.template, list(shown.parameters))


def _links(product: Product, product_option: dict[str, Any] | None) -> list[int]:
    """Downloadable links bought: all of them unless they are sold separately."""
    if product.type_id != "downloadable":
        return []
    known = [link.link_id for link in product.links]
    if not product.links_purchased_separately:
        return known
    option = (product_option or {}).get("extension_attributes", {})
    chosen = option.get("downloadable_option", {}).get("downloadable_links") or []
    picked = [
        int(link) for link in chosen if str(link).isdigit() and int(link) in known
    ]
    if not picked:
        raise LinksRequired()
    return picked


def _new_line(product: Product, qty: Decimal, links: list[int]) -> CartItem:
    price = Decimal(product.price)
    option = None
    if product.type_id == "downloadable":
        if product.links_purchased_separately:
            price += sum(
                (Decimal(lk.price) for lk in product.links if lk.link_id in links),
                Decimal(0),
            )
        option = {
            "extension_attributes": {
                "downloadable_option": {"downloadable_links": links}
            }
        }
    return CartItem(
        product_id=product.entity_id,
        sku=product.sku,
        name=product.name,
        product_type=product.type_id,
        is_virtual=product.is_virtual,
        qty=qty,
        price=price,
        product_option=option,
    )
