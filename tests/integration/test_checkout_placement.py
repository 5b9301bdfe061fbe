"""Placing orders: what is written, what stock is held, what is refused."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sellable.kit.database import unit_of_work
from sellable.kit.settings import Settings
from sellable.mail.models import OutboxMessage
from sellable.sales.models import Order
from tests.integration.checkout_factory import (
    MINEOLA,
    Shopper,
    add_customer,
    counts,
    fill_cart,
    place,
    salable,
    set_config,
    ship_flatrate,
    tutorial_v24,
    update_rule,
)


@pytest.fixture
def jane(
    client: TestClient, session_factory: sessionmaker[Session], settings: Settings
) -> Shopper:
    tutorial_v24(session_factory)
    return add_customer(session_factory, settings)


def _refused(response: Any, message: str) -> None:
    assert response.status_code == 400, response.text
    assert response.json()["message"] == message


def test_order_rows_carry_items_addresses_payment_and_history(
    client: TestClient, jane: Shopper, session_factory: sessionmaker[Session]
) -> None:
    fill_cart(client, jane, [("24-WB01", 2), ("240-LV06", 1)])
    ship_flatrate(client, jane, MINEOLA)

    placed = place(client, jane, method="checkmo")

    assert placed.status_code == 200, placed.text
    with unit_of_work(session_factory) as session:
        order = session.get(Order, placed.json())
        assert order is not None
        assert (order.increment_id, order.store_id, order.stock_id) == (
            "000000001",
            1,
            1,
        )
        assert (
            order.store_name == "Main Website\nMain Website Store\nDefault Store View"
        )
        assert (order.customer_email, order.customer_firstname) == (
            "jdoe@example.com",
            "Jane",
        )
        assert (order.total_item_count, order.total_qty_ordered) == (2, 3)
        assert (order.subtotal, order.shipping_amount, order.grand_total) == (
            86,
            10,
            96,
        )
        video = next(i for i in order.items if i.sku == "240-LV06")
        assert (video.is_virtual, video.product_type, video.qty_ordered) == (
            1,
            "downloadable",
            1,
        )
        assert video.product_id is not None
        assert video.product_options is not None
        links = video.product_options["product_option"]["extension_attributes"]
        assert len(links["downloadable_option"]["downloadable_links"]) == 1
        assert order.payment is not None
        assert order.payment.additional_information == ["Check / Money order"]
        assert order.payment.amount_ordered == 96
        assert [h.status for h in order.history] == ["pending"]
        billing = next(a for a in order.addresses if a.address_type == "billing")
        assert (billing.city, billing.street) == ("Mineola", ["160 1st St."])
        mail = session.scalars(select(OutboxMessage)).one()
        assert "000000001" in mail.subject + mail.body_text


def test_a_placed_cart_is_closed_and_the_next_call_opens_a_new_one(
    client: TestClient, jane: Shopper
) -> None:
    cart_id = fill_cart(client, jane, [("24-WB01", 1)])
    ship_flatrate(client, jane, MINEOLA)
    place(client, jane)

    old = client.get("/rest/default/V1/carts/mine", headers=jane.headers)
    new = client.post("/rest/default/V1/carts/mine", headers=jane.headers)

    assert old.status_code == 404
    assert new.status_code == 200 and new.json() != cart_id


def test_order_without_shipping_address_is_refused_and_nothing_written(
    client: TestClient, jane: Shopper, session_factory: sessionmaker[Session]
) -> None:
    fill_cart(client, jane, [("24-WB01", 1)])
    before = counts(session_factory)

    response = place(client, jane)

    _refused(
        response, "The shipping address is missing. Set the address and try again."
    )
    assert counts(session_factory) == before


def test_order_whose_shipping_method_is_gone_is_refused_and_nothing_written(
    client: TestClient, jane: Shopper, session_factory: sessionmaker[Session]
) -> None:
    fill_cart(client, jane, [("24-WB01", 1)])
    ship_flatrate(client, jane, MINEOLA)
    set_config(session_factory, {"carriers/flatrate/active": "0"})
    before = counts(session_factory)

    response = place(client, jane)

    _refused(
        response,
        "The shipping method is missing. Select the shipping method and try again.",
    )
    assert counts(session_factory) == before


@pytest.mark.parametrize(
    ("method", "extra", "message"),
    [
        ("cashondelivery", {}, "The requested Payment Method is not available."),
        ("free", {}, "The requested Payment Method is not available."),
        ("bitcoin", {}, "The requested Payment Method is not available."),
        ("purchaseorder", {}, "Purchase order number is a required field."),
    ],
)
def test_unavailable_payment_method_is_refused_and_nothing_written(
    client: TestClient,
    jane: Shopper,
    session_factory: sessionmaker[Session],
    method: str,
    extra: dict[str, Any],
    message: str,
) -> None:
    set_config(session_factory, {"payment/purchaseorder/active": "1"})
    fill_cart(client, jane, [("24-WB01", 1)])
    ship_flatrate(client, jane, MINEOLA)
    before = counts(session_factory)

    _refused(place(client, jane, method=method, **extra), message)
    assert counts(session_factory) == before


def test_purchase_order_with_a_number_is_accepted(
    client: TestClient, jane: Shopper, session_factory: sessionmaker[Session]
) -> None:
    set_config(session_factory, {"payment/purchaseorder/active": "1"})
    fill_cart(client, jane, [("24-WB01", 1)])
    ship_flatrate(client, jane, MINEOLA)

    placed = place(client, jane, method="purchaseorder", po_number="PO-7")

    assert placed.status_code == 200, placed.text
    with unit_of_work(session_factory) as session:
        order = session.get(Order, placed.json())
        assert order is not None and order.payment is not None
        assert (order.payment.method, order.payment.po_number) == (
            "purchaseorder",
            "PO-7",
        )


def test_zero_total_cart_pays_with_free_only(
    client: TestClient, jane: Shopper, session_factory: sessionmaker[Session]
) -> None:
    set_config(session_factory, {"carriers/flatrate/price": "0"})
    update_rule(session_factory, 3, condition=None, discount_amount=100)
    fill_cart(client, jane, [("24-WB01", 1)])
    details = ship_flatrate(client, jane, MINEOLA)

    assert [m["code"] for m in details["payment_methods"]] == ["free"]
    _refused(
        place(client, jane, method="checkmo"),
        "The requested Payment Method is not available.",
    )
    assert place(client, jane, method="free").status_code == 200


def test_empty_cart_cannot_be_ordered(client: TestClient, jane: Shopper) -> None:
    fill_cart(client, jane, [])

    _refused(
        place(client, jane),
        "A cart must contain at least one product to place an order.",
    )


def test_order_holds_stock_and_a_later_order_for_more_than_is_left_is_refused(
    client: TestClient,
    jane: Shopper,
    session_factory: sessionmaker[Session],
    settings: Settings,
) -> None:
    john = add_customer(session_factory, settings, email="john@example.com")
    fill_cart(client, john, [("24-WB01", 50)])
    ship_flatrate(client, john, MINEOLA)
    fill_cart(client, jane, [("24-WB01", 60)])
    ship_flatrate(client, jane, MINEOLA)

    janes = place(client, jane)
    after_jane = counts(session_factory)
    johns = place(client, john)

    assert janes.status_code == 200, janes.text
    assert salable(session_factory, "24-WB01") == 40
    _refused(johns, "Not all of your products are available in the requested quantity.")
    assert counts(session_factory) == after_jane
    assert after_jane["orders"] == 1 and after_jane["active_carts"] == 1
    assert salable(session_factory, "24-WB01") == 40


def test_the_billing_address_is_read_under_magentos_camel_case_name(
    client: TestClient, jane: Shopper, session_factory: sessionmaker[Session]
) -> None:
    fill_cart(client, jane, [("24-WB01", 1)])
    ship_flatrate(client, jane, MINEOLA)
    before = counts(session_factory)
    nameless = {key: value for key, value in MINEOLA.items() if key != "firstname"}
    payment = {"method": "checkmo"}

    refused = client.post(
        "/rest/default/V1/carts/mine/payment-information",
        headers=jane.headers,
        json={"paymentMethod": payment, "billingAddress": nameless},
    )
    assert refused.status_code == 400, refused.text
    assert counts(session_factory) == before

    billed = {**MINEOLA, "firstname": "Janet"}
    placed = client.post(
        "/rest/default/V1/carts/mine/payment-information",
        headers=jane.headers,
        json={"paymentMethod": payment, "billingAddress": billed},
    )
    assert placed.status_code == 200, placed.text
    with unit_of_work(session_factory) as session:
        order = session.get(Order, placed.json())
        assert order is not None
        billing = [a for a in order.addresses if a.address_type == "billing"]
        assert [a.firstname for a in billing] == ["Janet"]
