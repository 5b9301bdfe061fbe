"""Bulk assign, unassign and transfer: missing origin rows, out-of-stock origins."""

from typing import Any

from fastapi.testclient import TestClient
from httpx import Response

from tests.integration.inventory_setup import (
    API,
    add_source,
    items_of,
    link,
    salable,
    set_items,
    two_warehouses,
)

Headers = dict[str, str]


def _full(
    client: TestClient, headers: Headers, origin: str, destination: str, **body: Any
) -> Response:
    payload = {
        "skus": body.pop("skus", ["24-WB01"]),
        "originSource": origin,
        "destinationSource": destination,
        "unassignFromOrigin": body.pop("unassign", False),
    }
    return client.post(
        f"{API}/bulk-product-source-transfer", json=payload, headers=headers
    )


def _bulk(client: TestClient, headers: Headers, action: str, **body: Any) -> Response:
    return client.post(
        f"{API}/bulk-product-source-{action}", json=body, headers=headers
    )


def test_transfer_of_a_sku_with_no_row_at_the_origin_changes_nothing(
    client: TestClient, admin_headers: Headers
) -> None:
    stock_id = two_warehouses(client, admin_headers)
    add_source(client, admin_headers, "north")

    response = _full(
        client, admin_headers, "north", "east", skus=["24-WB01", "24-WB03"]
    )

    assert response.status_code == 200, response.text
    assert items_of(client, admin_headers, "24-WB01") == {
        "default": (100, 1),
        "east": (30, 1),
        "west": (20, 1),
    }
    assert items_of(client, admin_headers, "24-WB03") == {"default": (100, 1)}
    assert salable(client, admin_headers, "24-WB01", stock_id) == 50


def test_out_of_stock_origin_does_not_take_the_destination_off_sale(
    client: TestClient, admin_headers: Headers
) -> None:
    stock_id = two_warehouses(client, admin_headers)
    set_items(client, admin_headers, ("24-WB01", "east", 0, 0))

    response = _full(client, admin_headers, "east", "west")

    assert response.status_code == 200, response.text
    assert items_of(client, admin_headers, "24-WB01")["west"] == (20, 1)
    assert items_of(client, admin_headers, "24-WB01")["east"] == (0, 0)
    assert salable(client, admin_headers, "24-WB01", stock_id) == 20


def test_units_marked_out_of_stock_stay_off_sale_at_an_in_stock_destination(
    client: TestClient, admin_headers: Headers
) -> None:
    stock_id = two_warehouses(client, admin_headers)
    set_items(client, admin_headers, ("24-WB01", "east", 7, 0))

    _full(client, admin_headers, "east", "west", unassign=True)

    assert items_of(client, admin_headers, "24-WB01") == {
        "default": (100, 1),
        "west": (27, 1),
    }
    assert salable(client, admin_headers, "24-WB01", stock_id) == 27


def test_in_stock_units_put_an_out_of_stock_destination_back_on_sale(
    client: TestClient, admin_headers: Headers
) -> None:
    stock_id = two_warehouses(client, admin_headers)
    set_items(client, admin_headers, ("24-WB01", "west", 0, 0))

    _full(client, admin_headers, "east", "west")

    assert items_of(client, admin_headers, "24-WB01")["west"] == (30, 1)
    assert salable(client, admin_headers, "24-WB01", stock_id) == 30


def test_out_of_stock_origin_creates_an_out_of_stock_destination_row(
    client: TestClient, admin_headers: Headers
) -> None:
    stock_id = two_warehouses(client, admin_headers)
    add_source(client, admin_headers, "north")
    link(client, admin_headers, stock_id, "east", "west", "north")
    set_items(client, admin_headers, ("24-WB01", "east", 0, 0))

    _full(client, admin_headers, "east", "north", unassign=True)

    assert items_of(client, admin_headers, "24-WB01") == {
        "default": (100, 1),
        "north": (0, 0),
        "west": (20, 1),
    }
    assert salable(client, admin_headers, "24-WB01", stock_id) == 20


def test_bulk_assign_adds_empty_rows_only_where_missing_and_unassign_removes(
    client: TestClient, admin_headers: Headers
) -> None:
    stock_id = two_warehouses(client, admin_headers)

    added = _bulk(
        client,
        admin_headers,
        "assign",
        skus=["24-WB01", "24-WB03"],
        sourceCodes=["east", "west"],
    )
    after_assign = items_of(client, admin_headers, "24-WB03")
    removed = _bulk(
        client, admin_headers, "unassign", skus=["24-WB01"], sourceCodes=["east"]
    )

    assert added.json() == 2
    assert after_assign == {"default": (100, 1), "east": (0, 0), "west": (0, 0)}
    assert items_of(client, admin_headers, "24-WB01")["west"] == (20, 1)
    assert removed.json() == 1
    assert "east" not in items_of(client, admin_headers, "24-WB01")
    assert salable(client, admin_headers, "24-WB01", stock_id) == 20
    assert salable(client, admin_headers, "24-WB03", stock_id) == 0


def test_partial_transfer_from_an_origin_without_the_row_is_refused(
    client: TestClient, admin_headers: Headers
) -> None:
    two_warehouses(client, admin_headers)
    add_source(client, admin_headers, "north")
    body = {
        "originSourceCode": "north",
        "destinationSourceCode": "east",
        "items": [{"sku": "24-WB01", "qty": 5}],
    }

    response = client.post(
        f"{API}/bulk-partial-source-transfer", json=body, headers=admin_headers
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["parameters"] == {
        "sku": "24-WB01",
        "sourceCode": "north",
    }
    assert items_of(client, admin_headers, "24-WB01")["east"] == (30, 1)
