"""Awkward orders of events: cancel after partial documents, repeated requests.

Order of the sales factory: 20 x 24-WB03, 40 x 24-WB01 and one virtual
240-LV06 on stock 2 (ne_wh 35/50, west_wh 15/10, brooklyn 10/0, hq 9999).
"""

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from sellable.mail.models import OutboxMessage
from sellable.sales.models import CreditMemo, Invoice, Shipment
from tests.integration.ledger_assertions import (
    assert_ledger_consistent,
    reserved,
    salable,
)
from tests.integration.sales_factory import (
    PlacedOrder,
    install_inventory,
    ledger,
    place_order,
    source_quantity,
)

Headers = dict[str, str]
D = Decimal
REST = "/rest/default/V1"


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


def _post(
    client: TestClient,
    headers: Headers,
    path: str,
    body: Any = None,
    key: str | None = None,
) -> Any:
    if key is not None:
        headers = {**headers, "Idempotency-Key": key}
    return client.post(f"{REST}/{path}", json=body, headers=headers)


def _state(client: TestClient, headers: Headers, order_id: int) -> tuple[str, str]:
    body = client.get(f"{REST}/orders/{order_id}", headers=headers).json()
    return body["state"], body["status"]


def _lines(**quantities: int) -> list[dict[str, int]]:
    return [{"order_item_id": int(k), "qty": q} for k, q in quantities.items()]


def _ship_body(source: str, **quantities: int) -> dict[str, Any]:
    return {
        "items": _lines(**quantities),
        "arguments": {"extension_attributes": {"source_code": source}},
    }


def _count(factory: sessionmaker[Session], model: type) -> int:
    with factory() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_cancel_after_a_partial_invoice_releases_exactly_the_rest_once(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    stock_id: int,
    session_factory: sessionmaker[Session],
) -> None:
    bag, backpack = order.item_ids["24-WB01"], order.item_ids["24-WB03"]
    invoice = {"items": _lines(**{str(bag): 10, str(backpack): 5})}
    _post(client, admin_headers, f"order/{order.order_id}/invoice", invoice)

    first = _post(client, admin_headers, f"orders/{order.order_id}/cancel")
    second = _post(client, admin_headers, f"orders/{order.order_id}/cancel")

    assert first.status_code == 200, first.text
    assert second.status_code == 400
    assert second.json() == {"message": "You cannot cancel this order."}
    assert _state(client, admin_headers, order.order_id) == ("processing", "processing")
    assert [e for e in ledger(session_factory) if e[2] == "order_canceled"] == [
        ("24-WB03", D(15), "order_canceled"),
        ("24-WB01", D(30), "order_canceled"),
        ("240-LV06", D(1), "order_canceled"),
    ]
    assert reserved(session_factory, stock_id, "24-WB01") == -10
    assert salable(session_factory, stock_id, "24-WB01") == 50

    shipped = _post(
        client,
        admin_headers,
        f"order/{order.order_id}/ship",
        _ship_body("ne_wh", **{str(bag): 10, str(backpack): 5}),
    )

    assert shipped.status_code == 200, shipped.text
    assert _state(client, admin_headers, order.order_id) == ("complete", "complete")
    assert reserved(session_factory, stock_id, "24-WB01") == 0
    assert source_quantity(session_factory, "ne_wh", "24-WB01") == 25
    assert salable(session_factory, stock_id, "24-WB01") == 50


def test_cancel_after_a_partial_shipment_releases_only_the_unshipped_units(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    stock_id: int,
    session_factory: sessionmaker[Session],
) -> None:
    bag = order.item_ids["24-WB01"]
    _post(
        client,
        admin_headers,
        f"order/{order.order_id}/ship",
        _ship_body("ne_wh", **{str(bag): 35}),
    )

    response = _post(client, admin_headers, f"orders/{order.order_id}/cancel")

    assert response.status_code == 200, response.text
    assert _state(client, admin_headers, order.order_id) == ("canceled", "canceled")
    assert ("24-WB01", D(5), "order_canceled") in ledger(session_factory)
    assert reserved(session_factory, stock_id, "24-WB01") == 0
    assert source_quantity(session_factory, "ne_wh", "24-WB01") == 0
    assert salable(session_factory, stock_id, "24-WB01") == 25
    refused = _post(
        client,
        admin_headers,
        f"order/{order.order_id}/ship",
        _ship_body("west_wh", **{str(bag): 1}),
    )
    assert refused.status_code == 400
    assert refused.json()["message"] == (
        "Shipment Document Validation Error(s):\n"
        "A shipment cannot be created when an order has a status of canceled"
    )


def test_a_second_identical_ship_request_ships_nothing_more(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    session_factory: sessionmaker[Session],
) -> None:
    bag = order.item_ids["24-WB01"]
    body = _ship_body("ne_wh", **{str(bag): 35})
    path = f"order/{order.order_id}/ship"

    first = _post(client, admin_headers, path, body, key="ship-1")
    repeated = _post(client, admin_headers, path, body, key="ship-1")
    unkeyed = _post(client, admin_headers, path, body)

    assert first.status_code == 200, first.text
    assert (repeated.status_code, repeated.json()) == (200, first.json())
    assert source_quantity(session_factory, "ne_wh", "24-WB01") == 0
    assert _count(session_factory, Shipment) == 1
    # Without a key, the repeat is a new request: only 5 bags are left to ship.
    assert unkeyed.status_code == 400
    assert "invalid quantity to ship" in unkeyed.json()["message"]


def test_one_key_with_another_body_is_refused(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    session_factory: sessionmaker[Session],
) -> None:
    bag = order.item_ids["24-WB01"]
    path = f"order/{order.order_id}/ship"
    _post(client, admin_headers, path, _ship_body("ne_wh", **{str(bag): 5}), key="k")

    other = _post(
        client, admin_headers, path, _ship_body("ne_wh", **{str(bag): 6}), key="k"
    )

    assert other.status_code == 400
    assert other.json() == {
        "message": 'The idempotency key "%1" was already used for a different request.',
        "parameters": ["k"],
    }
    assert source_quantity(session_factory, "ne_wh", "24-WB01") == 30
    too_long = _post(client, admin_headers, path, {}, key="k" * 256)
    assert too_long.status_code == 400
    assert too_long.json()["parameters"] == [255]


def test_repeated_invoice_and_refund_with_a_key_change_nothing(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    stock_id: int,
    session_factory: sessionmaker[Session],
) -> None:
    invoice_path = f"order/{order.order_id}/invoice"
    refund_path = f"order/{order.order_id}/refund"
    refund = {"items": _lines(**{str(order.item_ids["24-WB03"]): 4})}

    invoices = [_post(client, admin_headers, invoice_path, {}, key="i") for _ in "ab"]
    refunds = [_post(client, admin_headers, refund_path, refund, key="r") for _ in "ab"]

    assert invoices[0].json() == invoices[1].json()
    assert refunds[0].status_code == 200, refunds[0].text
    assert refunds[0].json() == refunds[1].json()
    assert (_count(session_factory, Invoice), _count(session_factory, CreditMemo)) == (
        1,
        1,
    )
    assert reserved(session_factory, stock_id, "24-WB03") == -16
    total = client.get(f"{REST}/orders/{order.order_id}", headers=admin_headers)
    assert total.json()["total_refunded"] == 415.2  # 4 x (36 - 7.20) + 300 shipping


def test_a_repeated_pickup_notice_with_a_key_ships_and_mails_once(
    client: TestClient,
    admin_headers: Headers,
    stock_id: int,
    session_factory: sessionmaker[Session],
) -> None:
    pickup = place_order(session_factory, stock_id, [("24-WB01", 2, D(0))], "brooklyn")
    body = {"orderIds": [pickup.order_id]}
    path = "order/notify-orders-are-ready-for-pickup"

    answers = [_post(client, admin_headers, path, body, key="p").json() for _ in "ab"]

    assert answers == [{"successful": True, "errors": []}] * 2
    assert source_quantity(session_factory, "brooklyn", "24-WB01") == 8
    with session_factory() as session:
        kinds = list(session.scalars(select(OutboxMessage.kind)))
    assert kinds == ["order_ready_for_pickup"]


def test_each_state_refuses_what_magento_refuses(
    client: TestClient, admin_headers: Headers, order: PlacedOrder
) -> None:
    bag = order.item_ids["24-WB01"]
    held = _post(client, admin_headers, f"orders/{order.order_id}/hold")
    ship = _post(
        client,
        admin_headers,
        f"order/{order.order_id}/ship",
        _ship_body("ne_wh", **{str(bag): 1}),
    )
    invoice = _post(client, admin_headers, f"order/{order.order_id}/invoice")
    cancel = _post(client, admin_headers, f"orders/{order.order_id}/cancel")

    assert held.status_code == 200
    assert _state(client, admin_headers, order.order_id) == ("holded", "holded")
    assert (ship.status_code, invoice.status_code, cancel.status_code) == (
        400,
        400,
        400,
    )
    assert ship.json()["message"].endswith("has a status of holded")
    assert invoice.json()["message"].endswith("has a status of holded")

    _post(client, admin_headers, f"orders/{order.order_id}/unhold")
    _post(client, admin_headers, f"order/{order.order_id}/invoice")
    _post(client, admin_headers, f"order/{order.order_id}/refund", {})

    assert _state(client, admin_headers, order.order_id) == ("closed", "closed")
    closed = {
        "invoice": _post(client, admin_headers, f"order/{order.order_id}/invoice"),
        "ship": _post(client, admin_headers, f"order/{order.order_id}/ship"),
        "refund": _post(client, admin_headers, f"order/{order.order_id}/refund"),
        "cancel": _post(client, admin_headers, f"orders/{order.order_id}/cancel"),
        "hold": _post(client, admin_headers, f"orders/{order.order_id}/hold"),
    }
    assert {name: r.status_code for name, r in closed.items()} == dict.fromkeys(
        closed, 400
    )
    assert closed["refund"].json()["message"].endswith("has a status of closed")
