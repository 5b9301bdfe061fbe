"""Magento config paths with default, website and store-view scopes."""

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellable.kit.errors import InputError
from sellable.store.models import ConfigValue, StoreView, Website

SCOPES = ("default", "websites", "stores")

# Magento's shipped defaults for the paths sellable reads.
DEFAULTS: dict[str, str] = {
    "general/locale/code": "en_US",
    "currency/options/base": "USD",
    "payment/checkmo/active": "1",
    "payment/checkmo/title": "Check / Money order",
    "payment/banktransfer/active": "0",
    "payment/banktransfer/title": "Bank Transfer Payment",
    "payment/cashondelivery/active": "0",
    "payment/cashondelivery/title": "Cash On Delivery",
    "payment/purchaseorder/active": "0",
    "payment/purchaseorder/title": "Purchase Order",
    "payment/free/active": "1",
    "payment/free/title": "No Payment Information Required",
    "carriers/flatrate/active": "1",
    "carriers/flatrate/type": "I",
    "carriers/flatrate/price": "5.00",
    "carriers/flatrate/handling_fee": "0",
    "carriers/flatrate/title": "Flat Rate",
    "carriers/flatrate/name": "Fixed",
    "carriers/tablerate/active": "0",
    "carriers/freeshipping/active": "0",
    "carriers/freeshipping/title": "Free Shipping",
    "carriers/freeshipping/name": "Free",
    "carriers/freeshipping/free_shipping_subtotal": "0",
    "carriers/instore/active": "0",
    "carriers/instore/title": "In-Store Pickup Delivery",
    "carriers/instore/name": "Pick in Store",
    "carriers/instore/price": "0",
    "carriers/instore/search_radius": "200",
    "cataloginventory/source_selection_distance_based/provider": "google",
    "cataloginventory/item_options/manage_stock": "1",
    "cataloginventory/item_options/min_qty": "0",
    "cataloginventory/item_options/backorders": "0",
    "cataloginventory/item_options/min_sale_qty": "1",
    "cataloginventory/item_options/max_sale_qty": "10000",
    "cataloginventory/item_options/notify_stock_qty": "1",
    "cataloginventory/item_options/enable_qty_increments": "0",
    "cataloginventory/item_options/qty_increments": "1",
    "web/url/use_store": "0",
    "sales_email/order/enabled": "1",
    "trans_email/ident_sales/email": "sales@example.com",
    "trans_email/ident_sales/name": "Sales",
}


def set_value(
    session: Session,
    path: str,
    value: str | None,
    scope: str = "default",
    scope_id: int = 0,
) -> None:
    """Set a config value at one scope (an upsert)."""
    if scope not in SCOPES:
        raise InputError('The "%1" scope is not valid.', [scope])
    row = session.scalar(
        select(ConfigValue).where(
            ConfigValue.scope == scope,
            ConfigValue.scope_id == scope_id,
            ConfigValue.path == path,
        )
    )
    if row is None:
        session.add(ConfigValue(scope=scope, scope_id=scope_id, path=path, value=value))
    else:
        row.value = value
    session.flush()


def scope_id_for(session: Session, scope: str, code: str | None) -> int:
    """Translate a website or store-view code into its scope id."""
    if scope == "default":
        return 0
    if scope == "websites":
        found = session.scalar(select(Website.website_id).where(Website.code == code))
    else:
        found = session.scalar(select(StoreView.store_id).where(StoreView.code == code))
    if found is None:
        raise InputError('The "%1" scope code was not found.', [code or ""])
    return int(found)


def get_value(session: Session, path: str, store_id: int | None = None) -> str | None:
    """Read a path, store view first, then its website, then default."""
    candidates: list[tuple[str, int]] = [("default", 0)]
    if store_id:
        website_id = session.scalar(
            select(StoreView.website_id).where(StoreView.store_id == store_id)
        )
        if website_id is not None:
            candidates = [
                ("stores", store_id),
                ("websites", int(website_id)),
            ] + candidates
    rows = session.execute(
        select(ConfigValue.scope, ConfigValue.scope_id, ConfigValue.value).where(
            ConfigValue.path == path
        )
    ).all()
    found = {(scope, scope_id): value for scope, scope_id, value in rows}
    for key in candidates:
        if key in found:
            return found[key]
    return DEFAULTS.get(path)


def get_flag(session: Session, path: str, store_id: int | None = None) -> bool:
    value = get_value(session, path, store_id)
    return str(value or "0").strip().lower() in {"1", "true", "yes"}


def get_decimal(session: Session, path: str, store_id: int | None = None) -> Decimal:
    value = get_value(session, path, store_id)
    return Decimal(str(value or "0"))


def website_value(session: Session, path: str, website_id: int) -> str | None:
    """Read a path at website scope, falling back to default."""
    rows = session.execute(
        select(ConfigValue.scope, ConfigValue.value).where(
            ConfigValue.path == path,
            ((ConfigValue.scope == "websites") & (ConfigValue.scope_id == website_id))
            | (ConfigValue.scope == "default"),
        )
    ).all()
    by_scope = dict(rows)
    return by_scope.get("websites", by_scope.get("default", DEFAULTS.get(path)))
