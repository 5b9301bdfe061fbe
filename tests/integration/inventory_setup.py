"""Helpers for the inventory tests: replaying fixture calls, tutorial state."""

import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from sellable.inventory.deduction import deduct_from_source
from sellable.inventory.domain import ReservationEntry, order_metadata
from sellable.inventory.ledger import append_reservations
from sellable.kit.database import unit_of_work
from sellable.store.models import StoreGroup, Website
from tests.replay.expectations import check_response

FIXTURES = Path(__file__).parents[1] / "fixtures" / "msi-tutorial"
Headers = dict[str, str]


def step(variant: str, prefix: str) -> dict[str, Any]:
    """One tutorial step file."""
    path = next((FIXTURES / variant).glob(f"{prefix}-*.json"))
    found: dict[str, Any] = json.loads(path.read_text())
    return found


def step_calls(variant: str, prefix: str) -> list[dict[str, Any]]:
    """The runnable calls of one tutorial step file."""
    calls = step(variant, prefix)["calls"]
    return [c for c in calls if not c.get("alternative") and not c.get("optional")]


def inventory_checks(variant: str, prefix: str) -> list[dict[str, Any]]:
    """The step's check calls on inventory paths."""
    return [c for c in step_calls(variant, prefix) if "/V1/inventory/" in c["path"]]


def replay(client: TestClient, headers: Headers, calls: list[dict[str, Any]]) -> None:
    """Run fixture calls and assert each one's `expect` block."""
    for call in calls:
        response = client.request(
            call["method"],
            call["path"],
            params=call.get("query"),
            json=call.get("body"),
            headers=headers,
        )
        body = response.json() if response.content else None
        problems = check_response(call["expect"], response.status_code, body)
        assert not problems, f"{call['id']}: {problems}: {response.text[:500]}"


def add_websites(factory: sessionmaker[Session], *codes: str) -> None:
    """The v2.3 tutorial's extra websites (step 1 creates them in the admin)."""
    with unit_of_work(factory) as db:
        for code in codes:
            website = Website(code=code, name=code)
            db.add(website)
            db.flush()
            db.add(
                StoreGroup(
                    website_id=website.website_id, code=f"{code}_group", name=code
                )
            )


def set_up_through_step_5(
    client: TestClient, headers: Headers, factory: sessionmaker[Session], variant: str
) -> None:
    if variant == "v2.3":
        add_websites(factory, "na_site", "eu_site")
    for step in ("02", "03", "04", "05"):
        replay(client, headers, step_calls(variant, step))


def order_and_ship(factory: sessionmaker[Session], variant: str) -> None:
    """The order, invoice and shipments of steps 9-12, as inventory sees them."""
    placed, shipped = ORDER_LINES[variant], SHIPMENTS[variant]
    meta = order_metadata("order_placed", ORDER_ID, INCREMENT_ID)
    with unit_of_work(factory) as db:
        lines = [ReservationEntry(2, sku, -qty, meta) for sku, qty in placed.items()]
        append_reservations(db, lines)
        invoiced = {**meta, "event_type": "invoice_created"}
        append_reservations(db, [ReservationEntry(2, "240-LV06", 1, invoiced)])
        deduct_from_source(db, "hq", {"240-LV06": 1})
        for source_code, quantities in shipped:
            deduct_from_source(db, source_code, quantities)
            event = {**meta, "event_type": "shipment_created"}
            append_reservations(
                db,
                [ReservationEntry(2, sku, q, event) for sku, q in quantities.items()],
            )


ORDER_ID, INCREMENT_ID = 1, "000000001"
CAPTURES = {"order_id": ORDER_ID, "order_increment_id": INCREMENT_ID}
ORDER_LINES = {
    "v2.3": {"24-WB01": 20, "24-WB03": 50, "240-LV06": 1},
    "v2.4": {"24-WB03": 20, "24-WB01": 40, "240-LV06": 1},
}
SHIPMENTS = {
    "v2.3": [
        ("baltimore_wh", {"24-WB01": 20, "24-WB03": 19}),
        ("reno_wh", {"24-WB03": 31}),
    ],
    "v2.4": [("ne_wh", {"24-WB03": 20, "24-WB01": 35}), ("west_wh", {"24-WB01": 5})],
}


API = "/rest/all/V1/inventory"


def source_body(code: str, **fields: Any) -> dict[str, Any]:
    """A valid source, as the v2.4 tutorial would send it."""
    source = {
        "source_code": code,
        "name": f"{code} name",
        "country_id": "US",
        "postcode": "10022",
        "enabled": True,
        **fields,
    }
    return {"source": source}


def add_source(client: TestClient, headers: Headers, code: str, **fields: Any) -> None:
    response = client.post(
        f"{API}/sources", json=source_body(code, **fields), headers=headers
    )
    assert response.status_code == 200, response.text


def add_stock(client: TestClient, headers: Headers, name: str, *websites: str) -> int:
    channels = [{"type": "website", "code": code} for code in websites]
    body = {
        "stock": {"name": name, "extension_attributes": {"sales_channels": channels}}
    }
    response = client.post(f"{API}/stocks", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return int(response.json())


def link(client: TestClient, headers: Headers, stock_id: int, *codes: str) -> None:
    links = [
        {"stock_id": stock_id, "source_code": code, "priority": index + 1}
        for index, code in enumerate(codes)
    ]
    response = client.post(
        f"{API}/stock-source-links", json={"links": links}, headers=headers
    )
    assert response.status_code == 200, response.text


def set_items(
    client: TestClient, headers: Headers, *rows: tuple[str, str, float, int]
) -> None:
    items = [
        {"sku": sku, "source_code": code, "quantity": qty, "status": status}
        for sku, code, qty, status in rows
    ]
    response = client.post(
        f"{API}/source-items", json={"sourceItems": items}, headers=headers
    )
    assert response.status_code == 200, response.text


def items_of(
    client: TestClient, headers: Headers, sku: str
) -> dict[str, tuple[float, int]]:
    """Per source code: (quantity, status) of a SKU."""
    prefix = "searchCriteria[filterGroups][0][filters][0]"
    query = [(f"{prefix}[field]", "sku"), (f"{prefix}[value]", sku)]
    response = client.get(f"{API}/source-items", params=query, headers=headers)
    assert response.status_code == 200, response.text
    return {
        i["source_code"]: (i["quantity"], i["status"]) for i in response.json()["items"]
    }


def salable(client: TestClient, headers: Headers, sku: str, stock_id: int) -> Any:
    path = f"{API}/get-product-salable-quantity/{sku}/{stock_id}"
    response = client.get(path, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def two_warehouses(client: TestClient, headers: Headers) -> int:
    """Stock 2 (base website) fed by east (24-WB01: 30) and west (24-WB01: 20)."""
    add_source(client, headers, "east")
    add_source(client, headers, "west")
    stock_id = add_stock(client, headers, "US Stock", "base")
    link(client, headers, stock_id, "east", "west")
    set_items(client, headers, ("24-WB01", "east", 30, 1), ("24-WB01", "west", 20, 1))
    return stock_id
