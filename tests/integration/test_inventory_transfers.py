"""Bulk transfers and bulk (un)assignment: numbers, and refusals that change nothing."""

from fastapi.testclient import TestClient
from httpx import Response

from tests.integration.inventory_setup import (
    API,
    add_source,
    items_of,
    set_items,
    two_warehouses,
)

Headers = dict[str, str]


def _full(
    client: TestClient,
    headers: Headers,
    origin: str,
    destination: str,
    unassign: bool,
    skus: list[str] | None = None,
) -> Response:
    body = {
        "skus": skus or ["24-WB01"],
        "originSource": origin,
        "destinationSource": destination,
        "unassignFromOrigin": unassign,
    }
    return client.post(
        f"{API}/bulk-product-source-transfer", json=body, headers=headers
    )


def _partial(
    client: TestClient,
    headers: Headers,
    origin: str,
    destination: str,
    *items: tuple[str, float],
) -> Response:
    body = {
        "originSourceCode": origin,
        "destinationSourceCode": destination,
        "items": [{"sku": sku, "qty": qty} for sku, qty in items],
    }
    return client.post(
        f"{API}/bulk-partial-source-transfer", json=body, headers=headers
    )


def test_full_transfer_keeps_the_origin_row_empty_and_out_of_stock(
    client: TestClient, admin_headers: Headers
) -> None:
    two_warehouses(client, admin_headers)

    response = _full(client, admin_headers, "east", "west", False)

    assert response.status_code == 200 and response.json() is True
    assert items_of(client, admin_headers, "24-WB01") == {
        "default": (100, 1),
        "east": (0, 0),
        "west": (50, 1),
    }


def test_full_transfer_with_unassign_creates_the_destination_row(
    client: TestClient, admin_headers: Headers
) -> None:
    two_warehouses(client, admin_headers)
    add_source(client, admin_headers, "north")
    set_items(client, admin_headers, ("24-WB01", "east", 30, 0))

    response = _full(client, admin_headers, "east", "north", True)

    assert response.status_code == 200
    assert items_of(client, admin_headers, "24-WB01") == {
        "default": (100, 1),
        "north": (30, 0),
        "west": (20, 1),
    }


def test_full_transfer_refusals_change_nothing(
    client: TestClient, admin_headers: Headers
) -> None:
    two_warehouses(client, admin_headers)
    before = items_of(client, admin_headers, "24-WB01")

    same = _full(client, admin_headers, "east", "east", False)
    unknown_source = _full(client, admin_headers, "east", "mars", False)
    unknown_sku = _full(
        client, admin_headers, "east", "west", False, ["24-WB01", "NOPE"]
    )

    assert same.status_code == 400
    assert same.json()["errors"] == [
        {"message": "Cannot transfer a source on itself", "parameters": []}
    ]
    assert unknown_source.status_code == 400
    assert unknown_sku.status_code == 400
    assert unknown_sku.json()["parameters"] == ["NOPE"]
    assert items_of(client, admin_headers, "24-WB01") == before


def test_partial_transfer_moves_the_quantity_and_marks_the_destination_in_stock(
    client: TestClient, admin_headers: Headers
) -> None:
    two_warehouses(client, admin_headers)
    set_items(client, admin_headers, ("24-WB01", "west", 20, 0))

    response = _partial(client, admin_headers, "east", "west", ("24-WB01", 5))

    assert response.status_code == 200 and response.json() == []
    assert items_of(client, admin_headers, "24-WB01") == {
        "default": (100, 1),
        "east": (25, 1),
        "west": (25, 1),
    }


def test_partial_transfer_validation_fails_without_writing(
    client: TestClient, admin_headers: Headers
) -> None:
    two_warehouses(client, admin_headers)
    add_source(client, admin_headers, "north")
    before = items_of(client, admin_headers, "24-WB01")

    answers = [
        _partial(client, admin_headers, "east", "west", ("24-WB01", 31)),
        _partial(
            client, admin_headers, "east", "west", ("24-WB01", 20), ("24-WB01", 11)
        ),
        _partial(client, admin_headers, "east", "north", ("24-WB01", 1)),
        _partial(client, admin_headers, "east", "east", ("24-WB01", 1)),
        _partial(client, admin_headers, "east", "west", ("24-WB01", 0)),
    ]

    assert [a.status_code for a in answers] == [400] * len(answers)
    assert {a.json()["message"] for a in answers} == {"Transfer validation failed"}
    assert answers[2].json()["errors"][0]["parameters"] == {
        "sku": "24-WB01",
        "sourceCode": "north",
    }
    assert items_of(client, admin_headers, "24-WB01") == before


def test_bulk_assign_and_unassign_count_rows(
    client: TestClient, admin_headers: Headers
) -> None:
    two_warehouses(client, admin_headers)
    add_source(client, admin_headers, "north")
    body = {"skus": ["24-WB01", "24-WB03"], "sourceCodes": ["east", "north"]}

    assigned = client.post(
        f"{API}/bulk-product-source-assign", json=body, headers=admin_headers
    )
    unassigned = client.post(
        f"{API}/bulk-product-source-unassign", json=body, headers=admin_headers
    )
    unknown = client.post(
        f"{API}/bulk-product-source-assign",
        headers=admin_headers,
        json={"skus": ["24-WB01"], "sourceCodes": ["mars"]},
    )

    assert assigned.json() == 3
    assert unassigned.json() == 4
    assert set(items_of(client, admin_headers, "24-WB01")) == {"default", "west"}
    assert unknown.status_code == 400
