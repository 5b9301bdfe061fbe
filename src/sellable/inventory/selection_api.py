"""REST routes of source selection and the distance provider."""

from typing import Annotated, Any

from fastapi import APIRouter, Query

from sellable.inventory.distance import great_circle_km
from sellable.inventory.geonames import geocode
from sellable.inventory.selection_domain import SourceSelectionResult
from sellable.inventory.selection_schemas import SourceSelectionRequest
from sellable.inventory.source_selection import (
    ALGORITHMS,
    distance_provider_code,
    select_sources,
)
from sellable.kit.errors import InputError, required_field
from sellable.kit.responses import MagentoJSONResponse
from sellable.kit.web import AdminCaller, DbSession

router = APIRouter(tags=["inventory source selection"])


@router.get("/V1/inventory/source-selection-algorithm-list")
def list_algorithms(_caller: AdminCaller) -> list[dict[str, str]]:
    """The source selection algorithms this service offers."""
    return [
        {"code": code, "title": title, "description": description}
        for code, (title, description) in ALGORITHMS.items()
    ]


@router.post("/V1/inventory/source-selection-algorithm-result")
def run_algorithm(
    body: SourceSelectionRequest, session: DbSession, _caller: AdminCaller
) -> MagentoJSONResponse:
    """Propose source deductions for a stock's items (nothing is saved)."""
    request = body.inventory_request
    result = select_sources(
        session,
        request.stock_id,
        request.requested(),
        body.algorithm_code,
        request.destination(),
    )
    return MagentoJSONResponse(render_result(result))


def render_result(result: SourceSelectionResult) -> dict[str, Any]:
    return {
        "source_selection_items": [
            {
                "source_code": item.source_code,
                "sku": item.sku,
                "qty_to_deduct": item.qty_to_deduct,
                "qty_available": item.qty_available,
            }
            for item in result.items
        ],
        "shippable": result.shippable,
    }


@router.get("/V1/inventory/get-distance-provider-code")
def get_distance_provider_code(session: DbSession, _caller: AdminCaller) -> str:
    """The configured distance provider code."""
    return distance_provider_code(session)


@router.get("/V1/inventory/get-latslngs-from-address")
def get_latslngs_from_address(
    session: DbSession,
    _caller: AdminCaller,
    country: Annotated[str | None, Query(alias="address[country]")] = None,
    postcode: Annotated[str | None, Query(alias="address[postcode]")] = None,
    street: Annotated[str | None, Query(alias="address[street]")] = None,
    region: Annotated[str | None, Query(alias="address[region]")] = None,
    city: Annotated[str | None, Query(alias="address[city]")] = None,
) -> list[dict[str, float]]:
    """Coordinates of an address from the offline geonames table."""
    if not country:
        raise required_field("country")
    point = geocode(session, country, postcode=postcode, city=city, region=region)
    if point is None:
        address = ", ".join(p for p in (street, postcode, city, region, country) if p)
        raise InputError("Unknown geoname for %1", [address])
    return [{"lat": point[0], "lng": point[1]}]


@router.get("/V1/inventory/get-distance")
def get_distance(
    _caller: AdminCaller,
    source_lat: Annotated[float, Query(alias="source[lat]")],
    source_lng: Annotated[float, Query(alias="source[lng]")],
    destination_lat: Annotated[float, Query(alias="destination[lat]")],
    destination_lng: Annotated[float, Query(alias="destination[lng]")],
) -> float:
    """Great-circle distance between two points, in kilometres."""
    return great_circle_km((source_lat, source_lng), (destination_lat, destination_lng))
