"""Source items through REST: upsert, search, delete, and all-or-nothing saves."""

from typing import Any

from fastapi.testclient import TestClient

from tests.integration.inventory_setup import (
    API,
    add_source,
    items_of,
    salable,
    set_items,
    two_warehouses,
)

Headers = dict[str, str]


def _save(
    client: TestClient, headers: Headers, *items: dict[str, Any]
) -> dict[str, Any]:
    response = client.post(
        f"{API}/source-items", json={"sourceItems": list(items)}, headers=headers
    )
    assert response.status_code == 400, response.text
    return dict(response.json())


def test_saving_again_replaces_quantity_and_status(
    client: TestClient, admin_headers: Headers
) -> None:
    two_warehouses(client, admin_headers)

    set_items(client, admin_headers, ("24-WB01", "east", 12.5, 0))

    assert items_of(client, admin_headers, "24-WB01") == {
        "default": (100, 1),
        "east": (12.5, 0),
        "west": (20, 1),
    }


def test_source_items_search_by_quantity_and_status(
    client: TestClient, admin_headers: Headers
) -> None:
    two_warehouses(client, admin_headers)
    first, second = "searchCriteria[filterGroups][0]", "searchCriteria[filterGroups][1]"
    query = [
        (f"{first}[filters][0][field]", "quantity"),
        (f"{first}[filters][0][value]", "25"),
        (f"{first}[filters][0][conditionType]", "lt"),
        (f"{second}[filters][0][field]", "status"),
        (f"{second}[filters][0][value]", "1"),
    ]

    found = client.get(
        f"{API}/source-items", params=query, headers=admin_headers
    ).json()

    assert [(i["sku"], i["source_code"]) for i in found["items"]] == [
        ("24-WB01", "west")
    ]
    assert found["total_count"] == 1


def test_one_unknown_source_writes_no_row_at_all(
    client: TestClient, admin_headers: Headers
) -> None:
    add_source(client, admin_headers, "east")
    good = {"sku": "24-WB01", "source_code": "east", "quantity": 5, "status": 1}
    bad = {"sku": "24-WB03", "source_code": "nowhere", "quantity": 5, "status": 1}

    answer = _save(client, admin_headers, good, bad)

    assert (
        answer["message"]
        == 'Validation Failed: Source with code "%value" does not exist.'
    )
    assert answer["parameters"] == {"value": "nowhere"}
    assert "east" not in items_of(client, admin_headers, "24-WB01")


def test_unknown_sku_missing_quantity_and_bad_status_are_refused(
    client: TestClient, admin_headers: Headers
) -> None:
    add_source(client, admin_headers, "east")

    unknown = _save(
        client,
        admin_headers,
        {"sku": "NOPE", "source_code": "east", "quantity": 1, "status": 1},
    )
    no_qty = _save(
        client, admin_headers, {"sku": "24-WB01", "source_code": "east", "status": 1}
    )
    status = _save(
        client,
        admin_headers,
        {"sku": "24-WB01", "source_code": "east", "quantity": 1, "status": 7},
    )
    empty = client.post(
        f"{API}/source-items", json={"sourceItems": []}, headers=admin_headers
    )

    assert unknown["parameters"] == {"sku": "NOPE"}
    assert no_qty["message"] == 'Validation Failed: "%field" should be numeric.'
    assert status["message"] == 'Validation Failed: "%field" should a known status.'
    assert empty.status_code == 400 and empty.json()["message"] == "Input data is empty"
    assert "east" not in items_of(client, admin_headers, "24-WB01")


def test_a_negative_row_is_kept_but_sells_nothing(
    client: TestClient, admin_headers: Headers
) -> None:
    stock_id = two_warehouses(client, admin_headers)

    set_items(client, admin_headers, ("24-WB01", "east", -5, 1))

    assert items_of(client, admin_headers, "24-WB01")["east"] == (-5, 1)
    assert salable(client, admin_headers, "24-WB01", stock_id) == 20


def test_deleting_source_items_unassigns_the_sku(
    client: TestClient, admin_headers: Headers
) -> None:
    stock_id = two_warehouses(client, admin_headers)
    rows = [
        {"sku": "24-WB01", "source_code": "east"},
        {"sku": "24-WB01", "source_code": "mars"},
    ]

    response = client.post(
        f"{API}/source-items-delete", json={"sourceItems": rows}, headers=admin_headers
    )

    assert response.status_code == 200 and response.json() == []
    assert set(items_of(client, admin_headers, "24-WB01")) == {"default", "west"}
    assert salable(client, admin_headers, "24-WB01", stock_id) == 20


def test_missing_body_key_is_a_400(client: TestClient, admin_headers: Headers) -> None:
    response = client.post(
        f"{API}/source-items", json={"items": []}, headers=admin_headers
    )

    assert response.status_code == 400
    assert response.json()["parameters"] == {"fieldName": "sourceItems"}


def test_source_items_search_by_sku_pattern_and_source_list(
    client: TestClient, admin_headers: Headers
) -> None:
    two_warehouses(client, admin_headers)
    first, second = "searchCriteria[filterGroups][0]", "searchCriteria[filterGroups][1]"
    query = [
        (f"{first}[filters][0][field]", "sku"),
        (f"{first}[filters][0][value]", "24-WB%"),
        (f"{first}[filters][0][conditionType]", "like"),
        (f"{second}[filters][0][field]", "source_code"),
        (f"{second}[filters][0][value]", "east,default"),
        (f"{second}[filters][0][conditionType]", "in"),
    ]

    found = client.get(f"{API}/source-items", params=query, headers=admin_headers)

    assert found.status_code == 200
    assert found.json()["total_count"] == 3
