"""Read the store tree the way Magento's store repositories list it."""

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellable.store import config
from sellable.store.models import StoreGroup, StoreView, Website
from sellable.store.scope import DEFAULT_STORE_CODE

# Magento's shipped defaults for the store-config paths not in store.config.
STORE_CONFIG_DEFAULTS = {
    "general/locale/timezone": "America/Los_Angeles",
    "general/locale/weight_unit": "lbs",
}


def list_websites(session: Session) -> list[Website]:
    """Every website, the admin website 0 included, by id."""
    return list(session.scalars(select(Website).order_by(Website.website_id)))


def list_store_groups(session: Session) -> list[StoreGroup]:
    """Every store group, the admin group 0 included, by id."""
    return list(session.scalars(select(StoreGroup).order_by(StoreGroup.group_id)))


def list_store_views(session: Session) -> list[StoreView]:
    """Every store view: the default store view first, then the others by id.

    Magento answers from a repository cache in which the default store view is
    already loaded, so it leads the list; admin store 0 is included.
    """
    views = session.scalars(select(StoreView).order_by(StoreView.store_id))
    return sorted(views, key=lambda view: view.code != DEFAULT_STORE_CODE)


def storefront_views(session: Session, codes: Sequence[str] = ()) -> list[StoreView]:
    """Store views other than admin, optionally only those with the given codes."""
    stmt = select(StoreView).where(StoreView.store_id != 0)
    if codes:
        stmt = stmt.where(StoreView.code.in_(codes))
    return list(session.scalars(stmt.order_by(StoreView.store_id)))


def config_value(session: Session, path: str, store_id: int) -> str | None:
    """A config value at store-view scope, with Magento's shipped default."""
    value = config.get_value(session, path, store_id)
    return value if value is not None else STORE_CONFIG_DEFAULTS.get(path)
