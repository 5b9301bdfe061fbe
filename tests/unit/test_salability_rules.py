"""The one rule set behind the salability endpoints, the cart and placement."""

from decimal import Decimal

from sellable.inventory.domain import SourceQuantity
from sellable.inventory.salability_rules import (
    StockOptions,
    StockPicture,
    blocking,
    headline,
    is_salable,
    product_salable_qty,
    qty_left,
    request_errors,
)

D = Decimal


def _rows(*rows: tuple[int, bool, bool]) -> list[SourceQuantity]:
    return [SourceQuantity(f"s{i}", D(q), s, e) for i, (q, s, e) in enumerate(rows)]


def _codes(picture: StockPicture, qty: str, cart: bool = True) -> list[str]:
    return [e.code for e in request_errors(picture, D(qty), cart)]


def test_out_of_stock_rows_and_disabled_sources_count_zero() -> None:
    rows = _rows((10, True, True), (50, False, True), (70, True, False))

    assert qty_left(rows, D(0), StockOptions()) == 10


def test_a_negative_row_never_cancels_another_sources_stock() -> None:
    rows = _rows((10, True, True), (-4, True, True))

    assert qty_left(rows, D(-3), StockOptions()) == 7


def test_a_negative_threshold_without_backorders_counts_as_zero() -> None:
    options = StockOptions(min_qty=D(-10))
    picture = StockPicture(_rows((5, True, True)), D(0), options)

    assert options.threshold == 0
    assert qty_left(picture.rows, D(0), options) == 5
    assert _codes(picture, "6")[-1] == "is_salable_with_reservations-not_enough_qty"


def test_backorders_with_a_negative_threshold_sell_down_to_it_and_no_further() -> None:
    options = StockOptions(min_qty=D(-10), backorders=True)
    picture = StockPicture(_rows((5, True, True)), D(-3), options)

    assert qty_left(picture.rows, picture.reserved, options) == 12
    assert _codes(picture, "12") == []
    assert _codes(picture, "13") == [
        "manage_stock-enabled",
        "is_salable_with_reservations-not_enough_qty",
    ]


def test_backorder_debt_at_one_source_uses_up_the_allowance() -> None:
    options = StockOptions(min_qty=D(-10), backorders=True)
    rows = _rows((-6, True, True), (20, True, True))

    assert qty_left(rows, D(0), options) == 24


def test_backorders_without_a_negative_threshold_sell_without_limit() -> None:
    options = StockOptions(backorders=True)
    picture = StockPicture(_rows((2, True, True)), D(-50), options)

    assert _codes(picture, "500") == []
    assert is_salable(picture.rows, picture.reserved, options) is True
    assert product_salable_qty(picture.rows, picture.reserved, options) == -48


def test_notified_backorders_sell_and_say_how_many_wait() -> None:
    options = StockOptions(backorders=True, notify_backorders=True)
    picture = StockPicture(_rows((3, True, True)), D(-1), options)

    errors = request_errors(picture, D(5))

    assert blocking(errors) == []
    assert [(e.code, e.message) for e in errors] == [
        (
            "back_order-not-enough",
            "We don't have as many quantity as you requested, "
            "but we'll back order the remaining 3.",
        )
    ]
    assert request_errors(picture, D(2)) == []


def test_unmanaged_stock_sells_anything_but_keeps_the_quantity_rules() -> None:
    picture = StockPicture([], D(0), StockOptions(managed=False))

    assert _codes(picture, "9999") == []
    assert _codes(picture, "10001") == ["is_correct_qty-max_sale_qty"]


def test_quantity_rules_in_magentos_order_with_their_parameters() -> None:
    options = StockOptions(
        min_sale_qty=D(2), max_sale_qty=D(20), qty_increments=D("0.5")
    )
    picture = StockPicture(_rows((100, True, True)), D(0), options)

    assert (
        request_errors(picture, D(1))[0].message == "The fewest you may purchase is 2."
    )
    assert _codes(picture, "21") == ["is_correct_qty-max_sale_qty"]
    assert _codes(picture, "2.25") == ["is_correct_qty-qty_increment"]
    assert _codes(picture, "2.5") == ["is_correct_qty-is_qty_decimal"]
    assert _codes(picture, "4") == []


def test_decimal_quantities_sell_when_the_product_allows_them() -> None:
    options = StockOptions(is_qty_decimal=True, min_sale_qty=D("0.5"))
    picture = StockPicture(_rows((3, True, True)), D(0), options)

    assert _codes(picture, "2.75") == []
    assert _codes(picture, "3.25")[-1] == "is_salable_with_reservations-not_enough_qty"


def test_the_batch_chain_skips_the_cart_rules() -> None:
    picture = StockPicture(_rows((5, True, True)), D(0), StockOptions())

    assert _codes(picture, "0.5", cart=False) == []
    assert _codes(picture, "6", cart=False)[-1] == (
        "is_salable_with_reservations-not_enough_qty"
    )


def test_a_disabled_product_or_no_in_stock_row_fails_before_the_stock_is_asked() -> (
    None
):
    disabled = StockPicture(_rows((5, True, True)), D(0), StockOptions(), False)
    sold_out = StockPicture(_rows((5, False, True)), D(0), StockOptions())

    assert _codes(disabled, "1") == ["is_product_salable-disabled"]
    assert is_salable(disabled.rows, D(0), StockOptions(), False) is False
    assert _codes(sold_out, "1") == [
        "is_any_source_item_in_stock-no_source_items_in_stock"
    ]


def test_the_shopper_sees_the_reason_not_the_context() -> None:
    picture = StockPicture(_rows((5, True, True)), D(-5), StockOptions())

    errors = request_errors(picture, D(1))

    assert [e.code for e in errors][:2] == [
        "back_order-disabled",
        "manage_stock-enabled",
    ]
    assert headline(errors).message == "The requested qty is not available"
