"""Cart totals and offline carriers, in plain Python."""

import ast
from decimal import Decimal
from pathlib import Path

from sellable.checkout.shipping import (
    FlatRate,
    FreeShipping,
    InStorePickup,
    Parcel,
    ShippingRate,
    flatrate_rate,
    freeshipping_rate,
    instore_rate,
)
from sellable.checkout.totals import CartLine, collect_totals
from sellable.salesrule.discount import Rule

D = Decimal
PER_ITEM = FlatRate(active=True, type="I", price=D(5))
V24 = [
    CartLine(1, "24-WB03", "Driven Backpack", "simple", D(20), D(36)),
    CartLine(2, "24-WB01", "Voyage Yoga Bag", "simple", D(40), D(32)),
    CartLine(
        3, "240-LV06", "Yoga Adventure", "downloadable", D(1), D(22), is_virtual=True
    ),
]
SUBTOTAL_200 = {
    "condition_type": "Magento\\SalesRule\\Model\\Rule\\Condition\\Combine",
    "conditions": [
        {
            "condition_type": "Magento\\SalesRule\\Model\\Rule\\Condition\\Address",
            "attribute_name": "base_subtotal",
            "operator": ">=",
            "value": "200",
        }
    ],
}
RULE_3 = Rule(3, "Discount", "by_percent", D(20), condition=SUBTOTAL_200)


def flat(parcel: Parcel) -> ShippingRate | None:
    return flatrate_rate(PER_ITEM, parcel)


def test_flat_rate_per_item_charges_only_physical_units() -> None:
    rate = flatrate_rate(PER_ITEM, Parcel(physical_qty=D(60)))

    assert rate is not None and rate.amount == D(300)
    assert rate.description == "Flat Rate - Fixed"


def test_flat_rate_per_order_charges_once() -> None:
    per_order = FlatRate(active=True, type="O", price=D(5))

    assert flatrate_rate(per_order, Parcel(physical_qty=D(60))) == ShippingRate(
        "flatrate", "flatrate", "Flat Rate", "Fixed", D(5)
    )


def test_flat_rate_handling_fee_is_added_fixed_or_as_a_percentage() -> None:
    fixed = FlatRate(active=True, type="O", price=D(10), handling_fee=D(2))
    percent = FlatRate(
        active=True, type="O", price=D(10), handling_fee=D(10), handling_type="P"
    )

    assert flatrate_rate(fixed, Parcel(D(1))).amount == D(12)  # type: ignore[union-attr]
    assert flatrate_rate(percent, Parcel(D(1))).amount == D(11)  # type: ignore[union-attr]


def test_free_shipping_from_a_rule_makes_flat_rate_free() -> None:
    assert flatrate_rate(PER_ITEM, Parcel(D(60), free_shipping=True)).amount == 0  # type: ignore[union-attr]
    assert flatrate_rate(PER_ITEM, Parcel(D(60), free_qty=D(20))).amount == D(200)  # type: ignore[union-attr]


def test_inactive_carriers_offer_nothing() -> None:
    assert (
        flatrate_rate(FlatRate(active=False, type="I", price=D(5)), Parcel(D(1)))
        is None
    )
    assert freeshipping_rate(FreeShipping(active=False), Parcel(D(1))) is None
    assert instore_rate(InStorePickup(active=False)) is None


def test_free_shipping_carrier_needs_the_threshold_or_a_rule() -> None:
    carrier = FreeShipping(active=True, threshold=D(100))

    assert (
        freeshipping_rate(carrier, Parcel(D(1), subtotal_with_discount=D(99))) is None
    )
    assert freeshipping_rate(carrier, Parcel(D(1), subtotal_with_discount=D(100)))
    assert freeshipping_rate(carrier, Parcel(D(1), free_shipping=True))


def test_pickup_title_names_the_location() -> None:
    rate = instore_rate(InStorePickup(active=True), "Brooklyn (Williamsburg) Store")

    assert rate is not None and rate.code == "instore_pickup"
    assert (
        rate.description == "In-Store Pickup Delivery - Brooklyn (Williamsburg) Store"
    )


def test_v2_4_cart_totals() -> None:
    totals = collect_totals(V24, [RULE_3], {}, flat)

    assert (totals.subtotal, totals.discount, totals.shipping, totals.grand_total) == (
        D(2022),
        D("404.40"),
        D(300),
        D("1917.60"),
    )
    assert totals.items_qty == 61
    assert totals.subtotal_with_discount == D("1617.60")


def test_v2_3_cart_without_rules_has_the_founding_numbers() -> None:
    lines = [
        CartLine(1, "24-WB01", "Voyage Yoga Bag", "simple", D(20), D(32)),
        CartLine(2, "24-WB03", "Driven Backpack", "simple", D(50), D(36)),
        CartLine(3, "240-LV06", "Yoga Adventure", "downloadable", D(1), D(22), True),
    ]

    totals = collect_totals(lines, [], {}, flat)

    assert (totals.items_qty, totals.subtotal, totals.shipping, totals.grand_total) == (
        71,
        D(2462),
        D(350),
        D(2812),
    )


def test_virtual_only_cart_has_no_shipping() -> None:
    totals = collect_totals(V24[2:], [RULE_3], {}, flat)

    assert totals.is_virtual and totals.rate is None
    assert totals.grand_total == D(22)


def test_shipping_percent_rule_discounts_shipping_too() -> None:
    rule = Rule(9, "All", "by_percent", D(10), apply_to_shipping=True)

    totals = collect_totals(V24[:1], [rule], {}, flat)

    assert (totals.discount, totals.shipping, totals.shipping_discount) == (
        D(72),
        D(100),
        D(10),
    )
    assert totals.grand_total == D(720) - D(72) + D(100) - D(10)


def test_domain_modules_import_neither_fastapi_nor_sqlalchemy() -> None:
    root = Path(__file__).parents[2] / "src" / "sellable"
    for name in (
        "checkout/totals.py",
        "checkout/shipping.py",
        "salesrule/discount.py",
        "salesrule/conditions.py",
    ):
        tree = ast.parse((root / name).read_text())
        imported = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        } | {
            (node.module or "").split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
        }
        assert not imported & {"fastapi", "sqlalchemy"}, name
