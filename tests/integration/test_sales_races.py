"""Two clerks shipping or cancelling the same order at once: one wins."""

import threading
from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from sellable.kit.database import unit_of_work
from sellable.kit.errors import SellableError
from sellable.kit.idempotency import idempotent_call, run_once
from sellable.sales.cancellation import cancel_order
from sellable.sales.invoicing import InvoiceRequest, invoice_order
from sellable.sales.models import Shipment
from sellable.sales.refunds import RefundRequest, refund_order
from sellable.sales.shipping import ShipmentRequest, ship_order
from tests.integration.ledger_assertions import assert_ledger_consistent
from tests.integration.sales_factory import (
    install_inventory,
    ledger,
    place_order,
    source_quantity,
)

D = Decimal


@pytest.fixture(autouse=True)
def ledger_ends_consistent(session_factory: sessionmaker[Session]) -> Iterator[None]:
    yield
    assert_ledger_consistent(session_factory)


def _race(factory: sessionmaker[Session], work: Callable[[Session], None]) -> list[str]:
    """Run `work` in two transactions started together; answer their outcomes."""
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def clerk() -> None:
        barrier.wait()
        try:
            with unit_of_work(factory) as session:
                work(session)
            outcomes.append("done")
        except SellableError as exc:
            outcomes.append(type(exc).__name__)

    threads = [threading.Thread(target=clerk) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(outcomes)


def test_two_shipments_of_the_same_units_ship_them_once(
    session_factory: sessionmaker[Session],
) -> None:
    stock_id = install_inventory(session_factory)
    order = place_order(session_factory, stock_id)
    request = ShipmentRequest(
        items=[(order.item_ids["24-WB01"], D(35))], source_code="ne_wh"
    )

    outcomes = _race(session_factory, lambda s: ship_order(s, order.order_id, request))

    assert outcomes == ["ShipmentValidationFailed", "done"]
    assert source_quantity(session_factory, "ne_wh", "24-WB01") == 0
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Shipment)) == 1
    shipped = [row for row in ledger(session_factory) if row[2] == "shipment_created"]
    assert shipped == [("24-WB01", D(35), "shipment_created")]


def test_two_cancellations_release_the_stock_once(
    session_factory: sessionmaker[Session],
) -> None:
    stock_id = install_inventory(session_factory)
    order = place_order(session_factory, stock_id)

    outcomes = _race(session_factory, lambda s: cancel_order(s, order.order_id))

    assert outcomes == ["CannotCancel", "done"]
    released = [row for row in ledger(session_factory) if row[2] == "order_canceled"]
    assert len(released) == 3


def test_two_full_refunds_return_the_stock_once(
    session_factory: sessionmaker[Session],
) -> None:
    stock_id = install_inventory(session_factory)
    order = place_order(session_factory, stock_id)
    bag = order.item_ids["24-WB01"]
    with unit_of_work(session_factory) as session:
        invoice_order(session, order.order_id, InvoiceRequest())
        ship_order(session, order.order_id, ShipmentRequest([(bag, D(35))], "ne_wh"))
    request = RefundRequest(return_to_stock_items=frozenset({bag}))

    outcomes = _race(
        session_factory, lambda s: refund_order(s, order.order_id, request)
    )

    assert outcomes == ["CreditMemoValidationFailed", "done"]
    assert source_quantity(session_factory, "ne_wh", "24-WB01") == 35
    released = [
        row for row in ledger(session_factory) if row[2] == "creditmemo_created"
    ]
    assert released == [
        ("24-WB01", D(5), "creditmemo_created"),
        ("24-WB03", D(20), "creditmemo_created"),
    ]


def test_two_twins_with_one_idempotency_key_ship_once_and_answer_alike(
    session_factory: sessionmaker[Session],
) -> None:
    stock_id = install_inventory(session_factory)
    order = place_order(session_factory, stock_id)
    request = ShipmentRequest([(order.item_ids["24-WB01"], D(10))], "ne_wh")
    call = idempotent_call("twin", "admin:1", "POST /V1/order/{id}/ship", {"n": 10})
    answers: list[bytes] = []

    def ship(session: Session) -> None:
        def action() -> int:
            return ship_order(session, order.order_id, request).entity_id

        answers.append(bytes(run_once(session, call, action).body))

    outcomes = _race(session_factory, ship)

    assert outcomes == ["done", "done"]
    assert answers[0] == answers[1]
    assert source_quantity(session_factory, "ne_wh", "24-WB01") == 25
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Shipment)) == 1
