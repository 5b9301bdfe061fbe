"""Cart price rules on cart lines: conditions, actions, rounding, order."""

from decimal import Decimal
from typing import Any

from sellable.salesrule.conditions import compare, matches_cart, matches_item
from sellable.salesrule.discount import Line, Rule, apply_rules, buy_x_get_y_qty

D = Decimal
COMBINE = "Magento\\SalesRule\\Model\\Rule\\Condition\\Combine"
ADDRESS = "Magento\\SalesRule\\Model\\Rule\\Condition\\Address"
FOUND = "Magento\\SalesRule\\Model\\Rule\\Condition\\Product\\Found"
PRODUCT = "Magento\\SalesRule\\Model\\Rule\\Condition\\Product"
TUTORIAL = [Line(1, D(20), D(36)), Line(2, D(40), D(32)), Line(3, D(1), D(22))]


def subtotal_at_least(amount: str, operator: str = ">=") -> dict[str, Any]:
    return {
        "condition_type": COMBINE,
        "aggregator_type": "all",
        "value": "1",
        "conditions": [
            {
                "condition_type": ADDRESS,
                "attribute_name": "base_subtotal",
                "operator": operator,
                "value": amount,
            }
        ],
    }


def twenty_percent(**fields: Any) -> Rule:
    values: dict[str, Any] = {
        "rule_id": 3,
        "label": "Discount",
        "action": "by_percent",
        "amount": D(20),
        "condition": subtotal_at_least("200"),
    }
    return Rule(**{**values, **fields})


def cart(subtotal: int) -> dict[str, Any]:
    return {"base_subtotal": D(subtotal), "total_qty": D(61)}


def test_twenty_percent_rule_gives_the_tutorial_discount_per_line() -> None:
    result = apply_rules([twenty_percent()], TUTORIAL, cart(2022))

    assert [result.lines[k].amount for k in (1, 2, 3)] == [D(144), D(256), D("4.40")]
    assert result.total == D("404.40")
    assert result.lines[3].percent == D(20)
    assert result.applied_rule_ids == [3]
    assert result.description == "Discount"


def test_rule_does_not_apply_just_below_the_subtotal_threshold() -> None:
    result = apply_rules(
        [twenty_percent()],
        [Line(1, D(1), D("199.99"))],
        cart(0) | {"base_subtotal": D("199.99")},
    )

    assert result.total == 0
    assert result.applied_rule_ids == []


def test_every_subtotal_operator_is_honoured() -> None:
    facts = {"base_subtotal": D(200)}

    outcomes = {
        op: matches_cart(subtotal_at_least("200", op), facts, [])
        for op in (">=", ">", "<=", "<", "==", "!=")
    }

    assert outcomes == {
        ">=": True,
        ">": False,
        "<=": True,
        "<": False,
        "==": True,
        "!=": False,
    }


def test_percent_discounts_are_delta_rounded_to_add_up_to_the_cent() -> None:
    lines = [Line(k, D(1), D("0.35")) for k in (1, 2, 3)]
    rule = twenty_percent(amount=D(10), condition=None)

    result = apply_rules([rule], lines, cart(0))

    assert [result.lines[k].amount for k in (1, 2, 3)] == [
        D("0.04"),
        D("0.03"),
        D("0.04"),
    ]
    assert result.total == D("0.11")


def test_fixed_amount_per_unit_never_exceeds_the_price() -> None:
    rule = Rule(1, "Five off", "by_fixed", D(5), condition=None)

    result = apply_rules([rule], [Line(1, D(3), D(10)), Line(2, D(2), D(4))], cart(0))

    assert (result.lines[1].amount, result.lines[2].amount) == (D(15), D(8))


def test_cart_fixed_amount_is_spread_by_row_total_and_adds_up() -> None:
    rule = Rule(1, "Ten off", "cart_fixed", D(10), condition=None)
    lines = [Line(1, D(1), D(10)), Line(2, D(1), D(10)), Line(3, D(1), D(10))]

    result = apply_rules([rule], lines, cart(30))

    assert [result.lines[k].amount for k in (1, 2, 3)] == [
        D("3.33"),
        D("3.34"),
        D("3.33"),
    ]
    assert result.total == D(10)


def test_stop_rules_processing_keeps_later_rules_off_the_line() -> None:
    first = twenty_percent(
        rule_id=1, sort_order=0, stop_rules_processing=True, condition=None
    )
    second = twenty_percent(rule_id=2, sort_order=1, condition=None, label="More")

    result = apply_rules([second, first], [Line(1, D(1), D(100))], cart(100))

    assert result.lines[1].amount == D(20)
    assert result.applied_rule_ids == [1]


def test_a_second_percent_rule_applies_to_what_is_left() -> None:
    first = twenty_percent(rule_id=1, condition=None)
    second = twenty_percent(rule_id=2, condition=None, amount=D(10), label="More")

    result = apply_rules([first, second], [Line(1, D(1), D(100))], cart(100))

    assert result.lines[1].amount == D(28)
    assert result.lines[1].percent == D(30)
    assert result.description == "Discount, More"


def test_free_shipping_rule_frees_the_address_without_a_discount() -> None:
    rule = twenty_percent(
        amount=D(0),
        free_shipping="2",
        label="Free Shipping",
        condition=subtotal_at_least("50"),
    )

    result = apply_rules([rule], TUTORIAL, cart(2022))

    assert result.free_shipping is True
    assert result.total == 0


def test_category_action_condition_never_matches_an_uncategorised_item() -> None:
    tees = {
        "condition_type": COMBINE,
        "aggregator_type": "all",
        "value": "1",
        "conditions": [
            {
                "condition_type": PRODUCT,
                "attribute_name": "category_ids",
                "operator": "==",
                "value": "25",
            }
        ],
    }

    assert matches_item(tees, {"sku": "24-WB01", "category_ids": []}) is False
    assert matches_item(tees, {"sku": "MS09", "category_ids": ["25", "3"]}) is True


def test_product_found_and_not_found_conditions() -> None:
    def found(value: str) -> dict[str, Any]:
        return {
            "condition_type": COMBINE,
            "aggregator_type": "all",
            "value": "1",
            "conditions": [
                {
                    "condition_type": FOUND,
                    "aggregator_type": "all",
                    "value": value,
                    "conditions": [
                        {
                            "condition_type": PRODUCT,
                            "attribute_name": "sku",
                            "operator": "==",
                            "value": "24-WB01",
                        }
                    ],
                }
            ],
        }

    items = [{"sku": "24-WB01"}, {"sku": "24-WB03"}]

    assert matches_cart(found("1"), {}, items) is True
    assert matches_cart(found("0"), {}, items) is False
    assert matches_cart(found("0"), {}, [{"sku": "24-WB03"}]) is True


def test_list_operators_compare_against_comma_separated_values() -> None:
    assert compare("24-WB01", {"operator": "()", "value": "24-WB01, 24-WB03"}) is True
    assert compare("24-WB01", {"operator": "!()", "value": "24-WB03"}) is True
    assert compare(None, {"operator": "==", "value": "x"}) is False


def test_buy_three_get_one_free() -> None:
    assert buy_x_get_y_qty(D(4), 3, D(1)) == 1
    assert buy_x_get_y_qty(D(7), 3, D(1)) == 1
    assert buy_x_get_y_qty(D(8), 3, D(1)) == 2
    assert buy_x_get_y_qty(D(3), 3, D(1)) == 0
