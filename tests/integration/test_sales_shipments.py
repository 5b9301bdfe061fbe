"""Shipping orders from a source over REST, on SQLite and PostgreSQL."""

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from sellable.inventory.models import SourceItem
from sellable.mail.models import OutboxMessage
from sellable.sales.models import Shipment
from tests.integration.ledger_assertions import assert_ledger_consistent
from tests.integration.sales_factory import (
    PlacedOrder,
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


@pytest.fixture
def stock_id(session_factory: sessionmaker[Session]) -> int:
    return install_inventory(session_factory)


@pytest.fixture
def order(session_factory: sessionmaker[Session], stock_id: int) -> PlacedOrder:
    return place_order(session_factory, stock_id)


def _ship(
    client: TestClient,
    headers: Headers,
    order_id: int,
    items: list[tuple[int, int]],
    source_code: str | None = "ne_wh",
    **extra: Any,
) -> Any:
    body: dict[str, Any] = {
        "items": [{"order_item_id": item_id, "qty": qty} for item_id, qty in items],
        "notify": True,
        **extra,
    }
    if source_code is not None:
        body["arguments"] = {"extension_attributes": {"source_code": source_code}}
    return client.post(
        f"/rest/default/V1/order/{order_id}/ship", json=body, headers=headers
    )


def _ship_northeast(client: TestClient, headers: Headers, order: PlacedOrder) -> Any:
    items = [(order.item_ids["24-WB03"], 20), (order.item_ids["24-WB01"], 35)]
    return _ship(
        client,
        headers,
        order.order_id,
        items,
        "ne_wh",
        comment={"comment": "Shipment from the Northeast warehouse"},
    )


def _order(client: TestClient, headers: Headers, order_id: int) -> dict[str, Any]:
    return client.get(f"/rest/default/V1/orders/{order_id}", headers=headers).json()


def _inventory(factory: sessionmaker[Session]) -> list[tuple[str, str, Decimal, int]]:
    with factory() as session:
        rows = session.execute(
            select(
                SourceItem.source_code,
                SourceItem.sku,
                SourceItem.quantity,
                SourceItem.status,
            ).order_by(SourceItem.source_code, SourceItem.sku)
        ).all()
        return [tuple(row) for row in rows]  # type: ignore[misc]


def _shipment_count(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return int(session.scalar(select(func.count()).select_from(Shipment)) or 0)


def test_shipping_from_a_named_source_deducts_it_and_compensates_the_holds(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    session_factory: sessionmaker[Session],
) -> None:
    response = _ship_northeast(client, admin_headers, order)

    assert response.status_code == 200, response.text
    shipment_id = response.json()
    assert isinstance(shipment_id, int)
    assert source_quantity(session_factory, "ne_wh", "24-WB01") == 0
    assert source_quantity(session_factory, "ne_wh", "24-WB03") == 30
    assert source_quantity(session_factory, "west_wh", "24-WB01") == 15
    assert ledger(session_factory)[-2:] == [
        ("24-WB03", D(20), "shipment_created"),
        ("24-WB01", D(35), "shipment_created"),
    ]
    shipment = client.get(
        f"/rest/default/V1/shipment/{shipment_id}", headers=admin_headers
    )
    assert shipment.status_code == 200
    body = shipment.json()
    assert (body["order_id"], body["total_qty"]) == (order.order_id, 55)
    assert body["extension_attributes"] == {"source_code": "ne_wh"}
    assert body["comments"][0]["comment"] == "Shipment from the Northeast warehouse"
    assert {item["sku"]: item["qty"] for item in body["items"]} == {
        "24-WB03": 20,
        "24-WB01": 35,
    }
    placed = _order(client, admin_headers, order.order_id)
    assert (placed["state"], placed["status"]) == ("processing", "processing")
    assert {i["sku"]: i["qty_shipped"] for i in placed["items"]}["24-WB01"] == 35


def test_the_order_completes_once_invoiced_and_every_physical_unit_shipped(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    session_factory: sessionmaker[Session],
) -> None:
    client.post(
        f"/rest/default/V1/order/{order.order_id}/invoice",
        json={"capture": True},
        headers=admin_headers,
    )
    _ship_northeast(client, admin_headers, order)

    west = _ship(
        client,
        admin_headers,
        order.order_id,
        [(order.item_ids["24-WB01"], 5)],
        "west_wh",
    )

    assert west.status_code == 200, west.text
    placed = _order(client, admin_headers, order.order_id)
    assert (placed["state"], placed["status"]) == ("complete", "complete")
    assert source_quantity(session_factory, "west_wh", "24-WB01") == 10
    sums: dict[str, Decimal] = {}
    for sku, qty, _event in ledger(session_factory):
        sums[sku] = sums.get(sku, D(0)) + qty
    assert sums == {"24-WB01": 0, "24-WB03": 0, "240-LV06": 0}
    with session_factory() as session:
        kinds = sorted(session.scalars(select(OutboxMessage.kind)))
    assert kinds == ["shipment", "shipment"]


def test_the_docs_literal_second_shipment_is_refused_and_changes_nothing(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    session_factory: sessionmaker[Session],
) -> None:
    _ship_northeast(client, admin_headers, order)
    before = (_inventory(session_factory), ledger(session_factory))

    response = _ship(
        client,
        admin_headers,
        order.order_id,
        [(order.item_ids["24-WB03"], 5)],
        "west_wh",
    )

    assert response.status_code == 400
    assert response.json()["message"] == (
        "Shipment Document Validation Error(s):\n"
        'We found an invalid quantity to ship for item "Driven Backpack".\n'
        "You can't create a shipment without products."
    )
    assert (_inventory(session_factory), ledger(session_factory)) == before
    assert _shipment_count(session_factory) == 1


def test_a_source_short_of_goods_refuses_the_shipment_with_nothing_written(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    session_factory: sessionmaker[Session],
) -> None:
    before = (_inventory(session_factory), ledger(session_factory))

    response = _ship(
        client,
        admin_headers,
        order.order_id,
        [(order.item_ids["24-WB03"], 5), (order.item_ids["24-WB01"], 20)],
        "brooklyn",
    )

    assert response.status_code == 400
    assert "Not all of your products are available" in response.json()["message"]
    assert (_inventory(session_factory), ledger(session_factory)) == before
    assert _shipment_count(session_factory) == 0


@pytest.mark.parametrize(
    ("source_code", "item", "qty", "reason"),
    [
        ("nowhere", "24-WB01", 1, 'Source with code "%1" does not exist.'),
        ("eu_wh", "24-WB01", 1, 'Source "%1" is not assigned to stock %2.'),
        (None, "24-WB01", 1, "Source not specified."),
        ("ne_wh", None, 1, 'We can not found item "99999" in order.'),
        ("ne_wh", "240-LV06", 1, 'invalid quantity to ship for item "Yoga Adventure"'),
        ("ne_wh", "24-WB01", 0, 'invalid quantity to ship for item "Voyage Yoga Bag"'),
        ("ne_wh", "24-WB01", 41, 'invalid quantity to ship for item "Voyage Yoga Bag"'),
    ],
)
def test_bad_shipments_are_refused_with_400(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    session_factory: sessionmaker[Session],
    source_code: str | None,
    item: str | None,
    qty: int,
    reason: str,
) -> None:
    item_id = order.item_ids[item] if item else 99999

    response = _ship(
        client, admin_headers, order.order_id, [(item_id, qty)], source_code
    )

    assert response.status_code == 400, response.text
    assert reason in response.json()["message"]
    assert _shipment_count(session_factory) == 0


def test_without_items_everything_left_ships_from_the_source(
    client: TestClient,
    admin_headers: Headers,
    stock_id: int,
    session_factory: sessionmaker[Session],
) -> None:
    small = place_order(
        session_factory, stock_id, [("24-WB01", 2, D(0)), ("240-LV06", 1, D(0))]
    )

    response = _ship(client, admin_headers, small.order_id, [], "brooklyn")

    assert response.status_code == 200, response.text
    shipment = client.get(
        f"/rest/default/V1/shipment/{response.json()}", headers=admin_headers
    ).json()
    assert [(i["sku"], i["qty"]) for i in shipment["items"]] == [("24-WB01", 2)]
    assert source_quantity(session_factory, "brooklyn", "24-WB01") == 8
    again = _ship(client, admin_headers, small.order_id, [], "brooklyn")
    assert again.status_code == 400
    assert "does not allow a shipment" in again.json()["message"]


def test_the_raw_shipment_save_checks_quantities_too(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    session_factory: sessionmaker[Session],
) -> None:
    entity = {
        "order_id": order.order_id,
        "total_qty": 20,
        "items": [
            {
                "order_item_id": order.item_ids["24-WB03"],
                "qty": 20,
                "sku": "24-WB03",
                "name": "Driven Backpack",
                "price": 36,
                "product_id": 12,
            }
        ],
        "extension_attributes": {"source_code": "ne_wh"},
    }

    first = client.post(
        "/rest/default/V1/shipment", json={"entity": entity}, headers=admin_headers
    )
    duplicate = client.post(
        "/rest/default/V1/shipment", json={"entity": entity}, headers=admin_headers
    )

    assert first.status_code == 200, first.text
    assert first.json()["total_qty"] == 20
    assert first.json()["extension_attributes"] == {"source_code": "ne_wh"}
    assert duplicate.status_code == 400
    assert source_quantity(session_factory, "ne_wh", "24-WB03") == 30


def test_shipments_can_be_searched_by_order_and_unknown_ones_are_404(
    client: TestClient, admin_headers: Headers, order: PlacedOrder
) -> None:
    shipment_id = _ship_northeast(client, admin_headers, order).json()
    base = "searchCriteria[filter_groups][0][filters][0]"
    query = {
        f"{base}[field]": "order_id",
        f"{base}[value]": str(order.order_id),
        f"{base}[condition_type]": "eq",
    }

    found = client.get(
        "/rest/default/V1/shipments", params=query, headers=admin_headers
    )
    missing = client.get("/rest/default/V1/shipment/99999", headers=admin_headers)
    unknown_order = _ship(client, admin_headers, 99999, [(1, 1)])

    assert found.status_code == 200, found.text
    assert [s["entity_id"] for s in found.json()["items"]] == [shipment_id]
    assert missing.status_code == 404
    assert unknown_order.status_code == 404
