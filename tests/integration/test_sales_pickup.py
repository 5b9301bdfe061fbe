"""Notifying customers that pickup orders are ready (and shipping them)."""

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sellable.mail.models import OutboxMessage
from tests.integration.ledger_assertions import assert_ledger_consistent
from tests.integration.sales_factory import (
    install_inventory,
    ledger,
    place_order,
    source_quantity,
)

Headers = dict[str, str]
D = Decimal


@pytest.fixture(autouse=True)
def ledger_ends_consistent(session_factory: sessionmaker[Session]) -> Iterator[None]:
    yield
    assert_ledger_consistent(session_factory)


PATH = "/rest/default/V1/order/notify-orders-are-ready-for-pickup"


@pytest.fixture
def stock_id(session_factory: sessionmaker[Session]) -> int:
    return install_inventory(session_factory)


def _notify(client: TestClient, headers: Headers, order_ids: list[int]) -> Any:
    return client.post(PATH, json={"orderIds": order_ids}, headers=headers)


def test_a_ready_pickup_order_ships_from_its_location_and_emails_the_customer(
    client: TestClient,
    admin_headers: Headers,
    stock_id: int,
    session_factory: sessionmaker[Session],
) -> None:
    pickup = place_order(session_factory, stock_id, [("24-WB01", 2, D(0))], "brooklyn")

    response = _notify(client, admin_headers, [pickup.order_id])

    assert response.status_code == 200, response.text
    assert response.json() == {"successful": True, "errors": []}
    assert source_quantity(session_factory, "brooklyn", "24-WB01") == 8
    assert ledger(session_factory)[-1] == ("24-WB01", D(2), "shipment_created")
    order = client.get(
        f"/rest/default/V1/orders/{pickup.order_id}", headers=admin_headers
    ).json()
    assert (order["state"], order["status"]) == ("processing", "processing")
    base = "searchCriteria[filter_groups][0][filters][0]"
    shipments = client.get(
        "/rest/default/V1/shipments",
        params={f"{base}[field]": "order_id", f"{base}[value]": str(pickup.order_id)},
        headers=admin_headers,
    ).json()["items"]
    assert [s["extension_attributes"]["source_code"] for s in shipments] == ["brooklyn"]
    with session_factory() as session:
        kinds = list(session.scalars(select(OutboxMessage.kind)))
    assert kinds == ["order_ready_for_pickup"]


def test_orders_that_cannot_be_picked_up_are_reported_without_stopping_others(
    client: TestClient,
    admin_headers: Headers,
    stock_id: int,
    session_factory: sessionmaker[Session],
) -> None:
    delivered = place_order(session_factory, stock_id, [("24-WB01", 1, D(0))])
    too_big = place_order(
        session_factory, stock_id, [("24-WB01", 11, D(0))], "brooklyn"
    )
    pickup = place_order(session_factory, stock_id, [("24-WB01", 2, D(0))], "brooklyn")

    response = _notify(
        client,
        admin_headers,
        [delivered.order_id, 99999, too_big.order_id, pickup.order_id],
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["successful"] is False
    assert [error["id"] for error in body["errors"]] == [
        delivered.order_id,
        99999,
        too_big.order_id,
    ]
    assert body["errors"][0]["message"] == "Your order is not ready for pickup."
    assert "doesn't exist" in body["errors"][1]["message"]
    assert "Not all of your products" in body["errors"][2]["message"]
    assert source_quantity(session_factory, "brooklyn", "24-WB01") == 8
    shipped = [row for row in ledger(session_factory) if row[2] == "shipment_created"]
    assert shipped == [("24-WB01", D(2), "shipment_created")]


def test_notifying_needs_an_admin_and_a_list_of_ids(
    client: TestClient, admin_headers: Headers, stock_id: int
) -> None:
    anonymous = _notify(client, {}, [1])
    no_ids = client.post(PATH, json={}, headers=admin_headers)

    assert anonymous.status_code == 401
    assert no_ids.status_code == 400
