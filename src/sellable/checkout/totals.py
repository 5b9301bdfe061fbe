"""A cart's totals: subtotal, rule discounts, shipping, tax (0) and grand total.

Plain Python: the caller passes the lines, the rules that may apply and a
function that prices the chosen shipping method for the resulting parcel.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sellable.checkout.shipping import Parcel, ShippingRate
from sellable.kit.money import money
from sellable.salesrule.discount import CartDiscount, LineDiscount, Rule, apply_rules
from sellable.salesrule.discount import Line as DiscountLine

ZERO = Decimal(0)
RatePicker = Callable[[Parcel], ShippingRate | None]


@dataclass(frozen=True)
class CartLine:
    """A cart item with the product facts the totals need."""

    item_id: int
    sku: str
    name: str
    product_type: str
    qty: Decimal
    price: Decimal
    is_virtual: bool = False
    weight: Decimal = ZERO
    product_id: int | None = None
    links: tuple[int, ...] = ()
    options: list[dict[str, str]] = field(default_factory=list)
    facts: Mapping[str, Any] = field(default_factory=dict)

    @property
    def row_total(self) -> Decimal:
        return money(self.qty * self.price)


@dataclass(frozen=True)
class LineTotals:
    line: CartLine
    discount: LineDiscount


@dataclass(frozen=True)
class CartTotals:
    lines: list[LineTotals]
    subtotal: Decimal
    discount: Decimal
    shipping: Decimal
    shipping_discount: Decimal
    rate: ShippingRate | None
    applied_rule_ids: list[int]
    discount_description: str

    @property
    def items_qty(self) -> Decimal:
        return sum((entry.line.qty for entry in self.lines), ZERO)

    @property
    def subtotal_with_discount(self) -> Decimal:
        return self.subtotal - self.discount

    @property
    def grand_total(self) -> Decimal:
        total = self.subtotal - self.discount + self.shipping - self.shipping_discount
        return max(total, ZERO)

    @property
    def is_virtual(self) -> bool:
        return bool(self.lines) and all(entry.line.is_virtual for entry in self.lines)


def cart_facts(lines: Sequence[CartLine], extra: Mapping[str, Any]) -> dict[str, Any]:
    """The address attributes rule conditions read (base_subtotal, total_qty...)."""
    physical = [line for line in lines if not line.is_virtual]
    return {
        "base_subtotal": sum((line.row_total for line in lines), ZERO),
        "total_qty": sum((line.qty for line in lines), ZERO),
        "weight": sum((line.weight * line.qty for line in physical), ZERO),
        **extra,
    }


def item_facts(line: CartLine) -> dict[str, Any]:
    """The item attributes rule action conditions read."""
    return {
        "sku": line.sku,
        "type_id": line.product_type,
        "quote_item_qty": line.qty,
        "quote_item_price": line.price,
        "quote_item_row_total": line.row_total,
        "category_ids": [],
        **line.facts,
    }


def parcel_for(lines: Sequence[CartLine], discount: CartDiscount) -> Parcel:
    """The physical units to ship, and which of them rules made free."""
    physical = [line for line in lines if not line.is_virtual]
    free = [line for line in physical if discount.lines[line.item_id].free_shipping]
    return Parcel(
        physical_qty=sum((line.qty for line in physical), ZERO),
        free_qty=sum((line.qty for line in free), ZERO),
        free_shipping=discount.free_shipping,
        subtotal_with_discount=sum((line.row_total for line in lines), ZERO)
        - discount.total,
    )


def collect_totals(
    lines: Sequence[CartLine],
    rules: Sequence[Rule],
    extra_facts: Mapping[str, Any],
    pick_rate: RatePicker,
) -> CartTotals:
    """Subtotal, then discounts, then the chosen shipping rate."""
    discount = discount_for(lines, rules, extra_facts)
    is_virtual = bool(lines) and all(line.is_virtual for line in lines)
    rate = None if is_virtual or not lines else pick_rate(parcel_for(lines, discount))
    shipping = rate.amount if rate else ZERO
    shipping_discount = money(shipping * discount.shipping_percent / 100)
    return CartTotals(
        lines=[LineTotals(line, discount.lines[line.item_id]) for line in lines],
        subtotal=sum((line.row_total for line in lines), ZERO),
        discount=discount.total,
        shipping=shipping,
        shipping_discount=shipping_discount,
        rate=rate,
        applied_rule_ids=discount.applied_rule_ids,
        discount_description=discount.description,
    )


def discount_for(
    lines: Sequence[CartLine], rules: Sequence[Rule], extra_facts: Mapping[str, Any]
) -> CartDiscount:
    """The rules' discounts on these lines."""
    discount_lines = [
        DiscountLine(line.item_id, line.qty, line.price, item_facts(line))
        for line in lines
    ]
    return apply_rules(rules, discount_lines, cart_facts(lines, extra_facts))
