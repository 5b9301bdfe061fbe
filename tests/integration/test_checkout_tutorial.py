"""The tutorial carts end to end: v2.4 (20% rule) and v2.3 (founding numbers)."""

from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sellable.kit.database import unit_of_work
from sellable.kit.settings import Settings
from sellable.mail.models import OutboxMessage
from sellable.sales.models import Order
from tests.integration.checkout_factory import (
    MINEOLA,
    add_customer,
    fill_cart,
    place,
    salable,
    ship_flatrate,
    tutorial_v23,
    tutorial_v24,
)

V24_LINES = [("24-WB03", 20), ("24-WB01", 40), ("240-LV06", 1)]
V23_LINES = [("24-WB01", 20), ("24-WB03", 50), ("240-LV06", 1)]


def _segments(totals: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {segment["code"]: segment for segment in totals["total_segments"]}


def test_v2_4_items_answer_the_rule_discount_of_the_running_cart(
    client: TestClient, session_factory: sessionmaker[Session], settings: Settings
) -> None:
    tutorial_v24(session_factory)
    jane = add_customer(session_factory, settings)
    cart_id = fill_cart(client, jane, [])

    pack = client.post(
        "/rest/default/V1/carts/mine/items",
        headers=jane.headers,
        json={"cartItem": {"sku": "24-WB03", "qty": 20, "quote_id": str(cart_id)}},
    ).json()
    video = client.post(
        "/rest/default/V1/carts/mine/items",
        headers=jane.headers,
        json={"cartItem": {"sku": "240-LV06", "qty": 1, "quote_id": str(cart_id)}},
    ).json()

    assert pack["quote_id"] == str(cart_id)
    assert (pack["sku"], pack["qty"], pack["name"], pack["price"]) == (
        "24-WB03",
        20,
        "Driven Backpack",
        36,
    )
    assert pack["extension_attributes"]["discounts"] == [
        {
            "discount_data": {
                "amount": 144,
                "base_amount": 144,
                "original_amount": 144,
                "base_original_amount": 144,
            },
            "rule_label": "Discount",
            "rule_i_d": 3,
        }
    ]
    links = video["product_option"]["extension_attributes"]["downloadable_option"]
    assert len(links["downloadable_links"]) == 1
    assert (
        video["extension_attributes"]["discounts"][0]["discount_data"]["amount"] == 4.4
    )


def test_v2_4_checkout_and_order_have_the_tutorial_numbers(
    client: TestClient, session_factory: sessionmaker[Session], settings: Settings
) -> None:
    tutorial_v24(session_factory)
    jane = add_customer(session_factory, settings)
    cart_id = fill_cart(client, jane, V24_LINES)

    estimate = client.post(
        "/rest/default/V1/carts/mine/estimate-shipping-methods",
        headers=jane.headers,
        json={"address": {**MINEOLA, "customer_id": 5, "same_as_billing": 1}},
    )
    details = ship_flatrate(client, jane, MINEOLA)
    placed = place(client, jane)

    assert estimate.json() == [
        {
            "carrier_code": "flatrate",
            "method_code": "flatrate",
            "carrier_title": "Flat Rate",
            "method_title": "Fixed",
            "amount": 300,
            "base_amount": 300,
            "available": True,
            "error_message": "",
            "price_excl_tax": 300,
            "price_incl_tax": 300,
        }
    ]
    assert {m["code"] for m in details["payment_methods"]} == {
        "checkmo",
        "banktransfer",
    }
    totals = details["totals"]
    assert (
        totals["subtotal"],
        totals["discount_amount"],
        totals["shipping_amount"],
        totals["grand_total"],
        totals["items_qty"],
    ) == (2022, -404.4, 300, 1917.6, 61)
    assert totals["subtotal_with_discount"] == 1617.6
    video = next(i for i in totals["items"] if i["name"] == "Yoga Adventure")
    assert video["options"] == '[{"value":"Yoga Adventure","label":"Downloads"}]'
    assert (video["discount_amount"], video["discount_percent"]) == (4.4, 20)
    segments = _segments(totals)
    assert segments["shipping"]["title"] == "Shipping & Handling (Flat Rate - Fixed)"
    assert segments["discount"]["value"] == -404.4
    assert segments["grand_total"]["value"] == 1917.6
    assert placed.status_code == 200, placed.text
    with unit_of_work(session_factory) as session:
        order = session.scalars(select(Order)).one()
        assert order.entity_id == placed.json()
        assert (order.state, order.status, order.quote_id) == (
            "new",
            "pending",
            cart_id,
        )
        assert (
            order.subtotal,
            order.discount_amount,
            order.shipping_amount,
            order.grand_total,
            order.total_qty_ordered,
        ) == (2022, Decimal("-404.40"), 300, Decimal("1917.60"), 61)
        assert order.shipping_method == "flatrate_flatrate"
        assert order.shipping_description == "Flat Rate - Fixed"
        assert order.applied_rule_ids == "3"
        assert order.discount_description == "Discount"
        assert order.payment is not None and order.payment.method == "banktransfer"
        assert {a.address_type for a in order.addresses} == {"billing", "shipping"}
        assert [i.discount_amount for i in order.items] == [144, 256, Decimal("4.40")]
        mail = session.scalars(select(OutboxMessage)).one()
        assert (mail.kind, mail.recipient, mail.reference) == (
            "order_confirmation",
            "jdoe@example.com",
            order.increment_id,
        )
    assert salable(session_factory, "24-WB01") == 60
    assert salable(session_factory, "24-WB03") == 80
    assert salable(session_factory, "240-LV06") == 99


def test_v2_3_cart_in_store_us_has_the_founding_numbers(
    client: TestClient, session_factory: sessionmaker[Session], settings: Settings
) -> None:
    tutorial_v23(session_factory)
    jane = add_customer(session_factory, settings, website_id=2, store_id=2)
    fill_cart(client, jane, V23_LINES, store="us")

    details = ship_flatrate(client, jane, MINEOLA, store="us")
    placed = place(client, jane, store="us")

    totals = details["totals"]
    assert (
        totals["subtotal"],
        totals["discount_amount"],
        totals["shipping_amount"],
        totals["grand_total"],
        totals["items_qty"],
    ) == (2462, 0, 350, 2812, 71)
    assert "discount" not in _segments(totals)
    assert placed.status_code == 200, placed.text
    with unit_of_work(session_factory) as session:
        order = session.scalars(select(Order)).one()
        assert (order.store_id, order.stock_id, order.increment_id) == (
            2,
            2,
            "2000000001",
        )
        assert (order.grand_total, order.total_qty_ordered) == (2812, 71)
    assert salable(session_factory, "24-WB01", stock_id=2) == 50
    assert salable(session_factory, "24-WB03", stock_id=2) == 11
    assert salable(session_factory, "240-LV06", stock_id=2) == 9998
