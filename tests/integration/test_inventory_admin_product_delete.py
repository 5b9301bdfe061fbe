"""Deleting or renaming a product never leaves holds a same-SKU product inherits."""

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from sellable.inventory.models import Reservation
from sellable.kit.database import unit_of_work
from sellable.kit.settings import Settings
from tests.integration.checkout_factory import (
    MINEOLA,
    Shopper,
    add_customer,
    fill_cart,
    place,
    ship_flatrate,
    tutorial_v24,
)
from tests.integration.ledger_assertions import (
    assert_ledger_consistent,
    reserved,
    salable,
)

Headers = dict[str, str]
PRODUCTS = "/rest/all/V1/products"


@pytest.fixture
def jane(
    client: TestClient, session_factory: sessionmaker[Session], settings: Settings
) -> Shopper:
    tutorial_v24(session_factory)
    return add_customer(session_factory, settings)


def _order(client: TestClient, shopper: Shopper, *lines: tuple[str, int]) -> int:
    fill_cart(client, shopper, list(lines))
    ship_flatrate(client, shopper, MINEOLA)
    response = place(client, shopper)
    assert response.status_code == 200, response.text
    return int(response.json())


def _ledger_rows(factory: sessionmaker[Session], sku: str) -> list[dict[str, str]]:
    with unit_of_work(factory) as session:
        rows = session.scalars(
            select(Reservation.metadata_json)
            .where(Reservation.sku == sku)
            .order_by(Reservation.reservation_id)
        ).all()
    return [json.loads(row or "{}") for row in rows]


def _count(factory: sessionmaker[Session]) -> int:
    with unit_of_work(factory) as session:
        return int(session.scalar(select(func.count()).select_from(Reservation)) or 0)


def _recreate(client: TestClient, headers: Headers, sku: str, qty: int) -> None:
    body = {
        "product": {
            "sku": sku,
            "name": "New bag",
            "price": 10,
            "extension_attributes": {"stock_item": {"qty": qty, "is_in_stock": True}},
        }
    }
    response = client.post(PRODUCTS, json=body, headers=headers)
    assert response.status_code == 200, response.text


def test_deleting_a_product_compensates_its_open_holds_per_order(
    client: TestClient,
    jane: Shopper,
    admin_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:
    order_id = _order(client, jane, ("24-WB01", 5), ("24-WB03", 2))
    rows_before = _count(session_factory)

    deleted = client.delete(f"{PRODUCTS}/24-WB01", headers=admin_headers)

    assert deleted.status_code == 200, deleted.text
    assert reserved(session_factory, 1, "24-WB01") == 0
    assert reserved(session_factory, 1, "24-WB03") == -2
    assert _count(session_factory) == rows_before + 1
    assert _ledger_rows(session_factory, "24-WB01")[-1] == {
        "event_type": "product_deleted",
        "object_type": "order",
        "object_id": str(order_id),
        "object_increment_id": "000000001",
    }
    assert_ledger_consistent(session_factory)


def test_a_new_product_with_the_deleted_sku_inherits_no_holds(
    client: TestClient,
    jane: Shopper,
    admin_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:
    _order(client, jane, ("24-WB01", 5))
    client.delete(f"{PRODUCTS}/24-WB01", headers=admin_headers)

    _recreate(client, admin_headers, "24-WB01", 10)

    assert salable(session_factory, 1, "24-WB01") == 10
    assert reserved(session_factory, 1, "24-WB01") == 0


def test_deleting_a_product_without_holds_appends_nothing(
    client: TestClient, admin_headers: Headers, session_factory: sessionmaker[Session]
) -> None:
    before = _count(session_factory)

    deleted = client.delete(f"{PRODUCTS}/24-WB03", headers=admin_headers)
    again = client.delete(f"{PRODUCTS}/24-WB03", headers=admin_headers)

    assert deleted.status_code == 200
    assert again.status_code == 404
    assert _count(session_factory) == before


def _rename(client: TestClient, headers: Headers, old: str, new: str) -> Any:
    body = {"product": {"sku": new}}
    return client.put(f"{PRODUCTS}/{old}", json=body, headers=headers)


def test_a_sku_change_moves_the_source_items_to_the_new_sku(
    client: TestClient, admin_headers: Headers, session_factory: sessionmaker[Session]
) -> None:
    renamed = _rename(client, admin_headers, "24-WB01", "24-WB01-NEW")

    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["sku"] == "24-WB01-NEW"
    assert salable(session_factory, 1, "24-WB01-NEW") == 100
    assert salable(session_factory, 1, "24-WB01") == 0
    old = client.get(f"{PRODUCTS}/24-WB01", headers=admin_headers)
    assert old.status_code == 404


def test_a_sku_with_open_holds_cannot_change_and_nothing_moves(
    client: TestClient,
    jane: Shopper,
    admin_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:
    _order(client, jane, ("24-WB01", 5))

    refused = _rename(client, admin_headers, "24-WB01", "24-WB01-NEW")
    taken = _rename(client, admin_headers, "24-WB03", "24-WB01")

    assert refused.status_code == 400
    assert refused.json()["parameters"] == ["24-WB01"]
    assert taken.status_code == 400
    assert salable(session_factory, 1, "24-WB01") == 95
    assert reserved(session_factory, 1, "24-WB01") == -5
    assert salable(session_factory, 1, "24-WB01-NEW") == 0
    assert_ledger_consistent(session_factory)
