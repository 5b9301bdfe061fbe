"""Carts and cart items: create, add, change, remove, and refuse bad input."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from sellable.catalog.models import Product
from sellable.kit.database import unit_of_work
from sellable.kit.settings import Settings
from tests.integration.checkout_factory import Shopper, add_customer, fill_cart

ITEMS = "/rest/default/V1/carts/mine/items"


@pytest.fixture
def jane(
    client: TestClient, session_factory: sessionmaker[Session], settings: Settings
) -> Shopper:
    return add_customer(session_factory, settings)


def _add(client: TestClient, shopper: Shopper, item: dict[str, Any]) -> Any:
    return client.post(ITEMS, headers=shopper.headers, json={"cartItem": item})


def _items(client: TestClient, shopper: Shopper) -> list[dict[str, Any]]:
    response = client.get(ITEMS, headers=shopper.headers)
    assert response.status_code == 200, response.text
    return list(response.json())


def test_creating_a_cart_twice_answers_the_same_active_cart(
    client: TestClient, jane: Shopper
) -> None:
    first = client.post("/rest/default/V1/carts/mine", headers=jane.headers)
    second = client.post("/rest/default/V1/carts/mine", headers=jane.headers)
    cart = client.get("/rest/default/V1/carts/mine", headers=jane.headers)

    assert first.status_code == 200 and isinstance(first.json(), int)
    assert second.json() == first.json()
    assert cart.json()["id"] == first.json()
    assert (cart.json()["store_id"], cart.json()["is_active"]) == (1, True)


def test_cart_calls_need_a_customer_token(client: TestClient) -> None:
    response = client.post("/rest/default/V1/carts/mine")

    assert response.status_code == 401


def test_adding_the_same_sku_again_raises_the_line_quantity(
    client: TestClient, jane: Shopper
) -> None:
    cart_id = fill_cart(client, jane, [("24-WB01", 2)])

    again = _add(client, jane, {"sku": "24-WB01", "qty": 3, "quote_id": str(cart_id)})

    assert again.status_code == 200, again.text
    assert again.json()["qty"] == 5
    assert [(i["sku"], i["qty"]) for i in _items(client, jane)] == [("24-WB01", 5)]


def test_an_item_can_be_changed_and_removed(client: TestClient, jane: Shopper) -> None:
    fill_cart(client, jane, [("24-WB01", 2), ("24-WB03", 1)])
    bag = _items(client, jane)[0]["item_id"]

    changed = client.put(
        f"{ITEMS}/{bag}", headers=jane.headers, json={"cartItem": {"qty": 7}}
    )
    removed = client.delete(f"{ITEMS}/{bag}", headers=jane.headers)

    assert changed.status_code == 200 and changed.json()["qty"] == 7
    assert removed.status_code == 200 and removed.json() is True
    assert [i["sku"] for i in _items(client, jane)] == ["24-WB03"]


def test_unknown_item_id_is_404(client: TestClient, jane: Shopper) -> None:
    fill_cart(client, jane, [])

    response = client.delete(f"{ITEMS}/999", headers=jane.headers)

    assert response.status_code == 404
    assert response.json()["message"] == "The %1 Cart doesn't contain the %2 item."


@pytest.mark.parametrize(
    ("item", "status", "message"),
    [
        (
            {"sku": "NOPE", "qty": 1},
            404,
            "The product that was requested doesn't exist. "
            "Verify the product and try again.",
        ),
        (
            {"sku": "24-WB01", "qty": 0},
            400,
            'Invalid value of "%value" provided for the %fieldName field.',
        ),
        (
            {"sku": "24-WB01", "qty": -2},
            400,
            'Invalid value of "%value" provided for the %fieldName field.',
        ),
        (
            {"sku": "24-WB01", "qty": "many"},
            400,
            'Invalid value of "%value" provided for the %fieldName field.',
        ),
        ({"sku": "24-WB01", "qty": 101}, 400, "The requested qty is not available"),
        ({"sku": "24-WB01"}, 400, '"%fieldName" is required. Enter and try again.'),
    ],
)
def test_bad_items_are_refused_and_nothing_is_added(
    client: TestClient, jane: Shopper, item: dict[str, Any], status: int, message: str
) -> None:
    cart_id = fill_cart(client, jane, [])

    response = _add(client, jane, {**item, "quote_id": str(cart_id)})

    assert response.status_code == status, response.text
    assert response.json()["message"] == message
    assert _items(client, jane) == []


def test_quantity_over_what_is_salable_counts_the_line_already_in_the_cart(
    client: TestClient, jane: Shopper
) -> None:
    cart_id = fill_cart(client, jane, [("24-WB01", 60)])

    response = _add(
        client, jane, {"sku": "24-WB01", "qty": 41, "quote_id": str(cart_id)}
    )

    assert response.status_code == 400
    assert response.json()["message"] == "The requested qty is not available"
    assert _items(client, jane)[0]["qty"] == 60


def test_a_foreign_quote_id_is_refused(
    client: TestClient,
    jane: Shopper,
    session_factory: sessionmaker[Session],
    settings: Settings,
) -> None:
    john = add_customer(session_factory, settings, email="john@example.com")
    johns_cart = fill_cart(client, john, [])
    fill_cart(client, jane, [])

    response = _add(
        client, jane, {"sku": "24-WB01", "qty": 1, "quote_id": str(johns_cart)}
    )

    assert response.status_code == 404
    assert response.json()["parameters"] == {
        "fieldName": "cartId",
        "fieldValue": str(johns_cart),
    }
    assert _items(client, jane) == [] and _items(client, john) == []


def test_disabled_product_or_product_of_another_website_is_not_available(
    client: TestClient, jane: Shopper, session_factory: sessionmaker[Session]
) -> None:
    cart_id = fill_cart(client, jane, [])
    with unit_of_work(session_factory) as session:
        for product in session.query(Product):
            if product.sku == "24-WB01":
                product.status = 2
            if product.sku == "24-WB03":
                product.websites.clear()

    disabled = _add(
        client, jane, {"sku": "24-WB01", "qty": 1, "quote_id": str(cart_id)}
    )
    elsewhere = _add(
        client, jane, {"sku": "24-WB03", "qty": 1, "quote_id": str(cart_id)}
    )

    for response in (disabled, elsewhere):
        assert response.status_code == 400
        assert response.json()["message"] == (
            "Product that you are trying to add is not available."
        )
    assert _items(client, jane) == []


def test_items_without_an_active_cart_are_404(
    client: TestClient, jane: Shopper
) -> None:
    response = _add(client, jane, {"sku": "24-WB01", "qty": 1})

    assert response.status_code == 404
    assert response.json()["message"] == "No such entity with %fieldName = %fieldValue"
