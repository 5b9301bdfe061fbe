"""Low-quantity notification per source item, and the low stock report."""

from decimal import Decimal

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from sellable.inventory.low_quantity import low_stock_report
from sellable.kit.database import unit_of_work
from tests.integration.checkout_factory import set_config
from tests.integration.inventory_setup import API, add_source, set_items

Headers = dict[str, str]
NOTIFY = f"{API}/low-quantity-notification"


def _notify(
    client: TestClient, headers: Headers, *rows: tuple[str, str, float | None]
) -> int:
    configurations = [
        {"source_code": code, "sku": sku, "notify_stock_qty": qty}
        for code, sku, qty in rows
    ]
    response = client.post(
        NOTIFY, json={"sourceItemConfigurations": configurations}, headers=headers
    )
    return response.status_code


def _threshold(client: TestClient, headers: Headers, code: str, sku: str) -> object:
    response = client.get(f"{NOTIFY}/{code}/{sku}", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["notify_stock_qty"]


def _report(factory: sessionmaker[Session]) -> list[tuple[str, str, Decimal, Decimal]]:
    with unit_of_work(factory) as session:
        found = low_stock_report(session, 1, 50)
    return [(r.sku, r.source_code, r.quantity, r.notify_stock_qty) for r in found.rows]


def _warehouses(client: TestClient, headers: Headers) -> None:
    add_source(client, headers, "east")
    add_source(client, headers, "closed", enabled=False)
    set_items(
        client,
        headers,
        ("24-WB01", "east", 4, 1),
        ("24-WB03", "east", 0, 0),
        ("24-WB01", "closed", 0, 1),
    )


def test_a_source_item_without_its_own_setting_uses_the_config_default(
    client: TestClient, admin_headers: Headers, session_factory: sessionmaker[Session]
) -> None:
    _warehouses(client, admin_headers)

    before = _threshold(client, admin_headers, "east", "24-WB01")
    set_config(session_factory, {"cataloginventory/item_options/notify_stock_qty": "5"})

    assert before == 1
    assert _threshold(client, admin_headers, "east", "24-WB01") == 5
    assert _report(session_factory) == [
        ("24-WB01", "east", Decimal(4), Decimal(5)),
        ("24-WB03", "east", Decimal(0), Decimal(5)),
    ]


def test_own_notify_quantity_is_saved_reported_and_deleted(
    client: TestClient, admin_headers: Headers, session_factory: sessionmaker[Session]
) -> None:
    _warehouses(client, admin_headers)

    saved = _notify(client, admin_headers, ("east", "24-WB01", 10))
    with_own = _report(session_factory)
    deleted = client.post(
        f"{API}/low-quantity-notifications-delete",
        json={"sourceItems": [{"source_code": "east", "sku": "24-WB01"}]},
        headers=admin_headers,
    )

    assert saved == 200
    assert with_own == [
        ("24-WB01", "east", Decimal(4), Decimal(10)),
        ("24-WB03", "east", Decimal(0), Decimal(1)),
    ]
    assert deleted.status_code == 200, deleted.text
    assert _threshold(client, admin_headers, "east", "24-WB01") == 1
    assert _report(session_factory) == [("24-WB03", "east", Decimal(0), Decimal(1))]


def test_quantity_equal_to_the_notify_quantity_is_not_low_as_in_magento(
    client: TestClient, admin_headers: Headers, session_factory: sessionmaker[Session]
) -> None:
    _warehouses(client, admin_headers)

    _notify(client, admin_headers, ("east", "24-WB01", 4), ("east", "24-WB03", 0))

    assert _report(session_factory) == []


def test_report_pages_and_skips_disabled_sources(
    client: TestClient, admin_headers: Headers, session_factory: sessionmaker[Session]
) -> None:
    _warehouses(client, admin_headers)
    set_config(session_factory, {"cataloginventory/item_options/notify_stock_qty": "5"})

    with unit_of_work(session_factory) as session:
        first = low_stock_report(session, 1, 1)
        second = low_stock_report(session, 2, 1)

    assert (first.total, [r.sku for r in first.rows]) == (2, ["24-WB01"])
    assert [r.sku for r in second.rows] == ["24-WB03"]
    assert first.rows[0].source_name == "east name"


def test_bad_notification_requests_are_refused_and_nothing_is_saved(
    client: TestClient, admin_headers: Headers
) -> None:
    _warehouses(client, admin_headers)

    unknown = _notify(
        client, admin_headers, ("east", "24-WB01", 9), ("east", "NOPE", 3)
    )
    blank = _notify(client, admin_headers, ("", "24-WB01", 3))
    empty = client.post(
        NOTIFY, json={"sourceItemConfigurations": []}, headers=admin_headers
    )
    missing = client.get(f"{NOTIFY}/east/NOPE", headers=admin_headers)
    anonymous = client.get(f"{NOTIFY}/east/24-WB01")

    assert (unknown, blank, empty.status_code) == (400, 400, 400)
    assert _threshold(client, admin_headers, "east", "24-WB01") == 1
    assert missing.status_code == 404
    assert missing.json()["parameters"] == {"sku": "NOPE", "sourceCode": "east"}
    assert anonymous.status_code == 401


def test_report_filters_by_sku_pattern_and_source_and_sorts(
    client: TestClient, admin_headers: Headers, session_factory: sessionmaker[Session]
) -> None:
    _warehouses(client, admin_headers)
    add_source(client, admin_headers, "west")
    set_items(client, admin_headers, ("24-WB01", "west", 0, 1))
    set_config(session_factory, {"cataloginventory/item_options/notify_stock_qty": "5"})

    with unit_of_work(session_factory) as session:
        by_sku = low_stock_report(session, sku_like="%WB01")
        at_west = low_stock_report(session, source_code="west")
        backwards = low_stock_report(session, sort_by="source_code", descending=True)

    assert [(r.sku, r.source_code) for r in by_sku.rows] == [
        ("24-WB01", "east"),
        ("24-WB01", "west"),
    ]
    assert (at_west.total, at_west.rows[0].sku) == (1, "24-WB01")
    assert [r.source_code for r in backwards.rows] == ["west", "east", "east"]
