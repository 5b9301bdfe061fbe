"""In-store pickup location search over HTTP (2.4 tutorial, step 14)."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from sellable.inventory.geonames import import_geonames
from sellable.inventory.pickup import pickup_location
from sellable.kit.database import unit_of_work
from tests.integration.selection_scenario import (
    add_geonames,
    fixture_call,
    tutorial_inventory,
)

PATH = "/rest/default/V1/inventory/in-store-pickup/pickup-locations/"
SEARCH = fixture_call("14-in-store-pickup.json", "search-pickup-locations")


@pytest.fixture(autouse=True)
def inventory(session_factory: sessionmaker[Session]) -> None:
    with unit_of_work(session_factory) as session:
        tutorial_inventory(session, "13-bulk-transfer.json")


@pytest.fixture(autouse=True)
def geonames(
    session_factory: sessionmaker[Session], request: pytest.FixtureRequest
) -> None:
    """Two states' geonames, or the whole import when a test asks for it."""
    with unit_of_work(session_factory) as session:
        if "full_geonames" in request.fixturenames:
            import_geonames(session, "us")
        else:
            add_geonames(session, {"New York", "California"})


@pytest.fixture
def full_geonames() -> None:
    """Marks a test that needs every US geoname, as `inventory-geonames:import us`."""


def search(client: TestClient, **params: str) -> Any:
    query = [(f"searchRequest{key}", value) for key, value in params.items()]
    return client.get(PATH, params=query)


def codes(body: dict[str, Any]) -> list[str]:
    return [item["pickup_location_code"] for item in body["items"]]


@pytest.mark.usefixtures("full_geonames")
def test_new_york_search_lists_the_three_stores_by_distance(client: TestClient) -> None:
    expected = SEARCH["expect"]["body_subset"]

    response = client.get(PATH, params=SEARCH["query"])

    assert response.status_code == 200, response.text
    body = response.json()
    assert codes(body) == ["manhattan", "brooklyn", "huntington"]
    for actual, wanted in zip(body["items"], expected["items"], strict=True):
        assert wanted.items() <= actual.items()
    assert expected["search_request"].items() <= body["search_request"].items()
    assert body["total_count"] == 3


def test_a_postcode_search_measures_from_that_postcode(client: TestClient) -> None:
    response = search(client, **{"[area][radius]": "10", "[area][searchTerm]": "11743"})

    assert response.status_code == 200
    assert codes(response.json()) == ["huntington"]


def test_without_an_area_every_pickup_location_is_listed(client: TestClient) -> None:
    response = search(client)

    assert response.status_code == 200
    assert sorted(codes(response.json())) == [
        "berkeley", "brooklyn", "huntington", "manhattan", "sausalito",
    ]  # fmt: skip


def test_filters_sort_and_pages_apply(client: TestClient) -> None:
    response = search(
        client,
        **{
            "[filters][region][value]": "California",
            "[sort][0][field]": "name",
            "[sort][0][direction]": "DESC",
            "[pageSize]": "1",
            "[currentPage]": "1",
        },
    )

    assert response.status_code == 200
    assert codes(response.json()) == ["sausalito"]
    assert response.json()["total_count"] == 2


def test_a_sku_held_by_no_store_finds_nothing(client: TestClient) -> None:
    response = search(
        client, **{"[extensionAttributes][productsInfo][0][sku]": "240-LV06"}
    )

    assert response.status_code == 200
    assert response.json()["items"] == []
    assert response.json()["total_count"] == 0


def test_an_unknown_place_finds_nothing(client: TestClient) -> None:
    response = search(
        client, **{"[area][radius]": "50", "[area][searchTerm]": "Atlantis"}
    )

    assert response.status_code == 200
    assert response.json()["total_count"] == 0


def test_the_json_form_gives_the_same_answer(client: TestClient) -> None:
    body = {
        "searchRequest": {
            "area": {"radius": 50, "searchTerm": "New York"},
            "scopeCode": "base",
            "extensionAttributes": {"productsInfo": [{"sku": "24-WB01"}]},
        }
    }

    response = client.post(PATH, json=body)

    assert response.status_code == 200, response.text
    assert codes(response.json()) == ["manhattan", "brooklyn", "huntington"]


BAD_QUERIES = {
    "unknown website": ({"[scopeCode]": "mars"}, 404),
    "radius not a number": ({"[area][radius]": "far", "[area][searchTerm]": "x"}, 400),
    "area without a term": ({"[area][radius]": "5"}, 400),
    "unknown filter": ({"[filters][colour][value]": "red"}, 400),
    "page zero": ({"[currentPage]": "0"}, 400),
}


@pytest.mark.parametrize("case", BAD_QUERIES, ids=list(BAD_QUERIES))
def test_bad_search_requests_answer_magento_style_errors(
    client: TestClient, case: str
) -> None:
    params, status = BAD_QUERIES[case]

    response = search(client, **params)

    assert response.status_code == status, response.text
    assert "%" in response.json()["message"] or response.json()["parameters"]


def test_checkout_finds_active_pickup_locations_only(
    session_factory: sessionmaker[Session],
) -> None:
    with unit_of_work(session_factory) as session:
        brooklyn = pickup_location(session, "brooklyn")
        warehouse = pickup_location(session, "ne_wh")
        unknown = pickup_location(session, "nowhere")

    assert (
        brooklyn is not None
        and brooklyn.frontend_name == "Brooklyn (Williamsburg) Store"
    )
    assert warehouse is None
    assert unknown is None
