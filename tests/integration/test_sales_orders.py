"""Reading, searching, cancelling and holding orders over REST."""

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.integration.ledger_assertions import assert_ledger_consistent
from tests.integration.sales_factory import (
    PlacedOrder,
    install_inventory,
    ledger,
    place_order,
)

Headers = dict[str, str]
D = Decimal


@pytest.fixture(autouse=True)
def ledger_ends_consistent(session_factory: sessionmaker[Session]) -> Iterator[None]:
    yield
    assert_ledger_consistent(session_factory)


@pytest.fixture
def stock_id(session_factory: sessionmaker[Session]) -> int:
    return install_inventory(session_factory)


@pytest.fixture
def order(session_factory: sessionmaker[Session], stock_id: int) -> PlacedOrder:
    return place_order(session_factory, stock_id)


def _get(client: TestClient, headers: Headers, order_id: int) -> Any:
    return client.get(f"/rest/default/V1/orders/{order_id}", headers=headers)


def _post(client: TestClient, headers: Headers, path: str, body: Any = None) -> Any:
    return client.post(f"/rest/default/V1/{path}", json=body, headers=headers)


def test_an_order_reads_as_magentos_order_object(
    client: TestClient, admin_headers: Headers, order: PlacedOrder
) -> None:
    response = _get(client, admin_headers, order.order_id)

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["entity_id"], body["increment_id"]) == (
        order.order_id,
        order.increment_id,
    )
    assert (body["state"], body["status"]) == ("new", "pending")
    assert body["customer_email"] == "jdoe@example.com"
    assert (body["subtotal"], body["discount_amount"]) == (2022, -404.4)
    assert (body["shipping_amount"], body["grand_total"]) == (300, 1917.6)
    assert (body["base_grand_total"], body["total_qty_ordered"]) == (1917.6, 61)
    assert (body["total_item_count"], body["order_currency_code"]) == (3, "USD")
    assert body["payment"]["method"] == "banktransfer"
    assert body["billing_address"]["city"] == "Mineola"
    items = {item["sku"]: item for item in body["items"]}
    assert (items["24-WB03"]["qty_ordered"], items["24-WB03"]["row_total"]) == (20, 720)
    assert items["240-LV06"]["product_type"] == "downloadable"
    assert items["240-LV06"]["is_virtual"] == 1
    assert items["24-WB01"]["item_id"] == order.item_ids["24-WB01"]
    shipping = body["extension_attributes"]["shipping_assignments"][0]["shipping"]
    assert shipping["method"] == "flatrate_flatrate"
    assert shipping["address"]["address_type"] == "shipping"
    assert "pickup_location_code" not in body["extension_attributes"]
    assert None not in body.values()


def test_a_pickup_order_shows_its_location_and_method(
    client: TestClient,
    admin_headers: Headers,
    stock_id: int,
    session_factory: sessionmaker[Session],
) -> None:
    pickup = place_order(session_factory, stock_id, [("24-WB01", 2, D(0))], "brooklyn")

    body = _get(client, admin_headers, pickup.order_id).json()

    assert body["extension_attributes"]["pickup_location_code"] == "brooklyn"
    shipping = body["extension_attributes"]["shipping_assignments"][0]["shipping"]
    assert shipping["method"] == "instore_pickup"
    assert (body["grand_total"], body["shipping_amount"]) == (64, 0)


def test_orders_can_be_searched(
    client: TestClient,
    admin_headers: Headers,
    stock_id: int,
    session_factory: sessionmaker[Session],
) -> None:
    first = place_order(session_factory, stock_id)
    second = place_order(session_factory, stock_id, [("24-WB01", 1, D(0))])
    base = "searchCriteria[filter_groups][0][filters][0]"

    by_increment = client.get(
        "/rest/default/V1/orders",
        params={
            f"{base}[field]": "increment_id",
            f"{base}[value]": second.increment_id,
        },
        headers=admin_headers,
    )
    by_total = client.get(
        "/rest/default/V1/orders",
        params={
            f"{base}[field]": "grand_total",
            f"{base}[value]": "100",
            f"{base}[condition_type]": "gt",
        },
        headers=admin_headers,
    )

    assert by_increment.status_code == 200, by_increment.text
    assert [o["entity_id"] for o in by_increment.json()["items"]] == [second.order_id]
    assert [o["entity_id"] for o in by_total.json()["items"]] == [first.order_id]
    assert by_total.json()["total_count"] == 1


def test_orders_can_be_searched_by_date_and_sorted(
    client: TestClient,
    admin_headers: Headers,
    stock_id: int,
    session_factory: sessionmaker[Session],
) -> None:
    first = place_order(session_factory, stock_id)
    second = place_order(session_factory, stock_id, [("24-WB01", 1, D(0))])
    base = "searchCriteria[filter_groups][0][filters][0]"

    response = client.get(
        "/rest/default/V1/orders",
        params={
            f"{base}[field]": "created_at",
            f"{base}[value]": "2000-01-01 00:00:00",
            f"{base}[condition_type]": "gteq",
            "searchCriteria[sortOrders][0][field]": "entity_id",
            "searchCriteria[sortOrders][0][direction]": "DESC",
        },
        headers=admin_headers,
    )

    assert response.status_code == 200, response.text
    ids = [o["entity_id"] for o in response.json()["items"]]
    assert ids == [second.order_id, first.order_id]


def test_orders_can_be_searched_with_like(
    client: TestClient,
    admin_headers: Headers,
    stock_id: int,
    session_factory: sessionmaker[Session],
) -> None:
    first = place_order(session_factory, stock_id)
    second = place_order(session_factory, stock_id, [("24-WB01", 1, D(0))])
    base = "searchCriteria[filter_groups][0][filters][0]"

    def found(field: str, value: str) -> list[int]:
        params = {
            f"{base}[field]": field,
            f"{base}[value]": value,
            f"{base}[condition_type]": "like",
        }
        response = client.get(
            "/rest/default/V1/orders", params=params, headers=admin_headers
        )
        assert response.status_code == 200, response.text
        return [o["entity_id"] for o in response.json()["items"]]

    assert found("increment_id", "0000%") == [first.order_id, second.order_id]
    assert found("entity_id", str(second.order_id)) == [second.order_id]


def test_a_search_value_of_the_wrong_type_is_400(
    client: TestClient, admin_headers: Headers, order: PlacedOrder
) -> None:
    base = "searchCriteria[filter_groups][0][filters][0]"
    params = {f"{base}[field]": "customer_id", f"{base}[value]": "abc"}

    response = client.get(
        "/rest/default/V1/orders", params=params, headers=admin_headers
    )

    assert response.status_code == 400


def test_an_unknown_order_is_404_and_needs_an_admin(
    client: TestClient, admin_headers: Headers, order: PlacedOrder
) -> None:
    missing = _get(client, admin_headers, 99999)
    anonymous = _get(client, {}, order.order_id)

    assert missing.status_code == 404
    assert missing.json()["message"].startswith("The entity that was requested")
    assert anonymous.status_code == 401


def test_cancel_releases_the_unshipped_remainder_once(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    session_factory: sessionmaker[Session],
) -> None:
    _post(
        client,
        admin_headers,
        f"order/{order.order_id}/ship",
        {
            "items": [{"order_item_id": order.item_ids["24-WB03"], "qty": 20}],
            "arguments": {"extension_attributes": {"source_code": "ne_wh"}},
        },
    )

    cancelled = _post(client, admin_headers, f"orders/{order.order_id}/cancel")
    again = _post(client, admin_headers, f"orders/{order.order_id}/cancel")

    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json() is True
    assert ledger(session_factory)[-2:] == [
        ("24-WB01", D(40), "order_canceled"),
        ("240-LV06", D(1), "order_canceled"),
    ]
    body = _get(client, admin_headers, order.order_id).json()
    assert (body["state"], body["status"]) == ("canceled", "canceled")
    assert {i["sku"]: i["qty_canceled"] for i in body["items"]} == {
        "24-WB03": 0,
        "24-WB01": 40,
        "240-LV06": 1,
    }
    assert again.status_code == 400
    assert len(ledger(session_factory)) == 6


def test_a_cancelled_order_takes_no_invoice_or_shipment(
    client: TestClient, admin_headers: Headers, order: PlacedOrder
) -> None:
    _post(client, admin_headers, f"orders/{order.order_id}/cancel")

    invoice = _post(client, admin_headers, f"order/{order.order_id}/invoice", {})
    ship = _post(
        client,
        admin_headers,
        f"order/{order.order_id}/ship",
        {
            "arguments": {"extension_attributes": {"source_code": "ne_wh"}},
        },
    )

    assert invoice.status_code == 400
    assert "status of canceled" in invoice.json()["message"]
    assert ship.status_code == 400
    assert "status of canceled" in ship.json()["message"]


def test_a_complete_order_cannot_be_cancelled(
    client: TestClient,
    admin_headers: Headers,
    stock_id: int,
    session_factory: sessionmaker[Session],
) -> None:
    small = place_order(session_factory, stock_id, [("24-WB01", 2, D(0))], "brooklyn")
    _post(client, admin_headers, f"order/{small.order_id}/invoice", {"capture": True})
    _post(
        client,
        admin_headers,
        "order/notify-orders-are-ready-for-pickup",
        {"orderIds": [small.order_id]},
    )
    assert _get(client, admin_headers, small.order_id).json()["state"] == "complete"

    response = _post(client, admin_headers, f"orders/{small.order_id}/cancel")

    assert response.status_code == 400
    assert response.json()["message"] == "You cannot cancel this order."


def test_cancel_of_an_unknown_order_is_404(
    client: TestClient, admin_headers: Headers, order: PlacedOrder
) -> None:
    assert _post(client, admin_headers, "orders/99999/cancel").status_code == 404


def test_a_held_order_takes_no_invoice_until_released(
    client: TestClient, admin_headers: Headers, order: PlacedOrder
) -> None:
    held = _post(client, admin_headers, f"orders/{order.order_id}/hold")
    refused = _post(client, admin_headers, f"order/{order.order_id}/invoice", {})
    released = _post(client, admin_headers, f"orders/{order.order_id}/unhold")
    twice = _post(client, admin_headers, f"orders/{order.order_id}/unhold")

    assert held.json() is True
    assert refused.status_code == 400
    assert released.json() is True
    assert _get(client, admin_headers, order.order_id).json()["state"] == "new"
    assert twice.status_code == 400
