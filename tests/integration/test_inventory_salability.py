"""Salable quantity and the is-salable questions, through REST."""

from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from sellable.inventory.domain import ReservationEntry
from sellable.inventory.errors import InsufficientSalableQuantity
from sellable.inventory.ledger import append_reservations
from sellable.inventory.salability import hold_for_order, stock_id_for_website
from sellable.kit.database import unit_of_work
from tests.integration.inventory_setup import (
    API,
    add_source,
    salable,
    set_items,
    two_warehouses,
)

Headers = dict[str, str]
META = {"event_type": "order_placed", "object_type": "order", "object_id": "7"}


def _hold(factory: sessionmaker[Session], stock_id: int, sku: str, qty: int) -> None:
    with unit_of_work(factory) as db:
        append_reservations(db, [ReservationEntry(stock_id, sku, Decimal(-qty), META)])


def test_salable_quantity_sums_in_stock_rows_at_enabled_sources_minus_holds(
    client: TestClient, admin_headers: Headers, session_factory: sessionmaker[Session]
) -> None:
    stock_id = two_warehouses(client, admin_headers)
    add_source(client, admin_headers, "closed", enabled=False)
    add_source(client, admin_headers, "north")
    client.post(
        f"{API}/stock-source-links",
        headers=admin_headers,
        json={
            "links": [
                {"stock_id": stock_id, "source_code": "closed", "priority": 3},
                {"stock_id": stock_id, "source_code": "north", "priority": 4},
            ]
        },
    )
    set_items(
        client, admin_headers, ("24-WB01", "closed", 50, 1), ("24-WB01", "north", 9, 0)
    )

    before = salable(client, admin_headers, "24-WB01", stock_id)
    _hold(session_factory, stock_id, "24-WB01", 12)

    assert before == 50
    assert salable(client, admin_headers, "24-WB01", stock_id) == 38
    assert salable(client, admin_headers, "24-WB03", stock_id) == 0
    assert salable(client, admin_headers, "24-WB01", 1) == 100


def test_unknown_stock_is_404_and_unknown_sku_is_404(
    client: TestClient, admin_headers: Headers
) -> None:
    stock = client.get(
        f"{API}/get-product-salable-quantity/24-WB01/9", headers=admin_headers
    )
    sku = client.get(
        f"{API}/get-product-salable-quantity/NOPE/1", headers=admin_headers
    )
    word = client.get(
        f"{API}/get-product-salable-quantity/24-WB01/two", headers=admin_headers
    )

    assert stock.status_code == 404
    assert stock.json()["message"] == 'Stock with id "%value" does not exist.'
    assert sku.status_code == 404
    assert word.status_code == 400


def test_is_product_salable(client: TestClient, admin_headers: Headers) -> None:
    stock_id = two_warehouses(client, admin_headers)

    def ask(sku: str) -> object:
        return client.get(
            f"{API}/is-product-salable/{sku}/{stock_id}", headers=admin_headers
        ).json()

    assert ask("24-WB01") is True
    assert ask("24-WB03") is False
    assert ask("NOPE") is False


def test_requested_quantity_verdicts_carry_magento_codes(
    client: TestClient, admin_headers: Headers
) -> None:
    stock_id = two_warehouses(client, admin_headers)

    def ask(qty: str) -> dict[str, Any]:
        path = f"{API}/is-product-salable-for-requested-qty/24-WB01/{stock_id}/{qty}"
        response = client.get(path, headers=admin_headers)
        assert response.status_code == 200, response.text
        return dict(response.json())

    enough, too_many, half = ask("50"), ask("51"), ask("2.5")

    assert enough == {"salable": True, "errors": []}
    assert too_many["salable"] is False
    assert [e["code"] for e in too_many["errors"]] == [
        "back_order-disabled",
        "manage_stock-enabled",
        "is_salable_with_reservations-not_enough_qty",
    ]
    assert too_many["errors"][2]["message"] == "The requested qty is not available"
    assert half["errors"] == [
        {
            "code": "is_correct_qty-is_qty_decimal",
            "message": "You cannot use decimal quantity for this product.",
        }
    ]


def test_batch_salability_answers_per_sku(
    client: TestClient, admin_headers: Headers
) -> None:
    stock_id = two_warehouses(client, admin_headers)
    query = [
        ("skuRequests[0][sku]", "24-WB01"),
        ("skuRequests[0][qty]", "10"),
        ("skuRequests[1][sku]", "24-WB03"),
        ("skuRequests[1][qty]", "1"),
        ("stockId", str(stock_id)),
    ]

    for_qty = client.get(
        f"{API}/are-product-salable-for-requested-qty/",
        params=query,
        headers=admin_headers,
    ).json()
    salable_skus = client.get(
        f"{API}/are-products-salable",
        headers=admin_headers,
        params=[
            ("skus[0]", "24-WB01"),
            ("skus[1]", "24-WB03"),
            ("stockId", str(stock_id)),
        ],
    ).json()

    assert [(r["sku"], r["stock_id"], r["salable"]) for r in for_qty] == [
        ("24-WB01", stock_id, True),
        ("24-WB03", stock_id, False),
    ]
    assert for_qty[1]["errors"][-1]["code"] == "is_salable_with_reservations-no_data"
    assert salable_skus == [
        {"sku": "24-WB01", "stock_id": stock_id, "salable": True},
        {"sku": "24-WB03", "stock_id": stock_id, "salable": False},
    ]


def test_hold_for_order_refuses_what_the_stock_cannot_cover(
    client: TestClient, admin_headers: Headers, session_factory: sessionmaker[Session]
) -> None:
    two_warehouses(client, admin_headers)
    with unit_of_work(session_factory) as db:
        stock_id = stock_id_for_website(db, "base")
        assert stock_id is not None
        hold_for_order(db, stock_id, {"24-WB01": Decimal(45)}, META)

    refused = None
    try:
        with unit_of_work(session_factory) as db:
            hold_for_order(db, stock_id, {"24-WB01": Decimal(6)}, META)
    except InsufficientSalableQuantity as error:
        refused = error

    assert refused is not None and refused.available == {"24-WB01": 5}
    assert salable(client, admin_headers, "24-WB01", stock_id) == 5


def test_a_row_below_the_threshold_sells_nothing(
    client: TestClient, admin_headers: Headers
) -> None:
    stock_id = two_warehouses(client, admin_headers)
    set_items(
        client, admin_headers, ("24-WB01", "east", 0, 1), ("24-WB01", "west", 0, 1)
    )

    assert salable(client, admin_headers, "24-WB01", stock_id) == 0
