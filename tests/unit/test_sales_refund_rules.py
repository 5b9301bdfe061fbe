"""Credit memo rules: which refunded units release a hold, where returns go."""

from decimal import Decimal

from sellable.sales.order_state import (
    CANCELED,
    CLOSED,
    COMPLETE,
    PROCESSING,
    LineProgress,
    refund_refusal,
    split_refund,
    state_after_cancel,
    state_after_documents,
)
from sellable.sales.refund_rules import ItemAmounts, allocate_return, line_refund

D = Decimal


def test_a_refund_takes_the_invoiced_unshipped_units_first() -> None:
    line = LineProgress(D(40), invoiced=D(40), shipped=D(35))

    assert split_refund(line, D(38)) == (D(5), D(33))


def test_units_shipped_before_they_were_invoiced_count_as_shipped() -> None:
    line = LineProgress(D(10), invoiced=D(5), shipped=D(8))

    assert split_refund(line, D(5)) == (D(0), D(5))
    assert line.to_ship == 2


def test_released_units_are_not_released_twice() -> None:
    line = LineProgress(D(10), invoiced=D(10), refunded=D(4), refunded_unshipped=D(4))

    assert split_refund(line, D(6)) == (D(6), D(0))
    assert (line.to_ship, line.open_hold) == (D(6), D(6))


def test_a_virtual_line_left_its_source_when_invoiced() -> None:
    ebook = LineProgress(D(1), invoiced=D(1), is_virtual=True)

    assert split_refund(ebook, D(1)) == (D(0), D(1))
    assert ebook.open_hold == 0


def test_returns_follow_the_shipments_and_skip_what_came_back_already() -> None:
    shipped = [("ne_wh", D(30)), ("west_wh", D(5)), ("ne_wh", D(2))]

    assert allocate_return(shipped, {}, D(33)) == {"ne_wh": D(30), "west_wh": D(3)}
    assert allocate_return(shipped, {"ne_wh": D(30), "west_wh": D(3)}, D(4)) == {
        "west_wh": D(2),
        "ne_wh": D(2),
    }


def test_the_last_refund_of_a_line_takes_the_rest_of_its_row() -> None:
    item = ItemAmounts(
        price=D("10.00"), qty_ordered=D(3), qty_invoiced=D(3), qty_refunded=D(2),
        row_invoiced=D("29.99"), amount_refunded=D("20.00"),
        discount_invoiced=D("3.00"), tax_amount=D(0),
    )  # fmt: skip

    assert line_refund(item, D(1)).row_total == D("9.99")
    assert line_refund(item, D(1)).discount == D("1.00")


def test_an_order_closes_once_everything_paid_is_refunded() -> None:
    done = [LineProgress(D(2), invoiced=D(2), refunded=D(2), refunded_unshipped=D(2))]

    assert state_after_documents(PROCESSING, done, refund_left=False) == CLOSED
    assert state_after_documents(PROCESSING, done, refund_left=True) == COMPLETE


def test_cancel_keeps_an_order_open_while_invoiced_units_are_unrefunded() -> None:
    refunded = [LineProgress(D(4), invoiced=D(2), refunded=D(2), canceled=D(2),
                             refunded_unshipped=D(2))]  # fmt: skip
    to_ship = [LineProgress(D(4), invoiced=D(2), canceled=D(2))]

    assert state_after_cancel(refunded) == CANCELED
    assert state_after_cancel(to_ship) == PROCESSING


def test_refusals_name_the_status_or_the_missing_payment() -> None:
    assert refund_refusal(CLOSED, "closed", D(0)) == (
        "A creditmemo can not be created when an order has a status of closed"
    )
    assert refund_refusal(PROCESSING, "processing", D(0)) == (
        "The order does not allow a creditmemo to be created."
    )
    assert refund_refusal(PROCESSING, "processing", D(1)) is None
