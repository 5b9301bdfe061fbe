"""Inventory rules in plain Python: source validation and salability verdicts."""

import ast
from decimal import Decimal
from pathlib import Path

from sellable.inventory.domain import SourceQuantity
from sellable.inventory.salability_rules import (
    StockOptions,
    is_salable,
    product_salable_qty,
    quantity_rule_errors,
    requested_qty_errors,
)
from sellable.inventory.source_rules import source_problems

PLAIN_MODULES = ("domain.py", "source_rules.py", "salability_rules.py")
VALID = {"source_code": "hq", "name": "HQ", "country_id": "US", "postcode": "10022"}


def _rows(*rows: tuple[int, bool, bool]) -> list[SourceQuantity]:
    return [
        SourceQuantity(f"s{i}", Decimal(q), s, e) for i, (q, s, e) in enumerate(rows)
    ]


def test_a_complete_source_has_no_problems() -> None:
    assert source_problems(VALID) == []


def test_each_required_field_is_reported_by_name() -> None:
    problems = source_problems({"name": "  "})

    assert [params["field"] for _, params in problems] == [
        "name",
        "source_code",
        "country_id",
        "postcode",
    ]


def test_source_code_with_spaces_or_template_syntax_is_refused() -> None:
    spaced = source_problems({**VALID, "source_code": "new york"})
    injected = source_problems({**VALID, "name": "${7*7}"})

    assert spaced == [
        ('"%field" can not contain whitespaces.', {"field": "source_code"})
    ]
    assert injected == [("Validation Failed", {})]


def test_default_source_stays_enabled_and_is_no_pickup_location() -> None:
    problems = source_problems(
        {
            **VALID,
            "source_code": "default",
            "enabled": False,
            "is_pickup_location_active": True,
            "city": "x",
            "street": "y",
        }
    )

    assert [text for text, _ in problems] == [
        "Default source can not be disabled.",
        "The Default Source can not be used for In-Store Pickup Delivery.",
    ]


def test_salable_quantity_ignores_out_of_stock_disabled_and_negative_rows() -> None:
    rows = _rows(
        (30, True, True), (20, False, True), (50, True, False), (-5, True, True)
    )

    assert product_salable_qty(rows, Decimal(-12), StockOptions()) == 18


def test_salable_quantity_is_zero_when_holds_exceed_stock_or_no_rows() -> None:
    rows = _rows((10, True, True))

    assert product_salable_qty(rows, Decimal(-15), StockOptions()) == 0
    assert product_salable_qty([], Decimal(0), StockOptions()) == 0


def test_threshold_lowers_what_can_be_sold() -> None:
    options = StockOptions(min_qty=Decimal(4))

    assert product_salable_qty(_rows((10, True, True)), Decimal(0), options) == 6


def test_unmanaged_stock_is_always_salable() -> None:
    assert is_salable([], Decimal(0), StockOptions(managed=False)) is True
    assert (
        requested_qty_errors([], Decimal(0), StockOptions(managed=False), Decimal(5))
        == []
    )


def test_cart_rules_report_the_first_broken_one() -> None:
    options = StockOptions(min_sale_qty=Decimal(2), qty_increments=Decimal(3))

    assert [e.code for e in quantity_rule_errors(options, Decimal(1))] == [
        "is_correct_qty-min_sale_qty"
    ]
    assert quantity_rule_errors(options, Decimal(4))[0].message == (
        "You can buy this product only in quantities of 3 at a time."
    )
    assert quantity_rule_errors(options, Decimal(6)) == []


def test_backorders_allow_selling_beyond_stock() -> None:
    rows = _rows((1, True, True))

    assert (
        requested_qty_errors(
            rows, Decimal(0), StockOptions(backorders=True), Decimal(9)
        )
        == []
    )


def test_rule_modules_import_neither_fastapi_nor_sqlalchemy() -> None:
    folder = Path(__file__).parents[2] / "src" / "sellable" / "inventory"
    for name in PLAIN_MODULES:
        tree = ast.parse((folder / name).read_text())
        imported = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        } | {
            str(node.module).split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
        }
        assert not imported & {"fastapi", "sqlalchemy", "pydantic"}, name
