"""Magento config paths with default, website and store-view scopes."""

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import event, select
from sqlalchemy.orm import Session, SessionTransaction

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
    forget(session)


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
    snapshot = _snapshot(session)
    if store_id:
        website_id = _website_of(session, snapshot, store_id)
        if website_id is not None:
            for key in (("stores", store_id, path), ("websites", website_id, path)):
                if key in snapshot.values:
                    return snapshot.values[key]
    return snapshot.values.get(("default", 0, path), DEFAULTS.get(path))


@dataclass
class _Snapshot:
    """Every stored value and each store view's website, read once."""

    values: dict[tuple[str, int, str], str | None]
    websites: dict[int, int]


_SNAPSHOT = "sellable.store.config"


def _snapshot(session: Session) -> _Snapshot:
    # A checkout reads dozens of paths; one query per transaction instead of
    # one per path. The table holds a shop's settings, not catalogue data.
    cached = session.info.get(_SNAPSHOT)
    if cached is None:
        rows = session.execute(
            select(
                ConfigValue.scope,
                ConfigValue.scope_id,
                ConfigValue.path,
                ConfigValue.value,
            )
        )
        values = {(scope, int(sid), path): value for scope, sid, path, value in rows}
        cached = session.info[_SNAPSHOT] = _Snapshot(values, {})
    return cached


def _website_of(session: Session, snapshot: _Snapshot, store_id: int) -> int | None:
    if store_id not in snapshot.websites:
        found = session.scalar(
            select(StoreView.website_id).where(StoreView.store_id == store_id)
        )
        if found is None:
            return None
        snapshot.websites[store_id] = int(found)
    return snapshot.websites[store_id]


def note_website(session: Session, store_id: int, website_id: int) -> None:
    """Tell the snapshot a store view's website, read by a caller anyway."""
    _snapshot(session).websites[store_id] = website_id


def forget(session: Session) -> None:
    """Drop what this session read, after a change to config or store views."""
    session.info.pop(_SNAPSHOT, None)


@event.listens_for(Session, "after_transaction_end")
def _transaction_ended(session: Session, transaction: SessionTransaction) -> None:
    # Another process may change settings between our transactions; a
    # savepoint may be rolled back; a flush's inner subtransaction is neither.
    if transaction.parent is None or transaction.nested:
        forget(session)


def get_flag(session: Session, path: str, store_id: int | None = None) -> bool:
    value = get_value(session, path, store_id)
    return str(value or "0").strip().lower() in {"1", "true", "yes"}


def get_decimal(session: Session, path: str, store_id: int | None = None) -> Decimal:
    value = get_value(session, path, store_id)
    return Decimal(str(value or "0"))
