"""Product use cases: save, load, search, delete, and website assignment."""

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sellable.catalog import domain, stock
from sellable.catalog.errors import (
    ProductNotFound,
    SkuTaken,
    WebsiteIdNotFound,
    WebsiteNotFound,
)
from sellable.catalog.models import (
    DownloadableLink,
    Product,
    ProductStockSettings,
    ProductWebsite,
)
from sellable.catalog.schemas import DownloadableLinkIn, ProductIn
from sellable.checkout.models import CartItem
from sellable.inventory.product_removal import release_product_holds, rename_sku
from sellable.kit.logging import get_logger
from sellable.kit.search_criteria import SearchCriteria, search
from sellable.store.models import Website
from sellable.store.scope import StoreScope

log = get_logger(__name__)

ADMIN_WEBSITE_ID = 0
SEARCH_COLUMNS: dict[str, Any] = {
    "entity_id": Product.entity_id,
    "id": Product.entity_id,
    "sku": Product.sku,
    "name": Product.name,
    "type_id": Product.type_id,
    "attribute_set_id": Product.attribute_set_id,
    "price": Product.price,
    "status": Product.status,
    "visibility": Product.visibility,
    "weight": Product.weight,
    "created_at": Product.created_at,
    "updated_at": Product.updated_at,
}
LINK_ATTRIBUTES = ("links_title", "links_purchased_separately")
LINK_FIELDS = (
    "price",
    "sort_order",
    "is_shareable",
    "number_of_downloads",
    "link_type",
    "link_url",
    "link_file",
)
SIMPLE_FIELDS = ("name", "attribute_set_id", "price", "status", "visibility", "weight")


def find_product(session: Session, sku: str) -> Product | None:
    """The product with this SKU, or None."""
    return session.scalars(select(Product).where(Product.sku == sku)).first()


def get_product(session: Session, sku: str) -> Product:
    """The product with this SKU; 404 when there is none."""
    product = find_product(session, sku)
    if product is None:
        raise ProductNotFound()
    return product


def search_products(
    session: Session, criteria: SearchCriteria
) -> tuple[list[Product], int]:
    """Products matching Magento searchCriteria, and how many match in all."""
    return search(session, select(Product), criteria, SEARCH_COLUMNS, Product.entity_id)


def save_product(
    session: Session, data: ProductIn, scope: StoreScope, sku: str | None = None
) -> Product:
    """Create the product, or update it when the SKU exists (Magento's save)."""
    sku = (sku or data.sku or "").strip()
    product = find_product(session, sku) if sku else None
    created = product is None
    if product is None:
        product = _new_product(session, data, sku, scope)
    _check(product, data)
    if not created and (data.sku or "").strip() not in ("", product.sku):
        _rename(session, product, (data.sku or "").strip())

    _copy_fields(product, data)
    _apply_extension(session, product, data)
    if product.type_id != "downloadable":
        product.links = []
    session.flush()
    log.info("product_saved", sku=product.sku, created=created)
    return product


def _rename(session: Session, product: Product, new_sku: str) -> None:
    """Change the SKU (Magento's PUT with another sku in the body)."""
    domain.check_sku_length(new_sku)
    if find_product(session, new_sku) is not None:
        raise SkuTaken(parameters=[new_sku])
    old_sku = product.sku
    rename_sku(session, old_sku, new_sku)
    session.execute(
        update(CartItem)
        .where(CartItem.product_id == product.entity_id, CartItem.sku == old_sku)
        .values(sku=new_sku)
        .execution_options(synchronize_session=False)
    )
    product.sku = new_sku
    log.info("product_sku_changed", sku=old_sku, new_sku=new_sku)


def _new_product(
    session: Session, data: ProductIn, sku: str, scope: StoreScope
) -> Product:
    domain.check_required(sku, data.name, data.price)
    domain.check_sku_length(sku)
    product = Product(sku=sku, name=data.name, price=data.price, type_id="simple")
    product.stock_settings = ProductStockSettings()
    product.websites = [
        ProductWebsite(website_id=w) for w in default_website_ids(session, scope)
    ]
    session.add(product)
    return product


def _check(product: Product, data: ProductIn) -> None:
    domain.check_type(data.type_id or product.type_id)
    if "name" in data.model_fields_set and not (data.name or "").strip():
        domain.check_required(product.sku, data.name, product.price)
    if "price" in data.model_fields_set and data.price is None:
        domain.check_required(product.sku, product.name, None)
    domain.check_not_negative(data.price)
    domain.check_not_negative(data.weight)


def default_website_ids(session: Session, scope: StoreScope) -> list[int]:
    """Magento: all websites when saved in the admin scope, else the store's."""
    if not scope.is_admin:
        return [scope.website_id]
    return list(
        session.scalars(
            select(Website.website_id)
            .where(Website.website_id != ADMIN_WEBSITE_ID)
            .order_by(Website.website_id)
        )
    )


def _copy_fields(product: Product, data: ProductIn) -> None:
    for field in SIMPLE_FIELDS:
        if field in data.model_fields_set and getattr(data, field) is not None:
            setattr(product, field, getattr(data, field))
    if data.type_id:
        product.type_id = data.type_id
    if data.weight is None and "weight" in data.model_fields_set:
        product.weight = None
    _copy_custom_attributes(product, data)


def _copy_custom_attributes(product: Product, data: ProductIn) -> None:
    """links_title and links_purchased_separately have columns; others are kept."""
    sent = {a.attribute_code: a.value for a in data.custom_attributes or []}
    for code in LINK_ATTRIBUTES:
        if getattr(data, code) is not None:
            sent[code] = getattr(data, code)
    if "links_title" in sent:
        title = sent.pop("links_title")
        product.links_title = None if title is None else str(title)
    if "links_purchased_separately" in sent:
        separately = sent.pop("links_purchased_separately")
        product.links_purchased_separately = int(separately or 0)
    if not sent:
        return
    kept = {a["attribute_code"]: a["value"] for a in product.custom_attributes or []}
    kept.update(sent)
    product.custom_attributes = [
        {"attribute_code": code, "value": value} for code, value in kept.items()
    ]


def _apply_extension(session: Session, product: Product, data: ProductIn) -> None:
    extension = data.extension_attributes
    if extension is None:
        return
    if extension.website_ids is not None:
        _set_websites(session, product, extension.website_ids)
    if extension.stock_item is not None:
        stock.apply_settings(product, extension.stock_item)
        session.flush()
        stock.write_default_source(session, product.sku, extension.stock_item)
    if extension.downloadable_product_links is not None:
        _set_links(product, extension.downloadable_product_links)


def _set_websites(session: Session, product: Product, website_ids: list[int]) -> None:
    wanted = list(dict.fromkeys(website_ids))
    check_website_ids(session, wanted)
    kept = [link for link in product.websites if link.website_id in wanted]
    linked = {link.website_id for link in kept}
    product.websites = kept + [
        ProductWebsite(website_id=w) for w in wanted if w not in linked
    ]


def check_website_ids(session: Session, website_ids: list[int]) -> None:
    """400 for an id that is no website (the admin website 0 included)."""
    known = set(
        session.scalars(
            select(Website.website_id).where(Website.website_id.in_(website_ids))
        )
    )
    for website_id in website_ids:
        if website_id not in known or website_id == ADMIN_WEBSITE_ID:
            raise WebsiteIdNotFound(parameters=[website_id])


def _set_links(product: Product, links: list[DownloadableLinkIn]) -> None:
    """The links sent replace the product's; a link sent with its id is updated."""
    existing = {link.link_id: link for link in product.links}
    result = []
    for sent in links:
        domain.check_link(
            sent.price,
            sent.number_of_downloads,
            sent.sort_order,
            sent.link_type,
            sent.link_url,
            sent.link_file,
        )
        link = existing.get(sent.id) if sent.id is not None else None
        link = link or DownloadableLink()
        for field in LINK_FIELDS:
            setattr(link, field, getattr(sent, field))
        link.title = sent.title or ""
        result.append(link)
    product.links = result


def delete_product(session: Session, sku: str) -> None:
    """Remove the product, its links and source items; release its open holds.

    The holds are compensated in the ledger in this transaction, so a new
    product with the same SKU starts with nothing reserved.
    """
    product = get_product(session, sku)
    release_product_holds(session, product.sku)
    stock.remove_source_items(session, sku)
    session.delete(product)
    session.flush()
    log.info("product_deleted", sku=sku)


def add_website(session: Session, sku: str, website_id: int) -> None:
    """Assign the product to one more website."""
    product = get_product(session, sku)
    check_website_ids(session, [website_id])
    if website_id not in {link.website_id for link in product.websites}:
        product.websites.append(ProductWebsite(website_id=website_id))
    session.flush()
    log.info("product_website_added", sku=sku, website_id=website_id)


def remove_website(session: Session, sku: str, website_id: int) -> None:
    """Unassign the product from a website (no-op when it is not assigned)."""
    product = get_product(session, sku)
    product.websites = [
        link for link in product.websites if link.website_id != website_id
    ]
    session.flush()
    log.info("product_website_removed", sku=sku, website_id=website_id)


def website_ids_for_codes(session: Session, codes: list[str]) -> list[int]:
    """Website ids in the order of `codes`; 400 for an unknown code."""
    rows = session.execute(
        select(Website.code, Website.website_id).where(Website.code.in_(codes))
    )
    by_code = {code: website_id for code, website_id in rows}
    for code in codes:
        if code not in by_code:
            raise WebsiteNotFound(parameters=[code])
    return [by_code[code] for code in codes]


def assign_websites(
    session: Session, skus: list[str], website_codes: list[str]
) -> None:
    """Add each product to each website (links already there are kept)."""
    website_ids = website_ids_for_codes(session, website_codes)
    products = [get_product(session, sku) for sku in skus]

    for product in products:
        linked = {link.website_id for link in product.websites}
        for website_id in website_ids:
            if website_id not in linked:
                product.websites.append(ProductWebsite(website_id=website_id))
    session.flush()
    log.info("product_websites_assigned", skus=skus, website_codes=website_codes)
