"""What an order's reservations should add up to, in plain Python.

For each order, stock and SKU the ledger holds the sum of its reservations.
The rule the checker enforces:

- an order in a final state (complete, closed, canceled) nets to zero;
- any other order holds exactly its open quantity, per SKU:
  -(ordered - deducted - canceled - refunded_unshipped), summed over its
  lines, where `deducted` is shipped (invoiced for virtual lines, which
  leave their source when invoiced) and `refunded_unshipped` is what
  credit memos refunded before it left a source (their hold was released);
- reservations naming an order that does not exist net to zero;
- SKUs whose stock is not managed hold nothing.

An inconsistency carries the compensation that would restore the rule:
expected - actual. Magento prints it as ORDER_INCREMENT_ID:SKU:QTY:STOCK_ID.
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from sellable.sales.order_state import FINAL_STATES, LineProgress

ZERO = Decimal(0)
Key = tuple[int, str]  # (stock_id, sku)


@dataclass(frozen=True)
class OrderLine:
    sku: str
    progress: LineProgress


@dataclass(frozen=True)
class OrderHolds:
    """An order as the checker sees it."""

    order_id: int
    increment_id: str
    state: str
    stock_id: int
    lines: tuple[OrderLine, ...] = ()


@dataclass(frozen=True)
class Inconsistency:
    order_id: int
    increment_id: str
    state: str | None
    stock_id: int
    sku: str
    expected: Decimal
    actual: Decimal

    @property
    def compensation(self) -> Decimal:
        return self.expected - self.actual

    @property
    def is_final_order(self) -> bool:
        return self.state is None or self.state in FINAL_STATES

    def magento_line(self) -> str:
        """Magento's `inventory:reservation:list-inconsistencies -r` line."""
        return f"{self.increment_id}:{self.sku}:{self.compensation:.6f}:{self.stock_id}"


def expected_holds(order: OrderHolds, managed: Collection[str]) -> dict[Key, Decimal]:
    """The reservation sum the order should have, per (stock, SKU)."""
    expected: dict[Key, Decimal] = {}
    for line in order.lines:
        if line.sku not in managed:
            continue
        key = (order.stock_id, line.sku)
        held = ZERO if order.state in FINAL_STATES else -line.progress.open_hold
        expected[key] = expected.get(key, ZERO) + held
    return expected


def order_inconsistencies(
    order: OrderHolds, actual: Mapping[Key, Decimal], managed: Collection[str]
) -> list[Inconsistency]:
    """Each (stock, SKU) of one order whose ledger sum is not what it should be."""
    expected = expected_holds(order, managed)
    found = []
    for stock_id, sku in sorted(set(expected) | set(actual)):
        want = expected.get((stock_id, sku), ZERO)
        have = actual.get((stock_id, sku), ZERO)
        if want != have:
            found.append(
                Inconsistency(
                    order.order_id,
                    order.increment_id,
                    order.state,
                    stock_id,
                    sku,
                    want,
                    have,
                )
            )
    return found


def orphan_inconsistencies(
    order_id: int, increment_id: str, actual: Mapping[Key, Decimal]
) -> list[Inconsistency]:
    """Reservations of an order that does not exist should net to zero."""
    return [
        Inconsistency(order_id, increment_id, None, stock_id, sku, ZERO, have)
        for (stock_id, sku), have in sorted(actual.items())
        if have != ZERO
    ]


def zero_sum_keys(sums: Mapping[Key, Decimal], counts: Mapping[Key, int]) -> list[Key]:
    """The (stock, SKU) sets of a final order that can be removed: they net to 0."""
    return [key for key, total in sorted(sums.items()) if total == ZERO and counts[key]]


def by_order_state(
    found: Iterable[Inconsistency], only_final: bool | None
) -> list[Inconsistency]:
    """Magento's -c / -i filters: final orders only, open orders only, or all."""
    if only_final is None:
        return list(found)
    return [item for item in found if item.is_final_order == only_final]
