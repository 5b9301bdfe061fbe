"""What an order's reservations should net to, and how a gap is printed."""

from decimal import Decimal

from sellable.inventory.ledger_check_domain import (
    Inconsistency,
    OrderHolds,
    OrderLine,
    by_order_state,
    expected_holds,
    order_inconsistencies,
    orphan_inconsistencies,
    zero_sum_keys,
)
from sellable.sales.order_state import LineProgress

D = Decimal
MANAGED = {"bag", "pack", "ebook"}


def _order(state: str, *lines: tuple[str, LineProgress]) -> OrderHolds:
    return OrderHolds(
        7, "000000007", state, 2, tuple(OrderLine(sku, p) for sku, p in lines)
    )


def test_an_open_order_holds_what_is_neither_deducted_canceled_nor_released() -> None:
    bag = LineProgress(D(40), invoiced=D(40), shipped=D(30), refunded=D(6),
                       refunded_unshipped=D(4))  # fmt: skip
    ebook = LineProgress(D(1), invoiced=D(1), is_virtual=True)

    held = expected_holds(_order("processing", ("bag", bag), ("ebook", ebook)), MANAGED)

    assert held == {(2, "bag"): D(-6), (2, "ebook"): D(0)}


def test_two_lines_of_one_sku_add_up_and_unmanaged_skus_hold_nothing() -> None:
    order = _order(
        "new", ("bag", LineProgress(D(2))), ("bag", LineProgress(D(3))),
        ("gift", LineProgress(D(9))),
    )  # fmt: skip

    assert expected_holds(order, MANAGED) == {(2, "bag"): D(-5)}


def test_a_final_order_must_net_to_zero_whatever_its_lines_say() -> None:
    order = _order("complete", ("bag", LineProgress(D(40), shipped=D(35))))

    found = order_inconsistencies(order, {(2, "bag"): D(-5)}, MANAGED)

    assert [(i.expected, i.actual, i.compensation) for i in found] == [(0, -5, 5)]
    assert found[0].magento_line() == "000000007:bag:5.000000:2"
    assert found[0].is_final_order


def test_a_reservation_in_another_stock_is_an_inconsistency_too() -> None:
    order = _order("new", ("bag", LineProgress(D(2))))

    found = order_inconsistencies(
        order, {(2, "bag"): D(-2), (3, "bag"): D(-1)}, MANAGED
    )

    assert [(i.stock_id, i.compensation) for i in found] == [(3, 1)]


def test_reservations_of_a_missing_order_net_to_zero() -> None:
    found = orphan_inconsistencies(9, "000000009", {(2, "bag"): D(-2), (2, "x"): D(0)})

    assert [(i.sku, i.compensation, i.state) for i in found] == [("bag", 2, None)]


def test_only_zero_sum_sets_with_lines_are_removable() -> None:
    sums = {(2, "bag"): D(0), (2, "pack"): D(-1), (3, "bag"): D(0)}
    counts = {(2, "bag"): 3, (2, "pack"): 2, (3, "bag"): 0}

    assert zero_sum_keys(sums, counts) == [(2, "bag")]


def test_magentos_filters_keep_final_or_open_orders() -> None:
    open_one = Inconsistency(1, "1", "processing", 2, "bag", D(-1), D(0))
    final_one = Inconsistency(2, "2", "closed", 2, "bag", D(0), D(-1))

    assert by_order_state([open_one, final_one], True) == [final_one]
    assert by_order_state([open_one, final_one], False) == [open_one]
    assert by_order_state([open_one, final_one], None) == [open_one, final_one]
