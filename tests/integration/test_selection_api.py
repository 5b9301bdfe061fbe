"""Source selection over HTTP on the 2.4 tutorial's stock (step 11)."""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from sellable.kit.database import unit_of_work
from sellable.kit.settings import Settings
from sellable.store import config
from tests.integration.selection_scenario import (
    add_geonames,
    admin_headers_for,
    fixture_call,
    tutorial_inventory,
)

RESULT = "/rest/default/V1/inventory/source-selection-algorithm-result"
STEP = "11-source-selection.json"

Headers = dict[str, str]


@pytest.fixture
def headers(session_factory: sessionmaker[Session], settings: Settings) -> Headers:
    with unit_of_work(session_factory) as session:
        tutorial_inventory(session, STEP)
        return admin_headers_for(session, settings)


@pytest.fixture
def geonames(session_factory: sessionmaker[Session]) -> None:
    with unit_of_work(session_factory) as session:
        add_geonames(session, {"New York"})
        config.set_value(
            session,
            "cataloginventory/source_selection_distance_based/provider",
            "offline",
        )


def replay(client: TestClient, headers: Headers, call_id: str) -> Any:
    call = fixture_call(STEP, call_id)
    response = client.request(
        call["method"], call["path"], json=call["body"], headers=headers
    )
    assert response.status_code == call["expect"]["status"], response.text
    return response.json(), call["expect"]["body"]


def test_lists_the_two_algorithms_exactly(client: TestClient, headers: Headers) -> None:
    body, expected = replay(client, headers, "ssa-list")

    assert body == expected


def test_priority_matches_magento_2_4_layout_exactly(
    client: TestClient, headers: Headers
) -> None:
    body, expected = replay(client, headers, "ssa-priority")

    assert body == expected


@pytest.mark.usefixtures("geonames")
def test_distance_from_mineola_matches_magento_2_4_layout_exactly(
    client: TestClient, headers: Headers
) -> None:
    body, expected = replay(client, headers, "ssa-distance")

    assert body == expected


@pytest.mark.usefixtures("geonames")
def test_distance_provider_code_is_the_configured_one(
    client: TestClient, headers: Headers
) -> None:
    response = client.get(
        "/rest/default/V1/inventory/get-distance-provider-code", headers=headers
    )

    assert response.status_code == 200
    assert response.json() == "offline"


@pytest.mark.usefixtures("geonames")
def test_geocodes_an_address_and_measures_a_distance(
    client: TestClient, headers: Headers
) -> None:
    point = client.get(
        "/rest/default/V1/inventory/get-latslngs-from-address",
        params={"address[country]": "US", "address[postcode]": "11501"},
        headers=headers,
    )
    distance = client.get(
        "/rest/default/V1/inventory/get-distance",
        params={
            "source[lat]": 40.87251,
            "source[lng]": -73.429352,
            "destination[lat]": point.json()[0]["lat"],
            "destination[lng]": point.json()[0]["lng"],
        },
        headers=headers,
    )

    assert point.status_code == 200
    assert point.json() == [{"lat": 40.7469, "lng": -73.6398}]
    assert distance.status_code == 200
    assert abs(distance.json() - 22.6) < 0.2


def ssa_body(**overrides: Any) -> dict[str, Any]:
    request = {"stockId": 2, "items": [{"sku": "24-WB01", "qty": 40}]}
    body: dict[str, Any] = {"inventoryRequest": request, "algorithmCode": "priority"}
    for key, value in overrides.items():
        if key in {"stockId", "items", "extension_attributes"}:
            request[key] = value
        else:
            body[key] = value
    return body


def test_more_than_the_stock_holds_is_not_shippable(
    client: TestClient, headers: Headers
) -> None:
    body = ssa_body(items=[{"sku": "24-WB01", "qty": 1000}])

    response = client.post(RESULT, json=body, headers=headers)

    assert response.status_code == 200
    assert response.json()["shippable"] is False
    deducted = sum(
        i["qty_to_deduct"] for i in response.json()["source_selection_items"]
    )
    assert deducted == 100


BadCase = tuple[Callable[[], dict[str, Any]], int, str]
BAD_REQUESTS: dict[str, BadCase] = {
    "unknown algorithm": (
        lambda: ssa_body(algorithmCode="nearest"),
        400,
        "There is no such Source Selection Algorithm implemented: %1",
    ),
    "unknown stock": (
        lambda: ssa_body(stockId=99),
        404,
        'Stock with id "%value" does not exist.',
    ),
    "missing stock id": (
        lambda: {"inventoryRequest": {"items": []}, "algorithmCode": "priority"},
        400,
        '"%fieldName" is required. Enter and try again.',
    ),
    "distance without destination": (
        lambda: ssa_body(algorithmCode="distance"),
        400,
        "No destination address was provided in the request",
    ),
    "negative quantity": (
        lambda: ssa_body(items=[{"sku": "24-WB01", "qty": -1}]),
        400,
        'Invalid value of "%value" provided for the %fieldName field.',
    ),
}


@pytest.mark.parametrize("case", BAD_REQUESTS, ids=list(BAD_REQUESTS))
def test_bad_requests_answer_magento_style_errors(
    client: TestClient, headers: Headers, case: str
) -> None:
    build, status, message = BAD_REQUESTS[case]

    response = client.post(RESULT, json=build(), headers=headers)

    assert response.status_code == status, response.text
    assert response.json()["message"] == message


@pytest.mark.usefixtures("geonames")
def test_distance_to_an_unknown_place_is_a_bad_request(
    client: TestClient, headers: Headers
) -> None:
    address = {"country": "US", "postcode": "00001", "city": "Nowhere Town"}
    body = ssa_body(
        algorithmCode="distance",
        extension_attributes={"destination_address": address},
    )

    response = client.post(RESULT, json=body, headers=headers)

    assert response.status_code == 400
    assert response.json()["message"] == "Unknown geoname for %1"


def test_anonymous_callers_are_refused(client: TestClient, headers: Headers) -> None:
    response = client.post(RESULT, json=ssa_body())

    assert response.status_code == 401
    assert "parameters" in response.json()


def test_without_geonames_an_online_provider_falls_back_to_priority(
    client: TestClient, headers: Headers
) -> None:
    address = {"country": "US", "postcode": "10577", "region": "43", "city": "Purchase"}
    distance = ssa_body(
        algorithmCode="distance",
        extension_attributes={"destination_address": address},
    )

    by_distance = client.post(RESULT, json=distance, headers=headers)
    by_priority = client.post(RESULT, json=ssa_body(), headers=headers)

    assert by_distance.status_code == 200, by_distance.text
    assert by_distance.json() == by_priority.json()
