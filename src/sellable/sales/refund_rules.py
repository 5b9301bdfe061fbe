"""Credit memo rules in plain Python: amounts per line, where returns go."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sellable.kit.money import money

ZERO = Decimal(0)


@dataclass(frozen=True)
class ItemAmounts:
    """What an order line was invoiced and has had refunded so far."""

    price: Decimal
    qty_ordered: Decimal
    qty_invoiced: Decimal
    qty_refunded: Decimal
    row_invoiced: Decimal
    amount_refunded: Decimal
    discount_invoiced: Decimal
    tax_amount: Decimal


@dataclass(frozen=True)
class LineRefund:
    row_total: Decimal
    discount: Decimal
    tax: Decimal


def line_refund(item: ItemAmounts, qty: Decimal) -> LineRefund:
    """The line's share for qty units; the last refund takes what is left."""
    last = qty == item.qty_invoiced - item.qty_refunded
    if last:
        row_total = item.row_invoiced - item.amount_refunded
    else:
        row_total = money(item.price * qty)
    discount = money(item.discount_invoiced * qty / item.qty_invoiced)
    tax = money(item.tax_amount * qty / item.qty_ordered)
    return LineRefund(row_total, discount, tax)


def allocate_return(
    shipped: Sequence[tuple[str, Decimal]],
    returned: Mapping[str, Decimal],
    qty: Decimal,
) -> dict[str, Decimal]:
    """Spread qty over the sources in shipment order, never past what left each."""
    left = dict(returned)
    plan: dict[str, Decimal] = {}
    for code, shipped_qty in shipped:
        already = min(left.get(code, ZERO), shipped_qty)
        left[code] = left.get(code, ZERO) - already
        take = min(shipped_qty - already, qty)
        if take > ZERO:
            plan[code] = plan.get(code, ZERO) + take
            qty -= take
    return plan
