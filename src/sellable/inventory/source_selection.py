"""Run a source selection algorithm against the stock's physical quantities."""

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

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
    CandidateRow,
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
    if session.get(Stock, stock_id) is None:
        raise StockNotFound(parameters={"value": stock_id})

    sources = enabled_sources_by_priority(session, stock_id)
    order = [source.source_code for source in sources]
    if algorithm_code == "distance":
        order = order_by_distance(
            order, source_distances(session, sources, destination)
        )

    rows = in_stock_rows(session, order, items.keys())
    result = select_in_order(order, rows, items)
    log.info(
        "source_selection.ran",
        stock_id=stock_id,
        algorithm=algorithm_code,
        shippable=result.shippable,
    )
    return result


def enabled_sources_by_priority(session: Session, stock_id: int) -> list[Source]:
    """The stock's enabled sources, in link priority order."""
    return list(
        session.scalars(
            select(Source)
            .join(StockSourceLink, StockSourceLink.source_code == Source.source_code)
            .where(StockSourceLink.stock_id == stock_id, Source.enabled.is_(True))
            .order_by(StockSourceLink.priority, StockSourceLink.link_id)
        )
    )


def in_stock_rows(
    session: Session, source_codes: Sequence[str], skus: Iterable[str]
) -> list[CandidateRow]:
    """Status-1 source items of these SKUs at these sources (physical quantity)."""
    wanted = set(skus)
    if not source_codes or not wanted:
        return []
    found = session.execute(
        select(SourceItem.source_code, SourceItem.sku, SourceItem.quantity).where(
            SourceItem.source_code.in_(source_codes),
            SourceItem.sku.in_(wanted),
            SourceItem.status == SOURCE_ITEM_IN_STOCK,
        )
    ).all()
    return [CandidateRow(code, sku, Decimal(qty)) for code, sku, qty in found]


def source_distances(
    session: Session,
    sources: Sequence[Source],
    destination: DestinationAddress | None,
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
    return {source.source_code: source_distance(source, point) for source in sources}


def source_distance(source: Source, point: tuple[float, float]) -> float | None:
    """Distance from the point to the source, or None when it has no coordinates."""
    if source.latitude is None or source.longitude is None:
        return None
    return great_circle_km((float(source.latitude), float(source.longitude)), point)


def distance_provider_code(session: Session) -> str:
    """The configured distance provider; every provider geocodes offline here."""
    return config.get_value(session, DISTANCE_PROVIDER_PATH) or "offline"


def describe(address: DestinationAddress) -> str:
    """The address as one line, for error messages."""
    parts = (address.street, address.postcode, address.city, address.region)
    return ", ".join(part for part in (*parts, address.country) if part)
