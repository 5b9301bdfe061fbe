"""The order state machine: what each state allows and where documents lead."""

from decimal import Decimal

import pytest

from sellable.sales.order_state import (
    CANCELED,
    CLOSED,
    COMPLETE,
    HOLDED,
    NEW,
    PROCESSING,
    LineProgress,
    can_cancel,
    can_hold,
    can_invoice,
    can_ship,
    can_unhold,
    default_status,
    shipment_refusal,
    state_after_cancel,
    state_after_documents,
)

D = Decimal


def line(
    ordered: int,
    invoiced: int = 0,
    shipped: int = 0,
    virtual: bool = False,
    canceled: int = 0,
) -> LineProgress:
    return LineProgress(D(ordered), D(invoiced), D(shipped), D(0), D(canceled), virtual)


def test_what_is_left_to_do_on_a_line() -> None:
    bag = line(40, invoiced=40, shipped=35)

    assert (bag.to_invoice, bag.to_ship, bag.to_cancel) == (0, 5, 0)


def test_virtual_lines_are_never_left_to_ship() -> None:
    assert line(1, virtual=True).to_ship == 0


def test_cancel_leaves_what_an_invoice_or_a_shipment_claimed() -> None:
    assert line(40, invoiced=10, shipped=25).to_cancel == 15


def test_a_new_order_can_be_invoiced_shipped_cancelled_and_held() -> None:
    lines = [line(20), line(1, virtual=True)]

    assert can_invoice(NEW, lines) and can_ship(NEW, lines) and can_cancel(NEW, lines)
    assert can_hold(NEW) and not can_unhold(NEW)


def test_a_fully_invoiced_order_takes_no_other_invoice_nor_a_cancel() -> None:
    lines = [line(20, invoiced=20)]

    assert not can_invoice(PROCESSING, lines)
    assert not can_cancel(PROCESSING, lines)


@pytest.mark.parametrize("state", [CANCELED, HOLDED, COMPLETE, CLOSED])
def test_closed_held_or_finished_orders_take_no_invoice(state: str) -> None:
    assert not can_invoice(state, [line(20)])


def test_why_a_shipment_is_refused() -> None:
    assert shipment_refusal(NEW, [line(20)]) is None
    assert shipment_refusal(CANCELED, [line(20)]) is not None
    assert "%1" in (shipment_refusal(NEW, [line(1, virtual=True)]) or "")
    assert shipment_refusal(NEW, [line(20, shipped=20)]) == (
        "The order does not allow a shipment to be created."
    )


def test_invoiced_and_shipped_completes_the_order() -> None:
    lines = [line(20, invoiced=20, shipped=20), line(1, invoiced=1, virtual=True)]

    assert state_after_documents(PROCESSING, lines) == COMPLETE


@pytest.mark.parametrize(
    "lines",
    [
        [line(20, invoiced=20)],
        [line(20, shipped=20)],
        [line(20, invoiced=5, shipped=5)],
    ],
)
def test_a_started_order_is_processing(lines: list[LineProgress]) -> None:
    assert state_after_documents(NEW, lines) == PROCESSING


def test_a_held_order_keeps_its_state_when_documents_are_counted() -> None:
    assert state_after_documents(HOLDED, [line(20, invoiced=20, shipped=20)]) == HOLDED


def test_cancelling_an_untouched_order_cancels_it() -> None:
    assert state_after_cancel([line(20, shipped=20, canceled=0)]) == CANCELED


def test_cancelling_keeps_invoiced_goods_to_ship_in_processing() -> None:
    assert state_after_cancel([line(20, invoiced=5, canceled=15)]) == PROCESSING
    assert (
        state_after_cancel([line(20, invoiced=5, shipped=5, canceled=15)]) == COMPLETE
    )


def test_each_state_has_magentos_default_status() -> None:
    assert [default_status(s) for s in (NEW, PROCESSING, COMPLETE, CANCELED)] == [
        "pending",
        "processing",
        "complete",
        "canceled",
    ]


def test_the_domain_module_stays_free_of_frameworks() -> None:
    from pathlib import Path

    import sellable.sales.order_state as module

    source = Path(module.__file__).read_text()
    assert "sqlalchemy" not in source and "fastapi" not in source
