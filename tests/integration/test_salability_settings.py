"""Stock settings per product and from config, as endpoints, cart and order see them."""

from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from sellable.inventory.deduction import NotEnoughAtSource, deduct_from_source
from sellable.inventory.domain import ReservationEntry
from sellable.inventory.ledger import append_reservations
from sellable.kit.database import unit_of_work
from sellable.kit.settings import Settings
from tests.integration.checkout_factory import (
    MINEOLA,
    Shopper,
    add_customer,
    counts,
    fill_cart,
    place,
    set_config,
    ship_flatrate,
    tutorial_v24,
)
from tests.integration.inventory_setup import API, items_of, set_items, two_warehouses
from tests.integration.ledger_assertions import (
    assert_ledger_consistent,
    reserved,
    salable,
)

Headers = dict[str, str]
ITEMS = "/rest/default/V1/carts/mine/items"
MAX_SALE = "The requested qty exceeds the maximum qty allowed in shopping cart"


@pytest.fixture
def jane(
    client: TestClient, session_factory: sessionmaker[Session], settings: Settings
) -> Shopper:
    tutorial_v24(session_factory)
    return add_customer(session_factory, settings)


def _stock_item(client: TestClient, headers: Headers, sku: str, **fields: Any) -> None:
    body = {"product": {"sku": sku, "extension_attributes": {"stock_item": fields}}}
    response = client.put(f"/rest/all/V1/products/{sku}", json=body, headers=headers)
    assert response.status_code == 200, response.text


def _ask(client: TestClient, headers: Headers, sku: str, qty: str) -> Any:
    path = f"{API}/is-product-salable-for-requested-qty/{sku}/1/{qty}"
    response = client.get(path, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def _add(client: TestClient, shopper: Shopper, sku: str, qty: Any) -> Any:
    client.post("/rest/default/V1/carts/mine", headers=shopper.headers)
    return client.post(
        ITEMS, headers=shopper.headers, json={"cartItem": {"sku": sku, "qty": qty}}
    )


def _salable_qty(client: TestClient, headers: Headers, sku: str) -> Any:
    path = f"{API}/get-product-salable-quantity/{sku}/1"
    return client.get(path, headers=headers).json()


def test_backorders_with_a_negative_threshold_sell_exactly_down_to_it(
    client: TestClient,
    jane: Shopper,
    admin_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:
    _stock_item(client, admin_headers, "24-WB01", backorders=1, min_qty=-10)

    quantity = _salable_qty(client, admin_headers, "24-WB01")
    too_many = _add(client, jane, "24-WB01", 111)
    fill_cart(client, jane, [("24-WB01", 110)])
    ship_flatrate(client, jane, MINEOLA)
    placed = place(client, jane)

    assert quantity == 110
    assert too_many.json()["message"] == "The requested qty is not available"
    assert placed.status_code == 200, placed.text
    assert salable(session_factory, 1, "24-WB01") == 0
    assert reserved(session_factory, 1, "24-WB01") == -110
    assert _ask(client, admin_headers, "24-WB01", "1")["salable"] is False
    assert_ledger_consistent(session_factory)


def test_a_shipment_on_backorder_takes_the_source_below_zero_to_the_threshold(
    client: TestClient, admin_headers: Headers, session_factory: sessionmaker[Session]
) -> None:
    _stock_item(client, admin_headers, "24-WB01", backorders=1, min_qty=-10)
    meta = {"event_type": "order_placed", "object_type": "order", "object_id": "9"}
    with unit_of_work(session_factory) as session:
        append_reservations(session, [ReservationEntry(1, "24-WB01", -110, meta)])

    with unit_of_work(session_factory) as session:
        deduct_from_source(session, "default", {"24-WB01": Decimal(110)})
        shipped = {**meta, "event_type": "shipment_created"}
        append_reservations(session, [ReservationEntry(1, "24-WB01", 110, shipped)])
    refused = None
    try:
        with unit_of_work(session_factory) as session:
            deduct_from_source(session, "default", {"24-WB01": Decimal(1)})
    except NotEnoughAtSource as error:
        refused = error

    assert items_of(client, admin_headers, "24-WB01") == {"default": (-10, 1)}
    assert reserved(session_factory, 1, "24-WB01") == 0
    assert salable(session_factory, 1, "24-WB01") == 0
    assert refused is not None


def test_a_negative_threshold_without_backorders_sells_only_what_is_there(
    client: TestClient, jane: Shopper, admin_headers: Headers
) -> None:
    _stock_item(client, admin_headers, "24-WB01", backorders=0, min_qty=-10)

    assert _salable_qty(client, admin_headers, "24-WB01") == 100
    assert _add(client, jane, "24-WB01", 101).status_code == 400
    assert _ask(client, admin_headers, "24-WB01", "101")["errors"][0]["code"] == (
        "back_order-disabled"
    )


def test_notified_backorders_sell_and_say_how_many_are_backordered(
    client: TestClient, jane: Shopper, admin_headers: Headers
) -> None:
    _stock_item(client, admin_headers, "24-WB01", backorders=2)

    verdict = _ask(client, admin_headers, "24-WB01", "105")
    added = _add(client, jane, "24-WB01", 105)

    assert verdict == {
        "salable": True,
        "errors": [
            {
                "code": "back_order-not-enough",
                "message": "We don't have as many quantity as you requested, "
                "but we'll back order the remaining 5.",
            }
        ],
    }
    assert added.status_code == 200, added.text


def test_config_defaults_apply_until_the_product_overrides_them(
    client: TestClient,
    jane: Shopper,
    admin_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:
    set_config(
        session_factory,
        {
            "cataloginventory/item_options/min_sale_qty": "3",
            "cataloginventory/item_options/enable_qty_increments": "1",
            "cataloginventory/item_options/qty_increments": "3",
        },
    )

    by_config = _ask(client, admin_headers, "24-WB01", "2")
    refused = _add(client, jane, "24-WB01", 4)
    _stock_item(
        client, admin_headers, "24-WB03", min_sale_qty=1, enable_qty_increments=False
    )
    own = _ask(client, admin_headers, "24-WB03", "2")

    assert by_config["errors"] == [
        {
            "code": "is_correct_qty-min_sale_qty",
            "message": "The fewest you may purchase is 3.",
        }
    ]
    assert refused.json() == {
        "message": "You can buy this product only in quantities of %1 at a time.",
        "parameters": ["3"],
    }
    assert own == {"salable": True, "errors": []}


def test_max_sale_qty_and_decimal_quantities(
    client: TestClient, jane: Shopper, admin_headers: Headers
) -> None:
    _stock_item(client, admin_headers, "24-WB01", max_sale_qty=5)
    _stock_item(client, admin_headers, "24-WB03", is_qty_decimal=True, min_sale_qty=0.5)

    over = _add(client, jane, "24-WB01", 6)
    half = _add(client, jane, "24-WB03", 2.5)

    assert over.json()["message"] == (
        "The requested qty exceeds the maximum qty allowed in shopping cart"
    )
    assert _ask(client, admin_headers, "24-WB01", "6")["errors"][0]["code"] == (
        "is_correct_qty-max_sale_qty"
    )
    assert half.status_code == 200, half.text
    assert half.json()["qty"] == 2.5


def test_placement_refuses_what_the_rules_refuse_now_and_writes_nothing(
    client: TestClient,
    jane: Shopper,
    admin_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:
    fill_cart(client, jane, [("24-WB01", 5)])
    ship_flatrate(client, jane, MINEOLA)
    _stock_item(client, admin_headers, "24-WB01", max_sale_qty=3)
    before = counts(session_factory)

    refused = place(client, jane)

    assert refused.status_code == 400
    assert refused.json()["message"] == (
        "Not all of your products are available in the requested quantity."
    )
    assert refused.json()["errors"] == [
        {
            "message": MAX_SALE,
            "parameters": [],
        }
    ]
    assert counts(session_factory) == before
    assert salable(session_factory, 1, "24-WB01") == 100


def test_unmanaged_stock_sells_beyond_the_shelf_and_holds_nothing(
    client: TestClient,
    jane: Shopper,
    admin_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:
    _stock_item(client, admin_headers, "24-WB01", manage_stock=False)

    fill_cart(client, jane, [("24-WB01", 500)])
    ship_flatrate(client, jane, MINEOLA)
    placed = place(client, jane)

    assert placed.status_code == 200, placed.text
    assert reserved(session_factory, 1, "24-WB01") == 0
    assert items_of(client, admin_headers, "24-WB01") == {"default": (100, 1)}
    assert_ledger_consistent(session_factory)


def test_a_negative_source_does_not_cancel_another_and_disabled_products_do_not_sell(
    client: TestClient, admin_headers: Headers
) -> None:
    stock_id = two_warehouses(client, admin_headers)
    set_items(client, admin_headers, ("24-WB01", "west", -5, 1))
    disabled = {"product": {"sku": "24-WB03", "status": 2}}
    client.put("/rest/all/V1/products/24-WB03", json=disabled, headers=admin_headers)

    def ask(sku: str, qty: int) -> Any:
        path = f"{API}/is-product-salable-for-requested-qty/{sku}/{stock_id}/{qty}"
        return client.get(path, headers=admin_headers).json()

    assert (
        client.get(
            f"{API}/get-product-salable-quantity/24-WB01/{stock_id}",
            headers=admin_headers,
        ).json()
        == 30
    )
    assert ask("24-WB01", 30)["salable"] is True
    assert ask("24-WB01", 31)["salable"] is False
    assert ask("24-WB03", 1)["errors"][0]["code"] == "is_product_salable-disabled"
    assert (
        client.get(f"{API}/is-product-salable/24-WB03/1", headers=admin_headers).json()
        is False
    )


def test_unknown_backorder_mode_or_a_zero_step_is_refused(
    client: TestClient, admin_headers: Headers
) -> None:
    def put(**fields: Any) -> Any:
        body = {"product": {"extension_attributes": {"stock_item": fields}}}
        return client.put(
            "/rest/all/V1/products/24-WB01", json=body, headers=admin_headers
        )

    modes = put(backorders=5)
    step = put(qty_increments=0, enable_qty_increments=True)

    assert modes.status_code == 400
    assert modes.json()["parameters"] == {"value": 5, "fieldName": "backorders"}
    assert step.status_code == 400
    assert _ask(client, admin_headers, "24-WB01", "7") == {
        "salable": True,
        "errors": [],
    }
