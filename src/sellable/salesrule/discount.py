"""Cart price rules applied to a cart's lines, the way Magento spreads them.

Rules run in (sort_order, rule_id) order. A rule whose cart condition holds
discounts every line that passes its action condition; each rule's amounts are
rounded with a running remainder (`DeltaRounder`) so they add up to the cent,
and a line is never discounted below zero. `stop_rules_processing` ends the
rules for the lines the rule applied to. Coupon rules, usage limits and a
fixed amount on shipping are not modelled (the loader only passes rules that
need no coupon).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from sellable.kit.money import DeltaRounder, money
from sellable.salesrule.conditions import matches_cart, matches_item

ZERO = Decimal(0)
HUNDRED = Decimal(100)
FREE_SHIPPING_ITEMS = "1"
FREE_SHIPPING_ADDRESS = "2"


@dataclass(frozen=True)
class Rule:
    """A cart price rule as the calculation needs it."""

    rule_id: int
    label: str
    action: str
    amount: Decimal
    discount_qty: Decimal | None = None
    discount_step: int = 0
    stop_rules_processing: bool = False
    sort_order: int = 0
    free_shipping: str = "0"
    apply_to_shipping: bool = False
    condition: Mapping[str, Any] | None = None
    action_condition: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Line:
    """A cart line: its key (item id), quantity, unit price and condition facts."""

    key: int
    qty: Decimal
    price: Decimal
    facts: Mapping[str, Any] = field(default_factory=dict)

    @property
    def row_total(self) -> Decimal:
        return money(self.qty * self.price)


@dataclass(frozen=True)
class RuleShare:
    """What one rule took off one line."""

    rule_id: int
    label: str
    amount: Decimal


@dataclass
class LineDiscount:
    amount: Decimal = ZERO
    percent: Decimal = ZERO
    free_shipping: bool = False
    shares: list[RuleShare] = field(default_factory=list)
    rule_ids: list[int] = field(default_factory=list)


@dataclass
class CartDiscount:
    """The discount of every line plus the cart-level effects."""

    lines: dict[int, LineDiscount]
    free_shipping: bool = False
    shipping_percent: Decimal = ZERO
    applied_rule_ids: list[int] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines.values()), ZERO)

    @property
    def description(self) -> str:
        return ", ".join(label for label in self.labels if label)


def apply_rules(
    rules: Sequence[Rule], lines: Sequence[Line], cart: Mapping[str, Any]
) -> CartDiscount:
    """Apply the rules that hold for this cart to its lines."""
    result = CartDiscount(lines={line.key: LineDiscount() for line in lines})
    item_facts = [line.facts for line in lines]
    stopped: set[int] = set()
    for rule in sorted(rules, key=lambda r: (r.sort_order, r.rule_id)):
        if not matches_cart(rule.condition, cart, item_facts):
            continue
        targets = [
            line
            for line in lines
            if line.key not in stopped
            and matches_item(rule.action_condition, line.facts)
        ]
        if targets:
            _apply_rule(rule, targets, result)
            if rule.stop_rules_processing:
                stopped.update(line.key for line in targets)
    return result


def _apply_rule(rule: Rule, targets: Sequence[Line], result: CartDiscount) -> None:
    raw = _raw_amounts(rule, targets, result)
    rounder = DeltaRounder()
    taken = ZERO
    for line in targets:
        discount = result.lines[line.key]
        room = line.row_total - discount.amount
        amount = max(min(rounder.round(raw[line.key]), room), ZERO)
        discount.amount += amount
        taken += amount
        if amount:
            discount.shares.append(RuleShare(rule.rule_id, rule.label, amount))
        if rule.action == "by_percent":
            discount.percent = min(HUNDRED, discount.percent + _percent(rule))
        if rule.free_shipping == FREE_SHIPPING_ITEMS:
            discount.free_shipping = True
        discount.rule_ids.append(rule.rule_id)
    _record_rule(rule, taken, result)


def _record_rule(rule: Rule, taken: Decimal, result: CartDiscount) -> None:
    if rule.free_shipping == FREE_SHIPPING_ADDRESS:
        result.free_shipping = True
    if rule.apply_to_shipping and rule.action == "by_percent":
        result.shipping_percent = min(HUNDRED, result.shipping_percent + _percent(rule))
    result.applied_rule_ids.append(rule.rule_id)
    gave_something = taken > ZERO or rule.free_shipping in {"1", "2"}
    if gave_something and rule.label not in result.labels:
        result.labels.append(rule.label)


def _raw_amounts(
    rule: Rule, targets: Sequence[Line], result: CartDiscount
) -> dict[int, Decimal]:
    if rule.action == "cart_fixed":
        return _cart_fixed(rule, targets, result)
    amounts: dict[int, Decimal] = {}
    for line in targets:
        qty = _discount_qty(rule, line.qty)
        already = result.lines[line.key].amount
        amounts[line.key] = _line_amount(rule, line, qty, already)
    return amounts


def _line_amount(rule: Rule, line: Line, qty: Decimal, already: Decimal) -> Decimal:
    if rule.action == "by_percent":
        return (qty * line.price - already) * _percent(rule) / HUNDRED
    if rule.action == "by_fixed":
        return qty * min(rule.amount, line.price)
    if rule.action == "buy_x_get_y":
        return buy_x_get_y_qty(qty, rule.discount_step, rule.amount) * line.price
    return ZERO


def _cart_fixed(
    rule: Rule, targets: Sequence[Line], result: CartDiscount
) -> dict[int, Decimal]:
    """One amount for the cart, spread over the lines by what is left of each."""
    left = {
        line.key: line.row_total - result.lines[line.key].amount for line in targets
    }
    base = sum(left.values(), ZERO)
    if base <= ZERO:
        return {key: ZERO for key in left}
    total = min(rule.amount, base)
    amounts = {key: total * value / base for key, value in left.items()}
    last = targets[-1].key
    rounder = DeltaRounder()
    rounded = {
        key: rounder.round(value) for key, value in amounts.items() if key != last
    }
    rounded[last] = total - sum(rounded.values(), ZERO)
    return rounded


def buy_x_get_y_qty(qty: Decimal, buy: int, free: Decimal) -> Decimal:
    """Units given free when every `buy` units earn `free` more (Buy X get Y)."""
    if buy <= 0 or free <= 0 or free > buy:
        return ZERO
    period = Decimal(buy) + free
    full = (qty / period).to_integral_value(rounding=ROUND_FLOOR)
    rest = qty - full * period
    return full * free + max(rest - Decimal(buy), ZERO)


def _discount_qty(rule: Rule, qty: Decimal) -> Decimal:
    if rule.discount_qty is not None and rule.discount_qty > ZERO:
        return min(qty, rule.discount_qty)
    return qty


def _percent(rule: Rule) -> Decimal:
    return min(rule.amount, HUNDRED)
