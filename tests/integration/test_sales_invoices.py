"""Invoicing orders over REST, on SQLite and PostgreSQL."""

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from sellable.mail.models import OutboxMessage
from sellable.sales.models import Invoice
from tests.integration.ledger_assertions import assert_ledger_consistent
from tests.integration.sales_factory import (
    PlacedOrder,
    install_inventory,
    ledger,
    place_order,
    source_quantity,
)

Headers = dict[str, str]


@pytest.fixture(autouse=True)
def ledger_ends_consistent(session_factory: sessionmaker[Session]) -> Iterator[None]:
    yield
    assert_ledger_consistent(session_factory)


@pytest.fixture
def order(session_factory: sessionmaker[Session]) -> PlacedOrder:
    stock_id = install_inventory(session_factory)
    return place_order(session_factory, stock_id)


def _invoice(
    client: TestClient, headers: Headers, order_id: int, body: dict[str, Any]
) -> Any:
    return client.post(
        f"/rest/default/V1/order/{order_id}/invoice", json=body, headers=headers
    )


def _invoice_count(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return int(session.scalar(select(func.count()).select_from(Invoice)) or 0)


def test_full_invoice_pays_the_order_and_deducts_the_virtual_item(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    session_factory: sessionmaker[Session],
) -> None:
    response = _invoice(
        client, admin_headers, order.order_id, {"capture": True, "notify": True}
    )

    assert response.status_code == 200, response.text
    invoice_id = response.json()
    assert isinstance(invoice_id, int)
    invoice = client.get(
        f"/rest/default/V1/invoices/{invoice_id}", headers=admin_headers
    ).json()
    assert invoice["state"] == 2
    assert invoice["order_id"] == order.order_id
    assert (invoice["subtotal"], invoice["discount_amount"]) == (2022, -404.4)
    assert (invoice["shipping_amount"], invoice["grand_total"]) == (300, 1917.6)
    assert invoice["base_grand_total"] == 1917.6
    assert invoice["total_qty"] == 61
    lines = {item["sku"]: item for item in invoice["items"]}
    assert lines["24-WB03"]["discount_amount"] == 144
    assert lines["24-WB01"]["row_total"] == 1280
    assert lines["240-LV06"]["order_item_id"] == order.item_ids["240-LV06"]
    assert lines["240-LV06"]["discount_amount"] == 4.4

    placed = client.get(
        f"/rest/default/V1/orders/{order.order_id}", headers=admin_headers
    ).json()
    assert (placed["state"], placed["status"]) == ("processing", "processing")
    assert (placed["total_invoiced"], placed["total_paid"]) == (1917.6, 1917.6)
    assert {i["sku"]: i["qty_invoiced"] for i in placed["items"]}["24-WB01"] == 40
    assert source_quantity(session_factory, "hq", "240-LV06") == 9998
    assert ledger(session_factory)[-1] == ("240-LV06", Decimal(1), "invoice_created")


def test_notify_queues_the_invoice_email(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    session_factory: sessionmaker[Session],
) -> None:
    _invoice(client, admin_headers, order.order_id, {"capture": True, "notify": True})

    with session_factory() as session:
        kinds = list(session.scalars(select(OutboxMessage.kind)))
    assert kinds == ["invoice"]


def test_partial_invoices_add_up_to_the_order(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    session_factory: sessionmaker[Session],
) -> None:
    item = order.item_ids["24-WB01"]

    first = _invoice(
        client,
        admin_headers,
        order.order_id,
        {"capture": True, "items": [{"order_item_id": item, "qty": 10}]},
    )
    rest = _invoice(client, admin_headers, order.order_id, {"capture": True})

    assert first.status_code == rest.status_code == 200, rest.text
    url = "/rest/default/V1/invoices/{}"
    one = client.get(url.format(first.json()), headers=admin_headers).json()
    two = client.get(url.format(rest.json()), headers=admin_headers).json()
    assert (one["subtotal"], one["discount_amount"], one["grand_total"]) == (
        320,
        -64,
        556,
    )
    assert one["total_qty"] == 10
    assert two["total_qty"] == 51
    assert one["grand_total"] + two["grand_total"] == pytest.approx(1917.6)
    assert one["discount_amount"] + two["discount_amount"] == pytest.approx(-404.4)
    placed = client.get(
        f"/rest/default/V1/orders/{order.order_id}", headers=admin_headers
    ).json()
    assert placed["total_invoiced"] == 1917.6
    assert ledger(session_factory)[-1] == ("240-LV06", Decimal(1), "invoice_created")


def test_a_partial_invoice_without_the_virtual_item_leaves_it_at_its_source(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    session_factory: sessionmaker[Session],
) -> None:
    body = {"items": [{"order_item_id": order.item_ids["24-WB03"], "qty": 5}]}

    response = _invoice(client, admin_headers, order.order_id, body)

    assert response.status_code == 200, response.text
    assert source_quantity(session_factory, "hq", "240-LV06") == 9999
    placed = client.get(
        f"/rest/default/V1/orders/{order.order_id}", headers=admin_headers
    ).json()
    assert placed["state"] == "processing"


def test_invoicing_twice_is_refused(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    session_factory: sessionmaker[Session],
) -> None:
    _invoice(client, admin_headers, order.order_id, {"capture": True})

    again = _invoice(client, admin_headers, order.order_id, {"capture": True})

    assert again.status_code == 400
    assert again.json()["message"] == (
        "Invoice Document Validation Error(s):\n"
        "The order does not allow an invoice to be created."
    )
    assert _invoice_count(session_factory) == 1
    assert source_quantity(session_factory, "hq", "240-LV06") == 9998


@pytest.mark.parametrize(
    ("item_sku", "qty", "reason"),
    [
        (None, 1, "not part of the original order"),
        ("24-WB01", 41, "must not be greater than the uninvoiced quantity"),
        ("24-WB01", -1, "must not be greater than the uninvoiced quantity"),
        ("24-WB01", 0, "can't be created without products"),
    ],
)
def test_bad_invoice_items_are_refused_and_nothing_is_written(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    session_factory: sessionmaker[Session],
    item_sku: str | None,
    qty: int,
    reason: str,
) -> None:
    item_id = order.item_ids[item_sku] if item_sku else 99999
    body = {"items": [{"order_item_id": item_id, "qty": qty}]}

    response = _invoice(client, admin_headers, order.order_id, body)

    assert response.status_code == 400
    assert reason in response.json()["message"]
    assert _invoice_count(session_factory) == 0


def test_invoice_of_an_unknown_order_is_404(
    client: TestClient, admin_headers: Headers, order: PlacedOrder
) -> None:
    response = _invoice(client, admin_headers, 99999, {"capture": True})

    assert response.status_code == 404
    assert "doesn't exist" in response.json()["message"]


def test_unknown_invoice_is_404_and_anonymous_callers_get_401(
    client: TestClient, admin_headers: Headers, order: PlacedOrder
) -> None:
    missing = client.get("/rest/default/V1/invoices/99999", headers=admin_headers)
    anonymous = _invoice(client, {}, order.order_id, {"capture": True})

    assert missing.status_code == 404
    assert anonymous.status_code == 401


def test_invoices_can_be_searched_by_order(
    client: TestClient, admin_headers: Headers, order: PlacedOrder
) -> None:
    invoice_id = _invoice(
        client, admin_headers, order.order_id, {"capture": True}
    ).json()
    base = "searchCriteria[filter_groups][0][filters][0]"
    query = {f"{base}[field]": "order_id", f"{base}[value]": str(order.order_id)}

    found = client.get("/rest/default/V1/invoices", params=query, headers=admin_headers)

    assert found.status_code == 200, found.text
    assert [item["entity_id"] for item in found.json()["items"]] == [invoice_id]
    assert found.json()["total_count"] == 1
