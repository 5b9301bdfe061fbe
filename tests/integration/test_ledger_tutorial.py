"""After Magento's tutorial, and after refunding its order, the ledger nets right."""

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sellable.inventory.models import SourceItem
from sellable.sales.models import Shipment, ShipmentItem
from tests.integration.ledger_assertions import assert_ledger_consistent
from tests.replay.runner import ApplySetup, TutorialReplay

Quantities = dict[tuple[str, str], Decimal]


@pytest.fixture(autouse=True)
def ledger_ends_consistent(session_factory: sessionmaker[Session]) -> Iterator[None]:
    yield
    assert_ledger_consistent(session_factory)


def _quantities(factory: sessionmaker[Session]) -> Quantities:
    with factory() as session:
        rows = session.execute(
            select(SourceItem.source_code, SourceItem.sku, SourceItem.quantity)
        )
        return {(code, sku): Decimal(qty) for code, sku, qty in rows}


def _shipped(factory: sessionmaker[Session], order_id: int) -> Quantities:
    shipped: Quantities = {}
    with factory() as session:
        rows = session.execute(
            select(Shipment.source_code, ShipmentItem.sku, ShipmentItem.qty)
            .join(Shipment, Shipment.entity_id == ShipmentItem.parent_id)
            .where(Shipment.order_id == order_id)
        )
        for code, sku, qty in rows:
            shipped[(code, sku)] = shipped.get((code, sku), Decimal(0)) + qty
    return shipped


@pytest.mark.parametrize("variant", ["v2.3", "v2.4"])
def test_refunding_the_tutorial_order_puts_every_shipped_unit_back(
    client: httpx.Client,
    admin_password: str,
    apply_setup: ApplySetup,
    session_factory: sessionmaker[Session],
    variant: str,
) -> None:
    captures = (
        TutorialReplay(client, variant, admin_password, apply_setup).run().captures
    )
    assert_ledger_consistent(session_factory)
    headers = {"Authorization": f"Bearer {captures['admin_token']}"}
    order_id = int(captures["order_id"])
    order: dict[str, Any] = client.get(
        f"/rest/all/V1/orders/{order_id}", headers=headers
    ).json()
    before = _quantities(session_factory)

    response = client.post(
        f"/rest/all/V1/order/{order_id}/refund",
        json={
            "arguments": {
                "extension_attributes": {
                    "return_to_stock_items": [i["item_id"] for i in order["items"]]
                }
            }
        },
        headers=headers,
    )

    assert response.status_code == 200, response.text
    after = _quantities(session_factory)
    for key, qty in _shipped(session_factory, order_id).items():
        assert after[key] == before[key] + qty, key
    refunded = client.get(f"/rest/all/V1/orders/{order_id}", headers=headers).json()
    assert refunded["state"] == "closed"
    assert refunded["total_refunded"] == refunded["total_paid"]
