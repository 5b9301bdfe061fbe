"""Run a source selection algorithm against the stock's physical quantities."""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import structlog
from sqlalchemy import Select, select
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
    Holdings,
    SourceSelectionItem,
    SourceSelectionResult,
    group_by_source,
    order_by_distance,
    select_from_holdings,
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
    order, holdings = stock_holdings(session, stock_id, items.keys())
    if not order and session.get(Stock, stock_id) is None:
        raise StockNotFound(parameters={"value": stock_id})

    if algorithm_code == "distance":
        distances = source_distances(session, stock_id, destination)
        order = order_by_distance(order, distances)

    result = select_from_holdings(order, holdings, items)
    log.info(
        "source_selection.ran",
        stock_id=stock_id,
        algorithm=algorithm_code,
        shippable=result.shippable,
    )
    return result


def stock_holdings(
    session: Session, stock_id: int, skus: Iterable[str]
) -> tuple[list[str], Holdings]:
    """The stock's enabled sources in link priority order, and what they hold.

    Holdings count status-1 items of the SKUs: the physical quantity, no
    reservations.
    """
    # A SKU with a NUL character cannot be stored (PostgreSQL refuses it in
    # text), so it holds nothing anywhere; asking for it would be an error.
    wanted = [sku for sku in skus if "\x00" not in sku]
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        return _postgresql_holdings(connection.connection, stock_id, wanted)
    order = list(connection.scalars(_enabled_source_order(stock_id)))
    if not order or not wanted:
        return order, {}
    rows = connection.execute(_in_stock_rows(order, wanted))
    return order, group_by_source(rows)


def _enabled_source_order(stock_id: int) -> Select[str]:
    return (
        select(StockSourceLink.source_code)
        .join(Source, Source.source_code == StockSourceLink.source_code)
        .where(StockSourceLink.stock_id == stock_id, Source.enabled.is_(True))
        .order_by(StockSourceLink.priority, StockSourceLink.link_id)
    )


def _in_stock_rows(
    source_codes: list[str], skus: list[str]
) -> Select[str, str, Decimal]:
    return select(SourceItem.source_code, SourceItem.sku, SourceItem.quantity).where(
        SourceItem.source_code.in_(source_codes),
        SourceItem.sku.in_(skus),
        SourceItem.status == SOURCE_ITEM_IN_STOCK,
    )


def _postgresql_holdings(
    driver: Any, stock_id: int, skus: list[str]
) -> tuple[list[str], Holdings]:
    """stock_holdings through the driver's own cursor, for large orders.

    A 100-line order over 50 sources is 5,000 items. Each source's items come
    as one string, "sku<US>qty<US>sku<US>qty...", split in C: decoding 5,000
    rows of three values costs more than finding them. A SKU holding the
    separator (a control character) falls back to plain rows. Each quantity's
    text becomes a Decimal once per distinct value. The statements are planned
    on every call (prepare=False): knowing the arrays, PostgreSQL hashes the
    source codes, where a reused generic plan compares each row with every code.
    """
    with driver.cursor() as cursor:
        cursor.execute(POSTGRESQL_ENABLED_SOURCES, {"stock": stock_id})
        order = [source_code for (source_code,) in cursor.fetchall()]
        if not order or not skus:
            return order, {}
        parameters = {"sources": order, "skus": skus, "status": SOURCE_ITEM_IN_STOCK}
        if any(SEPARATOR in sku for sku in skus):
            cursor.execute(POSTGRESQL_IN_STOCK_ROWS, parameters, prepare=False)
            return order, _rows_holdings(order, cursor.fetchall())
        cursor.execute(POSTGRESQL_IN_STOCK_PACKED, parameters, prepare=False)
        return order, _packed_holdings(order, cursor.fetchall())


def _rows_holdings(
    order: list[str], rows: list[tuple[str, str, str]]
) -> dict[str, dict[str, Decimal]]:
    decimals = _Decimals()
    holdings: dict[str, dict[str, Decimal]] = {code: {} for code in order}
    for source_code, sku, quantity in rows:
        holdings[source_code][sku] = decimals[quantity]
    return holdings


def _packed_holdings(
    order: list[str], rows: list[tuple[str, str]]
) -> dict[str, dict[str, Decimal]]:
    decimals = _Decimals()
    holdings: dict[str, dict[str, Decimal]] = {code: {} for code in order}
    for source_code, packed in rows:
        parts = packed.split(SEPARATOR)
        pairs = zip(parts[::2], parts[1::2], strict=True)
        holdings[source_code] = {sku: decimals[qty] for sku, qty in pairs}
    return holdings


class _Decimals(dict[str, Decimal]):
    """Decimal of a numeric's text, made on first use: stock levels repeat."""

    def __missing__(self, text: str) -> Decimal:
        value = self[text] = Decimal(text)
        return value


SEPARATOR = "\x1f"  # ASCII unit separator

POSTGRESQL_ENABLED_SOURCES = """
SELECT link.source_code
FROM inventory_source_stock_link AS link
JOIN inventory_source AS source ON source.source_code = link.source_code
WHERE link.stock_id = %(stock)s AND source.enabled
ORDER BY link.priority, link.link_id
"""

# No ORDER BY and no join: the caller knows the sources and their order, and
# sorting 5,000 rows or hashing them against the links cost PostgreSQL twice
# what finding them does.
POSTGRESQL_IN_STOCK_ROWS = """
SELECT source_code, sku, quantity::text
FROM inventory_source_item
WHERE sku = ANY(%(skus)s::varchar[])
    AND source_code = ANY(%(sources)s::varchar[])
    AND status = %(status)s
"""

POSTGRESQL_IN_STOCK_PACKED = """
SELECT source_code, string_agg(sku || chr(31) || quantity::text, chr(31))
FROM inventory_source_item
WHERE sku = ANY(%(skus)s::varchar[])
    AND source_code = ANY(%(sources)s::varchar[])
    AND status = %(status)s
GROUP BY source_code
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
