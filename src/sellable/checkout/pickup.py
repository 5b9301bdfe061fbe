"""Pickup locations a cart can be collected from (In-Store Pickup)."""

from collections.abc import Collection

from sqlalchemy.orm import Session

from sellable.inventory.models import Source
from sellable.inventory.pickup import pickup_sources


def pickup_locations_for(
    session: Session, stock_id: int, skus: Collection[str], code: str | None = None
) -> list[Source]:
    """Active pickup sources of the stock holding a source item of every SKU.

    Magento offers In-Store Pickup only where every product of the cart is
    assigned (the row may be at 0); a cart with a product no store carries
    (the downloadable item kept in `hq`) gets no pickup option.
    """
    if not skus:
        return []
    return pickup_sources(session, stock_id, skus, code)


def location_name(source: Source) -> str:
    """The name the storefront shows: the frontend name, else the source name."""
    return source.frontend_name or source.name
