"""Run a source selection algorithm against the stock's physical quantities."""

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import structlog
from sqlalchemy import select
from sqlalchemy.orm import Session

from sellable.inventory.distance import great_circle_km
from sellable.inventory.errors import StockNotFound
from sellable.inventory.geonames import geocode
from sellable.inventory.models import (
    SOURCE_ITEM_IN_STOCK,
    Source,
    SourceItem,
    Stock,
    StockSourceLink,
)
from sellable.inventory.selection_domain import (
    DestinationAddress,
    SourceSelectionItem,
    SourceSelectionResult,
    order_by_distance,
    select_in_order,
)
from sellable.kit.errors import InputError
from sellable.store import config

__all__ = [
    "ALGORITHMS",
    "DestinationAddress",
    "SourceSelectionItem",
    "SourceSelectionResult",
    "distance_provider_code",
    "select_sources",
]

log = structlog.get_logger(__name__)

DISTANCE_PROVIDER_PATH = "cataloginventory/source_selection_distance_based/provider"

ALGORITHMS: dict[str, tuple[str, str]] = {
    "distance": (
        "Distance Priority",
        "Algorithm which provides Source Selections based on shipping address "
        "distance from the source",
    ),
    "priority": (
        "Source Priority",
        "Algorithm which provides Source Selections based on predefined priority "
        "of Source",
    ),
}


def select_sources(
    session: Session,
    stock_id: int,
    items: Mapping[str, Decimal],
    algorithm_code: str = "priority",
    destination: DestinationAddress | None = None,
) -> SourceSelectionResult:
    """Propose how much of each SKU to deduct from which source; saves nothing."""
    if algorithm_code not in ALGORITHMS:
        raise InputError(
            "There is no such Source Selection Algorithm implemented: %1",
            [algorithm_code],
        )
    rows = in_stock_rows(session, stock_id, items.keys())
    if not rows and session.get(Stock, stock_id) is None:
        raise StockNotFound(parameters={"value": stock_id})

    order = list(dict.fromkeys(row[0] for row in rows))
    if algorithm_code == "distance":
        distances = source_distances(session, stock_id, destination)
        order = order_by_distance(order, distances)

    result = select_in_order(order, rows, items)
    log.info(
        "source_selection.ran",
        stock_id=stock_id,
        algorithm=algorithm_code,
        shippable=result.shippable,
    )
    return result


def in_stock_rows(
    session: Session, stock_id: int, skus: Iterable[str]
) -> Sequence[tuple[str, str, Decimal]]:
    """(source_code, sku, quantity) of status-1 items at the stock's enabled sources.

    One query, in link priority order; the physical quantity, no reservations.
    """
    wanted = list(skus)
    if not wanted:
        return []
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        # Plain tuples straight from the driver; a hash join on the unnested
        # SKUs beats checking each row against a list.
        driver: Any = connection.connection
        with driver.cursor() as cursor:
            cursor.execute(
                POSTGRESQL_IN_STOCK_ROWS,
                {"stock": stock_id, "skus": wanted, "status": SOURCE_ITEM_IN_STOCK},
            )
            return cursor.fetchall()
    query = (
        select(SourceItem.source_code, SourceItem.sku, SourceItem.quantity)
        .join(StockSourceLink, StockSourceLink.source_code == SourceItem.source_code)
        .join(Source, Source.source_code == SourceItem.source_code)
        .where(
            StockSourceLink.stock_id == stock_id,
            Source.enabled.is_(True),
            SourceItem.sku.in_(wanted),
            SourceItem.status == SOURCE_ITEM_IN_STOCK,
        )
        .order_by(StockSourceLink.priority, StockSourceLink.link_id)
    )
    return connection.execute(query).tuples().all()


POSTGRESQL_IN_STOCK_ROWS = """
SELECT item.source_code, item.sku, item.quantity
FROM inventory_source_item AS item
JOIN inventory_source_stock_link AS link ON link.source_code = item.source_code
JOIN inventory_source AS source ON source.source_code = item.source_code
JOIN unnest(%(skus)s::varchar[]) AS wanted(sku) ON wanted.sku = item.sku
WHERE link.stock_id = %(stock)s AND source.enabled
    AND item.status = %(status)s
ORDER BY link.priority, link.link_id
"""


def enabled_source_coordinates(
    session: Session, stock_id: int
) -> list[tuple[str, Decimal | None, Decimal | None]]:
    """(source_code, latitude, longitude) of the stock's enabled sources."""
    return list(
        session.execute(
            select(Source.source_code, Source.latitude, Source.longitude)
            .join(StockSourceLink, StockSourceLink.source_code == Source.source_code)
            .where(StockSourceLink.stock_id == stock_id, Source.enabled.is_(True))
        ).tuples()
    )


def source_distances(
    session: Session, stock_id: int, destination: DestinationAddress | None
) -> dict[str, float | None]:
    """Kilometres from the geocoded destination to each source with coordinates."""
    if destination is None:
        raise InputError("No destination address was provided in the request")
    point = geocode(
        session,
        destination.country,
        postcode=destination.postcode,
        city=destination.city,
        region=destination.region,
    )
    if point is None and distance_provider_code(session) == "offline":
        raise InputError("Unknown geoname for %1", [describe(destination)])
    if point is None:
        # Online providers are not reachable from here; like Magento when a
        # provider answers nothing, fall back to the sources' priority order.
        log.warning("source_selection.no_geocode", address=describe(destination))
        return {}
    return {
        code: source_distance(latitude, longitude, point)
        for code, latitude, longitude in enabled_source_coordinates(session, stock_id)
    }


def source_distance(
    latitude: Decimal | None, longitude: Decimal | None, point: tuple[float, float]
) -> float | None:
    """Distance from the point to a source, or None when it has no coordinates."""
    if latitude is None or longitude is None:
        return None
    return great_circle_km((float(latitude), float(longitude)), point)


def distance_provider_code(session: Session) -> str:
    """The configured distance provider; every provider geocodes offline here."""
    return config.get_value(session, DISTANCE_PROVIDER_PATH) or "offline"


def describe(address: DestinationAddress) -> str:
    """The address as one line, for error messages."""
    parts = (address.street, address.postcode, address.city, address.region)
    return ", ".join(part for part in (*parts, address.country) if part)
