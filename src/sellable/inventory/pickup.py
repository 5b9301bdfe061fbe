"""In-store pickup locations: the website stock's sources customers collect from."""

from collections.abc import Collection

import structlog
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellable.inventory.distance import great_circle_km
from sellable.inventory.geonames import LatLng, geocode
from sellable.inventory.models import Source, SourceItem, StockSourceLink
from sellable.inventory.pickup_domain import (
    LOCATION_FIELDS,
    PickupLocation,
    PickupSearch,
    search,
)
from sellable.inventory.salability import stock_id_for_website
from sellable.kit.errors import InputError, NotFound
from sellable.store import config
from sellable.store.models import Website

log = structlog.get_logger(__name__)

DEFAULT_COUNTRY_PATH = "general/country/default"


def pickup_location(session: Session, code: str) -> Source | None:
    """The enabled source with this code when it is an active pickup location."""
    source = session.get(Source, code)
    if source is None or not source.enabled or not source.is_pickup_location_active:
        return None
    return source


def search_pickup_locations(
    session: Session, request: PickupSearch
) -> tuple[list[PickupLocation], int]:
    """Pickup locations of the sales channel's stock matching the search request."""
    stock_id = stock_for_scope(session, request.scope_type, request.scope_code)
    sources = pickup_sources(session, stock_id, request.skus)

    origin = (
        search_origin(session, request.search_term) if request.search_term else None
    )
    if request.search_term and origin is None:
        log.info("pickup_search.unknown_place", search_term=request.search_term)
        return [], 0

    locations = [as_location(source, origin) for source in sources]
    return search(locations, request)


def stock_for_scope(session: Session, scope_type: str, scope_code: str) -> int:
    """The stock assigned to a website sales channel."""
    if scope_type != "website":
        raise InputError('The "%1" sales channel type is not supported.', [scope_type])
    website = session.scalar(
        select(Website.website_id).where(Website.code == scope_code)
    )
    stock_id = stock_id_for_website(session, scope_code) if website else None
    if stock_id is None:
        raise NotFound(
            "No such entity with %fieldName = %fieldValue",
            {"fieldName": "code", "fieldValue": scope_code},
        )
    return stock_id


def pickup_sources(
    session: Session, stock_id: int, skus: Collection[str], code: str | None = None
) -> list[Source]:
    """Enabled active pickup sources of the stock holding a row for every SKU.

    By link priority, then code; `code` keeps only that source.
    """
    query = (
        select(Source)
        .join(StockSourceLink, StockSourceLink.source_code == Source.source_code)
        .where(
            StockSourceLink.stock_id == stock_id,
            Source.enabled.is_(True),
            Source.is_pickup_location_active.is_(True),
        )
        .order_by(StockSourceLink.priority, Source.source_code)
    )
    if code is not None:
        query = query.where(Source.source_code == code)
    wanted = set(skus)
    if wanted:
        holding = (
            select(SourceItem.source_code)
            .where(SourceItem.sku.in_(wanted))
            .group_by(SourceItem.source_code)
            .having(func.count(func.distinct(SourceItem.sku)) == len(wanted))
        )
        query = query.where(Source.source_code.in_(holding))
    return list(session.scalars(query))


def search_origin(session: Session, search_term: str) -> LatLng | None:
    """Geocode `postcode-or-city[:country]` offline, in the default country."""
    term, _, country = search_term.partition(":")
    country = country.strip() or config.get_value(session, DEFAULT_COUNTRY_PATH) or "US"
    term = term.strip()
    return geocode(session, country, postcode=term, city=term)


def as_location(source: Source, origin: LatLng | None) -> PickupLocation:
    """The source as Magento's pickup location, measured from the origin."""
    values = {
        "pickup_location_code": source.source_code,
        "name": source.name,
        "email": source.email,
        "fax": source.fax,
        "contact_name": source.contact_name,
        "description": source.frontend_description,
        "latitude": source.latitude,
        "longitude": source.longitude,
        "country_id": source.country_id,
        "region_id": source.region_id,
        "region": source.region,
        "city": source.city,
        "street": source.street,
        "postcode": source.postcode,
        "phone": source.phone,
    }
    distance = None
    if (
        origin is not None
        and source.latitude is not None
        and source.longitude is not None
    ):
        point = (float(source.latitude), float(source.longitude))
        distance = great_circle_km(point, origin)
    fields = {key: values[key] for key in LOCATION_FIELDS if values[key] is not None}
    return PickupLocation(fields, distance)
