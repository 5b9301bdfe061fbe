"""Pickup locations a cart can be collected from (In-Store Pickup)."""

from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellable.inventory.models import Source, SourceItem, StockSourceLink


def pickup_locations_for(
    session: Session, stock_id: int, skus: Collection[str], code: str | None = None
) -> list[Source]:
    """Active pickup sources of the stock holding a source item of every SKU.

    Magento offers In-Store Pickup only where every product of the cart is
    assigned (the row may be at 0); a cart with a product no store carries
    (the downloadable item kept in `hq`) gets no pickup option.
    """
    wanted = set(skus)
    if not wanted:
        return []
    assigned = (
        select(SourceItem.source_code)
        .where(SourceItem.sku.in_(wanted))
        .group_by(SourceItem.source_code)
        .having(func.count(func.distinct(SourceItem.sku)) == len(wanted))
    )
    query = (
        select(Source)
        .join(StockSourceLink, StockSourceLink.source_code == Source.source_code)
        .where(
            StockSourceLink.stock_id == stock_id,
            Source.enabled.is_(True),
            Source.is_pickup_location_active.is_(True),
            Source.source_code.in_(assigned),
        )
        .order_by(StockSourceLink.priority, Source.source_code)
    )
    if code is not None:
        query = query.where(Source.source_code == code)
    return list(session.scalars(query))


def location_name(source: Source) -> str:
    """The name the storefront shows: the frontend name, else the source name."""
    return source.frontend_name or source.name
