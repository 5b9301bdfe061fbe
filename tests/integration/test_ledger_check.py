"""The ledger checker finds stray reservations, repair compensates, cleanup trims."""

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from sellable.inventory.domain import ReservationEntry, order_metadata
from sellable.inventory.ledger import append_reservations
from sellable.inventory.ledger_check import (
    check_ledger,
    cleanup_ledger,
    find_inconsistencies,
    repair_ledger,
)
from sellable.inventory.models import Reservation, ReservationTotal
from sellable.kit.database import unit_of_work
from tests.integration.ledger_assertions import (
    assert_ledger_consistent,
    reserved,
    salable,
)
from tests.integration.sales_factory import PlacedOrder, install_inventory, place_order

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


def _post(client: TestClient, headers: Headers, path: str, body: Any = None) -> Any:
    response = client.post(f"{REST}/{path}", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def _complete(client: TestClient, headers: Headers, order: PlacedOrder) -> None:
    """Invoice everything; ship the bags from two sources, the backpacks from one."""
    bag, backpack = order.item_ids["24-WB01"], order.item_ids["24-WB03"]
    _post(client, headers, f"order/{order.order_id}/invoice")
    for source, items in (
        ("ne_wh", {bag: 35, backpack: 20}),
        ("west_wh", {bag: 5}),
    ):
        _post(
            client,
            headers,
            f"order/{order.order_id}/ship",
            {
                "items": [{"order_item_id": k, "qty": q} for k, q in items.items()],
                "arguments": {"extension_attributes": {"source_code": source}},
            },
        )


def _stray(
    factory: sessionmaker[Session],
    stock_id: int,
    order: PlacedOrder,
    sku: str,
    qty: int,
) -> None:
    metadata = order_metadata("order_placed", order.order_id, order.increment_id)
    with unit_of_work(factory) as session:
        append_reservations(
            session, [ReservationEntry(stock_id, sku, D(qty), metadata)]
        )


def _lines(factory: sessionmaker[Session]) -> list[str]:
    with factory() as session:
        return [item.magento_line() for item in find_inconsistencies(session)]


def test_a_stray_hold_on_a_complete_order_is_found_and_repaired(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    stock_id: int,
    session_factory: sessionmaker[Session],
) -> None:
    _complete(client, admin_headers, order)
    assert _lines(session_factory) == []
    _stray(session_factory, stock_id, order, "24-WB01", -3)
    assert salable(session_factory, stock_id, "24-WB01") == 17

    found = _lines(session_factory)
    listed = client.get(
        f"{REST}/inventory/reservations/inconsistencies", headers=admin_headers
    )

    assert found == [f"{order.increment_id}:24-WB01:3.000000:{stock_id}"]
    assert listed.status_code == 200
    assert [item["line"] for item in listed.json()] == found
    assert listed.json()[0]["order_state"] == "complete"

    with unit_of_work(session_factory) as session:
        repaired = repair_ledger(session)

    assert [item.compensation for item in repaired] == [3]
    assert _lines(session_factory) == []
    assert salable(session_factory, stock_id, "24-WB01") == 20
    with session_factory() as session:
        rows = session.scalar(select(func.count()).select_from(Reservation))
    assert rows == 9  # placed 3, virtual invoiced 1, shipped 3, stray 1, repair 1


def test_an_open_order_holding_less_than_it_should_is_compensated(
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
        {
            "items": [{"order_item_id": bag, "qty": 10}],
            "arguments": {"extension_attributes": {"source_code": "ne_wh"}},
        },
    )
    _stray(session_factory, stock_id, order, "24-WB01", 5)

    with session_factory() as session:
        found = find_inconsistencies(session)

    assert [(i.sku, i.expected, i.actual, i.state) for i in found] == [
        ("24-WB01", -30, -25, "processing")
    ]
    assert (
        found[0].magento_line() == f"{order.increment_id}:24-WB01:-5.000000:{stock_id}"
    )

    with unit_of_work(session_factory) as session:
        repair_ledger(session)

    assert reserved(session_factory, stock_id, "24-WB01") == -30
    assert salable(session_factory, stock_id, "24-WB01") == 20


def test_reservations_of_an_order_that_does_not_exist_are_compensated(
    order: PlacedOrder, stock_id: int, session_factory: sessionmaker[Session]
) -> None:
    ghost = PlacedOrder(9999, "000009999")
    _stray(session_factory, stock_id, ghost, "24-WB03", -2)

    with session_factory() as session:
        found = find_inconsistencies(session)

    assert [(i.order_id, i.state, i.compensation) for i in found] == [(9999, None, 2)]
    with unit_of_work(session_factory) as session:
        repair_ledger(session)
    assert salable(session_factory, stock_id, "24-WB03") == 40


def test_cleanup_removes_only_zero_sum_sets_of_final_orders(
    client: TestClient,
    admin_headers: Headers,
    order: PlacedOrder,
    stock_id: int,
    session_factory: sessionmaker[Session],
) -> None:
    _complete(client, admin_headers, order)
    still_open = place_order(session_factory, stock_id, [("24-WB01", 2, D(0))])

    with unit_of_work(session_factory) as session:
        result = cleanup_ledger(session)

    assert (result.reservations, result.orders) == (7, 1)
    with session_factory() as session:
        left = session.scalars(select(Reservation.metadata_json)).all()
    assert len(left) == 1 and f'"object_id":"{still_open.order_id}"' in left[0]
    assert reserved(session_factory, stock_id, "24-WB01") == -2
    assert salable(session_factory, stock_id, "24-WB01") == 18
    with session_factory() as session:
        assert check_ledger(session).clean


def test_a_running_total_that_drifted_from_the_ledger_is_reported(
    order: PlacedOrder, stock_id: int, session_factory: sessionmaker[Session]
) -> None:
    key = (ReservationTotal.stock_id == stock_id) & (ReservationTotal.sku == "24-WB01")
    with unit_of_work(session_factory) as session:
        session.execute(update(ReservationTotal).where(key).values(quantity=D(-41)))

    with session_factory() as session:
        drifts = check_ledger(session).total_drifts

    assert [(d.sku, d.total, d.ledger_sum) for d in drifts] == [("24-WB01", -41, -40)]
    with unit_of_work(session_factory) as session:
        session.execute(update(ReservationTotal).where(key).values(quantity=D(-40)))
