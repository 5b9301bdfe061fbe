"""Resolve the store code in a REST URL to a store view and its website."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellable.kit.errors import SellableError
from sellable.store.models import StoreView, Website

ADMIN_STORE_CODE = "all"
DEFAULT_STORE_CODE = "default"


class StoreNotFound(SellableError):
    status_code = 400
    template = (
        "The store that was requested wasn't found. Verify the store and try again."
    )


@dataclass(frozen=True)
class StoreScope:
    """The store view a request runs in; `all` is the admin scope (store 0)."""

    code: str
    store_id: int
    website_id: int
    website_code: str
    store_name: str

    @property
    def is_admin(self) -> bool:
        return self.store_id == 0


def resolve_store(session: Session, code: str) -> StoreScope:
    lookup = "admin" if code == ADMIN_STORE_CODE else code
    row = session.execute(
        select(StoreView, Website)
        .join(Website, Website.website_id == StoreView.website_id)
        .where(StoreView.code == lookup)
    ).first()
    if row is None:
        raise StoreNotFound()
    store, website = row
    return StoreScope(
        code, store.store_id, website.website_id, website.code, store.name
    )


def default_store(session: Session) -> StoreScope:
    return resolve_store(session, DEFAULT_STORE_CODE)
