"""Guest carts through to an order, with the same stock rules as customer carts."""

from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sellable.catalog.models import Product, ProductStockSettings
from sellable.kit.database import unit_of_work
from sellable.sales.models import Order
from tests.integration.checkout_factory import (
    MINEOLA,
    counts,
    salable,
    tutorial_v24,
)
from tests.integration.ledger_assertions import assert_ledger_consistent, reserved

GUEST = "/rest/default/V1/guest-carts"
SHIPPING = {
    "addressInformation": {
        "shipping_address": MINEOLA,
        "billing_address": MINEOLA,
        "shipping_carrier_code": "flatrate",
        "shipping_method_code": "flatrate",
    }
}


@pytest.fixture
def cart_id(client: TestClient, session_factory: sessionmaker[Session]) -> str:
    tutorial_v24(session_factory)
    response = client.post(GUEST)
    assert response.status_code == 200, response.text
    return str(response.json())


def _add(client: TestClient, cart_id: str, sku: str, qty: Any) -> Any:
    body = {"cartItem": {"sku": sku, "qty": qty, "quote_id": cart_id}}
    return client.post(f"{GUEST}/{cart_id}/items", json=body)


def _pay(client: TestClient, cart_id: str, **body: Any) -> Any:
    payload = {"paymentMethod": {"method": "banktransfer"}, **body}
    return client.post(f"{GUEST}/{cart_id}/payment-information", json=payload)


def _stock_settings(factory: sessionmaker[Session], sku: str, **fields: Any) -> None:
    with unit_of_work(factory) as session:
        product = session.scalars(select(Product).where(Product.sku == sku)).one()
        settings = product.stock_settings or ProductStockSettings()
        for name, value in fields.items():
            setattr(settings, name, value)
        product.stock_settings = settings


def test_a_guest_cart_is_named_by_a_32_character_masked_id(
    client: TestClient, cart_id: str
) -> None:
    cart = client.get(f"{GUEST}/{cart_id}")

    assert len(cart_id) == 32 and not cart_id.isdigit()
    assert cart.status_code == 200, cart.text
    assert cart.json()["customer_is_guest"] is True
    assert cart.json()["customer"] == {
        "email": None,
        "firstname": None,
        "lastname": None,
    }
    assert cart.json()["items"] == []


def test_a_guest_checks_out_and_the_order_is_a_guest_order(
    client: TestClient,
    cart_id: str,
    admin_headers: dict[str, str],
    session_factory: sessionmaker[Session],
) -> None:
    added = _add(client, cart_id, "24-WB01", 3)
    estimate = client.post(
        f"{GUEST}/{cart_id}/estimate-shipping-methods", json={"address": MINEOLA}
    )
    shipping = client.post(f"{GUEST}/{cart_id}/shipping-information", json=SHIPPING)
    totals = client.get(f"{GUEST}/{cart_id}/totals")
    methods = client.get(f"{GUEST}/{cart_id}/payment-methods")
    placed = _pay(client, cart_id, email="guest@example.com", billingAddress=MINEOLA)

    assert added.status_code == 200, added.text
    assert added.json()["quote_id"] == cart_id and added.json()["qty"] == 3
    assert [m["carrier_code"] for m in estimate.json()] == ["flatrate"]
    assert shipping.status_code == 200, shipping.text
    assert totals.json()["items_qty"] == 3
    assert "banktransfer" in [m["code"] for m in methods.json()]
    assert placed.status_code == 200, placed.text
    order = client.get(
        f"/rest/default/V1/orders/{placed.json()}", headers=admin_headers
    )
    assert order.status_code == 200, order.text
    assert order.json()["customer_is_guest"] == 1
    assert order.json()["customer_group_id"] == 0
    assert order.json()["customer_email"] == "guest@example.com"
    assert order.json()["customer_firstname"] == "Jane"
    assert salable(session_factory, "24-WB01") == 97
    assert reserved(session_factory, 1, "24-WB01") == -3
    assert client.get(f"{GUEST}/{cart_id}").status_code == 404
    assert_ledger_consistent(session_factory)


def test_a_guest_order_needs_an_email_and_nothing_is_written_without_it(
    client: TestClient, cart_id: str, session_factory: sessionmaker[Session]
) -> None:
    _add(client, cart_id, "24-WB01", 1)
    client.post(f"{GUEST}/{cart_id}/shipping-information", json=SHIPPING)
    before = counts(session_factory)

    missing = _pay(client, cart_id)
    invalid = _pay(client, cart_id, email="not an email")

    assert missing.status_code == 400
    assert missing.json()["parameters"] == {"fieldName": "email"}
    assert invalid.status_code == 400
    assert counts(session_factory) == before
    assert salable(session_factory, "24-WB01") == 100


def test_unknown_guest_cart_is_404_and_a_customer_cart_number_is_no_masked_id(
    client: TestClient, cart_id: str
) -> None:
    unknown = client.get(f"{GUEST}/{'0' * 32}")
    number = client.get(f"{GUEST}/1")
    too_long = client.get(f"{GUEST}/{'a' * 40}")

    assert unknown.status_code == 404
    assert unknown.json()["message"] == "No such entity with %fieldName = %fieldValue"
    assert number.status_code == 404
    assert too_long.status_code == 400


def test_guest_cart_refuses_what_the_stock_cannot_sell_as_a_customer_cart_does(
    client: TestClient, cart_id: str
) -> None:
    too_many = _add(client, cart_id, "24-WB01", 101)
    half = _add(client, cart_id, "24-WB01", 1.5)
    fine = _add(client, cart_id, "24-WB01", 100)

    assert too_many.status_code == 400
    assert too_many.json()["message"] == "The requested qty is not available"
    assert half.json()["message"] == "You cannot use decimal quantity for this product."
    assert fine.status_code == 200, fine.text


def test_guest_cart_applies_min_sale_qty_and_increments(
    client: TestClient, cart_id: str, session_factory: sessionmaker[Session]
) -> None:
    _stock_settings(
        session_factory,
        "24-WB01",
        min_sale_qty=Decimal(2),
        use_config_min_sale_qty=False,
        qty_increments=Decimal(2),
        enable_qty_increments=True,
        use_config_enable_qty_inc=False,
    )

    one = _add(client, cart_id, "24-WB01", 1)
    three = _add(client, cart_id, "24-WB01", 3)
    four = _add(client, cart_id, "24-WB01", 4)

    assert one.json() == {
        "message": "The fewest you may purchase is %1.",
        "parameters": ["2"],
    }
    assert three.json()["message"] == (
        "You can buy this product only in quantities of %1 at a time."
    )
    assert four.status_code == 200, four.text


def test_guest_items_can_be_changed_and_removed(
    client: TestClient, cart_id: str
) -> None:
    item_id = _add(client, cart_id, "24-WB01", 1).json()["item_id"]
    body = {"cartItem": {"qty": 5, "quote_id": cart_id}}

    changed = client.put(f"{GUEST}/{cart_id}/items/{item_id}", json=body)
    listed = client.get(f"{GUEST}/{cart_id}/items")
    removed = client.delete(f"{GUEST}/{cart_id}/items/{item_id}")
    missing = client.delete(f"{GUEST}/{cart_id}/items/{item_id}")

    assert changed.json()["qty"] == 5
    assert [(i["sku"], i["qty"], i["quote_id"]) for i in listed.json()] == [
        ("24-WB01", 5, cart_id)
    ]
    assert removed.json() is True
    assert missing.status_code == 404
    assert client.get(f"{GUEST}/{cart_id}/items").json() == []


def test_a_guest_order_placed_twice_places_once(
    client: TestClient, cart_id: str, session_factory: sessionmaker[Session]
) -> None:
    _add(client, cart_id, "24-WB01", 2)
    client.post(f"{GUEST}/{cart_id}/shipping-information", json=SHIPPING)

    first = _pay(client, cart_id, email="guest@example.com")
    second = _pay(client, cart_id, email="guest@example.com")

    assert first.status_code == 200, first.text
    assert second.status_code == 404
    with unit_of_work(session_factory) as session:
        orders = session.scalars(select(Order)).all()
    assert [o.customer_is_guest for o in orders] == [1]
    assert salable(session_factory, "24-WB01") == 98
