"""REST routes of in-store pickup location search (anyone may call them)."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, Request

from sellable.inventory.pickup import search_pickup_locations
from sellable.inventory.pickup_domain import PickupLocation, PickupSearch
from sellable.inventory.pickup_request import build_search, query_tree, snake_keys
from sellable.kit.errors import required_field
from sellable.kit.responses import MagentoJSONResponse
from sellable.kit.web import DbSession, Scope

router = APIRouter(tags=["inventory in-store pickup"])

PATH = "/V1/inventory/in-store-pickup/pickup-locations/"


@router.get(PATH)
def search_by_query(
    request: Request, session: DbSession, scope: Scope
) -> MagentoJSONResponse:
    """Pickup locations near a place, for the website's stock (query string form)."""
    tree = query_tree(request.query_params.multi_items())
    return run_search(session, build_search(tree, scope.website_code))


@router.post(PATH)
def search_by_body(
    session: DbSession, scope: Scope, body: Annotated[dict[str, Any], Body()]
) -> MagentoJSONResponse:
    """Pickup locations near a place, for the website's stock (JSON form)."""
    tree = snake_keys(body).get("search_request")
    if not isinstance(tree, dict):
        raise required_field("searchRequest")
    return run_search(session, build_search(tree, scope.website_code))


def run_search(session: DbSession, search: PickupSearch) -> MagentoJSONResponse:
    items, total = search_pickup_locations(session, search)
    return MagentoJSONResponse(
        {
            "items": [render_location(item) for item in items],
            "search_request": search.echo(),
            "total_count": total,
        }
    )


def render_location(location: PickupLocation) -> dict[str, Any]:
    return dict(location.fields)
