"""Credit memos over REST: money, order state and where the stock goes.

Order of the sales factory: 20 x 24-WB03, 40 x 24-WB01 and one virtual
240-LV06 on stock 2 (ne_wh 35/50, west_wh 15/10, brooklyn 10/0, hq 9999).
"""

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from sellable.mail.models import OutboxMessage
from sellable.sales.models import CreditMemo
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
# The committed subset of Magento's schema: the project stands alone.
SCHEMA = Path(__file__).parents[1] / "contract/schemas/admin-schema-2.4.9.subset.json"


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


def _post(client: TestClient, headers: Headers, path: str, body: Any = None) -> Any:
    return client.post(f"{REST}/{path}", json=body, headers=headers)


def _order(client: TestClient, headers: Headers, order_id: int) -> dict[str, Any]:
    return client.get(f"{REST}/orders/{order_id}", headers=headers).json()


def _ship(
    client: TestClient, headers: Headers, order_id: int, source: str, **items: int
) -> int:
    body = {
        "items": [{"order_item_id": int(k), "qty": q} for k, q in items.items()],
        "arguments": {"extension_attributes": {"source_code": source}},
    }
    response = _post(client, headers, f"order/{order_id}/ship", body)
    assert response.status_code == 200, response.text
    return int(response.json())


def _refund_body(
    items: dict[int, int], returned: list[int] | None = None, **arguments: Any
) -> dict[str, Any]:
    extension = {"return_to_stock_items": returned or []}
    return {
        "items": [{"order_item_id": k, "qty": q} for k, q in items.items()],
        "arguments": {**arguments, "extension_attributes": extension},
    }


def _memo_count(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return int(session.scalar(select(func.count()).select_from(CreditMemo)) or 0)


def test_refund_before_shipment_releases_the_holds_and_closes_the_order(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    stock_id: int,
    session_factory: sessionmaker[Session],
) -> None:
    assert _post(client, admin_headers, f"order/{order.order_id}/invoice").is_success
    assert salable(session_factory, stock_id, "24-WB01") == 20

    response = _post(
        client,
        admin_headers,
        f"order/{order.order_id}/refund",
        {"notify": True, "comment": {"comment": "Sent back", "is_visible_on_front": 0}},
    )

    assert response.status_code == 200, response.text
    memo_id = response.json()
    placed = _order(client, admin_headers, order.order_id)
    assert (placed["state"], placed["status"]) == ("closed", "closed")
    assert (placed["total_refunded"], placed["total_paid"]) == (1917.6, 1917.6)
    assert (placed["subtotal_refunded"], placed["shipping_refunded"]) == (2022, 300)
    assert placed["total_offline_refunded"] == 1917.6
    assert placed["status_histories"][-1]["comment"] == "Sent back"
    items = {item["sku"]: item for item in placed["items"]}
    assert items["24-WB01"]["qty_refunded"] == 40
    assert salable(session_factory, stock_id, "24-WB01") == 60
    assert salable(session_factory, stock_id, "24-WB03") == 60
    assert reserved(session_factory, stock_id, "24-WB01") == 0
    assert source_quantity(session_factory, "ne_wh", "24-WB01") == 35
    # The virtual item left hq when invoiced and was not listed: it stays out.
    assert source_quantity(session_factory, "hq", "240-LV06") == 9998
    assert ledger(session_factory)[-2:] == [
        ("24-WB01", D(40), "creditmemo_created"),
        ("24-WB03", D(20), "creditmemo_created"),
    ]
    memo = client.get(f"{REST}/creditmemo/{memo_id}", headers=admin_headers).json()
    assert (memo["order_id"], memo["grand_total"], memo["state"]) == (
        order.order_id,
        1917.6,
        2,
    )
    assert memo["email_sent"] == 1
    with session_factory() as session:
        assert list(session.scalars(select(OutboxMessage.kind))) == ["creditmemo"]
    assert (memo["subtotal"], memo["discount_amount"], memo["shipping_amount"]) == (
        2022,
        -404.4,
        300,
    )
    assert {item["sku"]: item["qty"] for item in memo["items"]} == {
        "24-WB03": 20,
        "24-WB01": 40,
        "240-LV06": 1,
    }


def test_refund_after_a_partial_multi_source_shipment_returns_to_each_source(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    stock_id: int,
    session_factory: sessionmaker[Session],
) -> None:
    bag, backpack = order.item_ids["24-WB01"], order.item_ids["24-WB03"]
    _post(client, admin_headers, f"order/{order.order_id}/invoice")
    _ship(client, admin_headers, order.order_id, "ne_wh", **{str(bag): 30})
    _ship(client, admin_headers, order.order_id, "ne_wh", **{str(backpack): 20})
    _ship(client, admin_headers, order.order_id, "west_wh", **{str(bag): 5})

    first = _post(
        client,
        admin_headers,
        f"order/{order.order_id}/refund",
        _refund_body({bag: 38}, [bag], shipping_amount=0),
    )

    assert first.status_code == 200, first.text
    # 5 bags never shipped: their hold goes; 33 go back, 30 to ne_wh, 3 to west_wh.
    assert source_quantity(session_factory, "ne_wh", "24-WB01") == 35
    assert source_quantity(session_factory, "west_wh", "24-WB01") == 13
    assert reserved(session_factory, stock_id, "24-WB01") == 0
    assert _order(client, admin_headers, order.order_id)["state"] == "complete"

    second = _post(
        client,
        admin_headers,
        f"order/{order.order_id}/refund",
        _refund_body({bag: 2, backpack: 5}, [bag], shipping_amount=0),
    )

    assert second.status_code == 200, second.text
    assert source_quantity(session_factory, "west_wh", "24-WB01") == 15
    # The backpacks were not listed: they do not return to stock.
    assert source_quantity(session_factory, "ne_wh", "24-WB03") == 30
    assert salable(session_factory, stock_id, "24-WB01") == 60
    assert salable(session_factory, stock_id, "24-WB03") == 40
    placed = _order(client, admin_headers, order.order_id)
    assert placed["state"] == "complete"
    # 38 bags at 32 less 6.40 discount each, then 2 bags and 5 backpacks (36 - 7.20).
    assert placed["total_refunded"] == 972.8 + 51.2 + 144


def test_refunding_more_than_invoiced_is_refused_and_changes_nothing(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    stock_id: int,
    session_factory: sessionmaker[Session],
) -> None:
    bag = order.item_ids["24-WB01"]
    invoice = {"items": [{"order_item_id": bag, "qty": 10}]}
    _post(client, admin_headers, f"order/{order.order_id}/invoice", invoice)
    before = ledger(session_factory)

    response = _post(
        client, admin_headers, f"order/{order.order_id}/refund", _refund_body({bag: 11})
    )

    assert response.status_code == 400
    assert response.json()["message"] == (
        "Creditmemo Document Validation Error(s):\n"
        "The quantity to creditmemo must not be greater than the unrefunded "
        'quantity for product SKU "24-WB01".'
    )
    assert ledger(session_factory) == before
    assert _memo_count(session_factory) == 0
    assert _order(client, admin_headers, order.order_id)["total_refunded"] == 0


def test_an_order_not_yet_paid_cannot_be_refunded(
    client: TestClient, admin_headers: Headers, order: PlacedOrder
) -> None:
    response = _post(client, admin_headers, f"order/{order.order_id}/refund", {})

    assert response.status_code == 400
    assert response.json()["message"] == (
        "Creditmemo Document Validation Error(s):\n"
        "The order does not allow a creditmemo to be created."
    )


def test_refund_refusals_read_as_magento_errors(
    client: TestClient, admin_headers: Headers, order: PlacedOrder
) -> None:
    path = f"order/{order.order_id}/refund"
    _post(client, admin_headers, f"order/{order.order_id}/invoice")

    too_much_shipping = _post(
        client, admin_headers, path, {"arguments": {"shipping_amount": 301}}
    )
    not_positive = _post(
        client, admin_headers, path, {"arguments": {"adjustment_negative": 5000}}
    )
    bad_qty = _post(
        client, admin_headers, path, {"items": [{"order_item_id": 1, "qty": "x"}]}
    )
    unknown = _post(client, admin_headers, "order/999/refund", {})
    anonymous = client.post(f"{REST}/{path}", json={})

    assert too_much_shipping.status_code == 400
    assert too_much_shipping.json() == {
        "message": "Maximum shipping amount allowed to refund is: %1",
        "parameters": ["300.00"],
    }
    assert not_positive.status_code == 400
    assert not_positive.json()["message"].endswith(
        "The credit memo's total must be positive."
    )
    assert bad_qty.status_code == 400
    assert unknown.status_code == 404
    assert anonymous.status_code == 401


def test_an_invoice_refund_stays_within_the_invoice_then_cancel_closes_the_rest(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    stock_id: int,
    session_factory: sessionmaker[Session],
) -> None:
    bag = order.item_ids["24-WB01"]
    invoice = {"items": [{"order_item_id": bag, "qty": 10}]}
    invoice_id = _post(
        client, admin_headers, f"order/{order.order_id}/invoice", invoice
    ).json()

    beyond = _post(
        client, admin_headers, f"invoice/{invoice_id}/refund", _refund_body({bag: 11})
    )
    within = _post(
        client, admin_headers, f"invoice/{invoice_id}/refund", _refund_body({bag: 10})
    )

    assert beyond.status_code == 400, beyond.text
    assert within.status_code == 200, within.text
    memo = client.get(f"{REST}/creditmemo/{within.json()}", headers=admin_headers)
    assert (memo.json()["invoice_id"], memo.json()["grand_total"]) == (invoice_id, 556)
    assert _order(client, admin_headers, order.order_id)["state"] == "processing"
    assert reserved(session_factory, stock_id, "24-WB01") == -30

    canceled = _post(client, admin_headers, f"orders/{order.order_id}/cancel")

    assert canceled.status_code == 200, canceled.text
    placed = _order(client, admin_headers, order.order_id)
    assert (placed["state"], placed["status"]) == ("canceled", "canceled")
    assert reserved(session_factory, stock_id, "24-WB01") == 0
    assert salable(session_factory, stock_id, "24-WB01") == 60
    again = _post(
        client, admin_headers, f"invoice/{invoice_id}/refund", _refund_body({bag: 1})
    )
    assert again.status_code == 400
    assert "status of canceled" in again.json()["message"]


def test_credit_memos_are_searchable_by_order(
    client: TestClient, admin_headers: Headers, order: PlacedOrder
) -> None:
    _post(client, admin_headers, f"order/{order.order_id}/invoice")
    memo_id = _post(client, admin_headers, f"order/{order.order_id}/refund", {}).json()
    base = "searchCriteria[filter_groups][0][filters][0]"

    found = client.get(
        f"{REST}/creditmemos",
        params={f"{base}[field]": "order_id", f"{base}[value]": str(order.order_id)},
        headers=admin_headers,
    )
    missing = client.get(f"{REST}/creditmemo/9999", headers=admin_headers)

    assert found.status_code == 200, found.text
    assert found.json()["total_count"] == 1
    assert [item["entity_id"] for item in found.json()["items"]] == [memo_id]
    assert missing.status_code == 404


def test_credit_memo_responses_follow_magentos_schema(
    client: TestClient, admin_headers: Headers, order: PlacedOrder
) -> None:
    _post(client, admin_headers, f"order/{order.order_id}/invoice")
    memo_id = _post(client, admin_headers, f"order/{order.order_id}/refund", {}).json()
    definitions = json.loads(SCHEMA.read_text())["definitions"]

    def check(body: Any, name: str) -> None:
        schema = {"$ref": f"#/definitions/{name}", "definitions": definitions}
        jsonschema.Draft4Validator(schema).validate(body)

    one = client.get(f"{REST}/creditmemo/{memo_id}", headers=admin_headers).json()
    found = client.get(f"{REST}/creditmemos", headers=admin_headers).json()

    check(one, "sales-data-creditmemo-interface")
    check(found, "sales-data-creditmemo-search-result-interface")
