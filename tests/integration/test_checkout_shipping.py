"""Shipping estimates and shipping information: flat rate, free, pickup, virtual."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sellable.checkout.models import CartAddress
from sellable.kit.database import unit_of_work
from sellable.kit.settings import Settings
from sellable.sales.models import Order
from tests.integration.checkout_factory import (
    MINEOLA,
    Shopper,
    add_customer,
    add_pickup_store,
    counts,
    fill_cart,
    place,
    set_config,
    tutorial_v24,
)

ESTIMATE = "/rest/default/V1/carts/mine/estimate-shipping-methods"
SHIPPING = "/rest/default/V1/carts/mine/shipping-information"
BROOKLYN = {
    "region_id": 43,
    "country_id": "US",
    "street": ["263 S 4th St"],
    "postcode": "11211",
    "city": "Brooklyn",
    "firstname": "Jane",
    "lastname": "Doe",
    "telephone": "516-555-1111",
    "extension_attributes": {"pickup_location_code": "brooklyn"},
}


@pytest.fixture
def jane(
    client: TestClient, session_factory: sessionmaker[Session], settings: Settings
) -> Shopper:
    tutorial_v24(session_factory)
    return add_customer(session_factory, settings)


def _estimate(client: TestClient, shopper: Shopper) -> list[dict[str, Any]]:
    response = client.post(ESTIMATE, headers=shopper.headers, json={"address": MINEOLA})
    assert response.status_code == 200, response.text
    return list(response.json())


def _ship(
    client: TestClient,
    shopper: Shopper,
    address: dict[str, Any],
    carrier: str,
    method: str,
    billing: dict[str, Any] | None = None,
) -> Any:
    return client.post(
        SHIPPING,
        headers=shopper.headers,
        json={
            "addressInformation": {
                "shipping_address": address,
                "billing_address": billing or MINEOLA,
                "shipping_carrier_code": carrier,
                "shipping_method_code": method,
            }
        },
    )


def test_flat_rate_per_order_charges_the_price_once(
    client: TestClient, jane: Shopper, session_factory: sessionmaker[Session]
) -> None:
    set_config(session_factory, {"carriers/flatrate/type": "O"})
    fill_cart(client, jane, [("24-WB01", 10), ("240-LV06", 1)])

    assert [m["amount"] for m in _estimate(client, jane)] == [5]


def test_flat_rate_per_item_skips_the_downloadable_unit(
    client: TestClient, jane: Shopper
) -> None:
    fill_cart(client, jane, [("24-WB01", 10), ("240-LV06", 1)])

    assert [m["amount"] for m in _estimate(client, jane)] == [50]


def test_free_shipping_carrier_is_offered_when_active(
    client: TestClient, jane: Shopper, session_factory: sessionmaker[Session]
) -> None:
    set_config(
        session_factory,
        {
            "carriers/freeshipping/active": "1",
            "carriers/freeshipping/free_shipping_subtotal": "100",
        },
    )
    fill_cart(client, jane, [("24-WB01", 2)])
    cheap = _estimate(client, jane)
    fill_cart(client, jane, [("24-WB01", 2)])

    assert [m["carrier_code"] for m in cheap] == ["flatrate"]
    assert [(m["carrier_code"], m["amount"]) for m in _estimate(client, jane)] == [
        ("flatrate", 20),
        ("freeshipping", 0),
    ]


def test_unknown_shipping_method_is_refused_and_nothing_saved(
    client: TestClient, jane: Shopper, session_factory: sessionmaker[Session]
) -> None:
    fill_cart(client, jane, [("24-WB01", 2)])

    response = _ship(client, jane, MINEOLA, "tablerate", "bestway")

    assert response.status_code == 400
    assert response.json() == {
        "message": "Carrier with such method not found: %1, %2",
        "parameters": ["tablerate", "bestway"],
    }
    with unit_of_work(session_factory) as session:
        assert session.scalars(select(CartAddress)).all() == []


def test_virtual_cart_has_no_shipping_but_can_be_ordered(
    client: TestClient, jane: Shopper, session_factory: sessionmaker[Session]
) -> None:
    fill_cart(client, jane, [("240-LV06", 1)])

    estimate = _estimate(client, jane)
    shipping = _ship(client, jane, MINEOLA, "flatrate", "flatrate")
    placed = place(client, jane, method="checkmo")

    assert estimate == []
    assert shipping.status_code == 404
    assert placed.status_code == 200, placed.text
    with unit_of_work(session_factory) as session:
        order = session.get(Order, placed.json())
        assert order is not None
        assert (order.is_virtual, order.shipping_amount, order.grand_total) == (
            1,
            0,
            22,
        )
        assert order.shipping_method is None
        assert [a.address_type for a in order.addresses] == ["billing"]


def test_pickup_is_offered_only_when_a_store_carries_every_product(
    client: TestClient, jane: Shopper, session_factory: sessionmaker[Session]
) -> None:
    set_config(session_factory, {"carriers/instore/active": "1"})
    add_pickup_store(session_factory)
    fill_cart(client, jane, [("24-WB01", 2)])
    with_bag_only = _estimate(client, jane)
    fill_cart(client, jane, [("240-LV06", 1)])

    assert [m["carrier_code"] for m in with_bag_only] == ["flatrate", "instore"]
    assert [m["carrier_code"] for m in _estimate(client, jane)] == ["flatrate"]


def test_pickup_order_ships_free_to_the_store(
    client: TestClient, jane: Shopper, session_factory: sessionmaker[Session]
) -> None:
    set_config(session_factory, {"carriers/instore/active": "1"})
    add_pickup_store(session_factory)
    fill_cart(client, jane, [("24-WB01", 2)])

    details = _ship(
        client, jane, BROOKLYN, "instore", "pickup", billing={"id": jane.address_id}
    )
    placed = place(client, jane)

    assert details.status_code == 200, details.text
    totals = details.json()["totals"]
    assert (totals["subtotal"], totals["shipping_amount"], totals["grand_total"]) == (
        64,
        0,
        64,
    )
    shipping = next(s for s in totals["total_segments"] if s["code"] == "shipping")
    assert shipping["title"] == (
        "Shipping & Handling (In-Store Pickup Delivery - Brooklyn (Williamsburg) Store)"
    )
    assert placed.status_code == 200, placed.text
    with unit_of_work(session_factory) as session:
        order = session.get(Order, placed.json())
        assert order is not None
        assert (order.shipping_method, order.pickup_location_code) == (
            "instore_pickup",
            "brooklyn",
        )
        assert order.grand_total == 64


def test_billing_address_by_id_copies_the_customers_address(
    client: TestClient, jane: Shopper, session_factory: sessionmaker[Session]
) -> None:
    fill_cart(client, jane, [("24-WB01", 2)])

    response = _ship(
        client, jane, MINEOLA, "flatrate", "flatrate", billing={"id": jane.address_id}
    )
    billing = client.get(
        "/rest/default/V1/carts/mine/billing-address", headers=jane.headers
    ).json()

    assert response.status_code == 200, response.text
    assert (billing["city"], billing["customer_address_id"]) == (
        "Mineola",
        jane.address_id,
    )


@pytest.mark.parametrize(
    ("address", "billing", "carrier", "status", "message"),
    [
        (
            {**BROOKLYN, "extension_attributes": {"pickup_location_code": "nowhere"}},
            None,
            "instore",
            400,
            'The pickup location "%1" is not available for the products in the cart.',
        ),
        (
            {**BROOKLYN, "extension_attributes": {}},
            None,
            "instore",
            400,
            "Pickup Location code is required for the In-Store Pickup delivery method.",
        ),
        (
            {**MINEOLA, "firstname": None},
            None,
            "flatrate",
            400,
            '"%fieldName" is required. Enter and try again.',
        ),
        (
            {**MINEOLA, "street": []},
            None,
            "flatrate",
            400,
            '"%fieldName" is required. Enter and try again.',
        ),
        (
            MINEOLA,
            {"id": 9999},
            "flatrate",
            404,
            "No such entity with %fieldName = %fieldValue",
        ),
    ],
)
def test_bad_shipping_information_is_refused_and_nothing_saved(
    client: TestClient,
    jane: Shopper,
    session_factory: sessionmaker[Session],
    address: dict[str, Any],
    billing: dict[str, Any] | None,
    carrier: str,
    status: int,
    message: str,
) -> None:
    set_config(session_factory, {"carriers/instore/active": "1"})
    add_pickup_store(session_factory)
    fill_cart(client, jane, [("24-WB01", 2)])
    method = "pickup" if carrier == "instore" else carrier

    response = _ship(client, jane, address, carrier, method, billing=billing)

    assert response.status_code == status, response.text
    assert response.json()["message"] == message
    with unit_of_work(session_factory) as session:
        assert session.scalars(select(CartAddress)).all() == []
    assert counts(session_factory)["orders"] == 0
