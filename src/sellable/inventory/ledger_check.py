"""Checking, repairing and cleaning the reservation ledger against the orders.

`check_ledger` compares each order's reservation sums with what its
documents say it should hold (rules in `ledger_check_domain`);
`repair_ledger` appends the compensations (a repair is a ledger entry,
never a delete); `cleanup_ledger` removes the zero-sum reservation sets of
final orders, as Magento's cleanup cron does; the running totals do not
move, since what is removed adds up to zero.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from sellable.inventory.domain import ReservationEntry, order_metadata
from sellable.inventory.ledger import append_reservations, lock_pairs
from sellable.inventory.ledger_check_domain import (
    ZERO,
    Inconsistency,
    Key,
    OrderHolds,
    OrderLine,
    order_inconsistencies,
    orphan_inconsistencies,
    zero_sum_keys,
)
from sellable.inventory.models import Reservation, ReservationTotal
from sellable.inventory.salability import managed_skus
from sellable.kit.logging import get_logger
from sellable.sales.models import Order
from sellable.sales.order_state import FINAL_STATES
from sellable.sales.orders import item_progress

log = get_logger(__name__)
COMPENSATION_EVENT = "manual_compensation"


@dataclass
class OrderLedger:
    """One order's ledger lines: sums and counts per (stock, SKU), and ids."""

    increment_id: str = ""
    sums: dict[Key, Decimal] = field(default_factory=dict)
    counts: dict[Key, int] = field(default_factory=dict)
    ids: dict[Key, list[int]] = field(default_factory=dict)

    def add(self, key: Key, quantity: Decimal, reservation_id: int) -> None:
        self.sums[key] = self.sums.get(key, ZERO) + quantity
        self.counts[key] = self.counts.get(key, 0) + 1
        self.ids.setdefault(key, []).append(reservation_id)


@dataclass(frozen=True)
class TotalDrift:
    """A running total that differs from the sum of its ledger lines."""

    stock_id: int
    sku: str
    total: Decimal
    ledger_sum: Decimal


@dataclass(frozen=True)
class LedgerReport:
    inconsistencies: list[Inconsistency]
    total_drifts: list[TotalDrift]

    @property
    def clean(self) -> bool:
        return not self.inconsistencies and not self.total_drifts


def check_ledger(session: Session) -> LedgerReport:
    """Every order-level inconsistency, and every drifted running total."""
    return LedgerReport(find_inconsistencies(session), find_total_drifts(session))


def find_inconsistencies(session: Session) -> list[Inconsistency]:
    ledgers = order_ledgers(session)
    orders = _orders_to_check(session, set(ledgers))
    managed = managed_skus(session, {line.sku for o in orders for line in o.lines})
    found: list[Inconsistency] = []
    for order in orders:
        ledger = ledgers.pop(order.order_id, OrderLedger())
        found += order_inconsistencies(order, ledger.sums, managed)
    for order_id, ledger in sorted(ledgers.items()):
        found += orphan_inconsistencies(order_id, ledger.increment_id, ledger.sums)
    return found


def order_ledgers(session: Session) -> dict[int, OrderLedger]:
    """The ledger lines that name an order, grouped by order."""
    ledgers: dict[int, OrderLedger] = {}
    rows = session.execute(
        select(
            Reservation.reservation_id,
            Reservation.stock_id,
            Reservation.sku,
            Reservation.quantity,
            Reservation.metadata_json,
        ).order_by(Reservation.reservation_id)
    )
    for reservation_id, stock_id, sku, quantity, metadata in rows:
        order_id, increment_id = _order_of(metadata)
        if order_id is None:
            continue
        ledger = ledgers.setdefault(order_id, OrderLedger(increment_id))
        ledger.add((stock_id, sku), Decimal(quantity), reservation_id)
    return ledgers


def _order_of(metadata: str | None) -> tuple[int | None, str]:
    try:
        data = json.loads(metadata or "{}")
        if data.get("object_type") != "order":
            return None, ""
        return int(data["object_id"]), str(data.get("object_increment_id", ""))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None, ""


def _orders_to_check(session: Session, with_ledger: set[int]) -> list[OrderHolds]:
    """Open orders, and final orders that still have ledger lines."""
    orders = session.scalars(
        select(Order)
        .where(Order.state.not_in(FINAL_STATES) | Order.entity_id.in_(with_ledger))
        .options(selectinload(Order.items))
        .order_by(Order.entity_id)
    )
    return [
        OrderHolds(
            order.entity_id,
            order.increment_id,
            order.state,
            order.stock_id,
            tuple(OrderLine(item.sku, item_progress(item)) for item in order.items),
        )
        for order in orders
    ]


def find_total_drifts(session: Session) -> list[TotalDrift]:
    """Running totals that do not equal the sum of their ledger lines."""
    sums = {
        (stock_id, sku): Decimal(str(total))
        for stock_id, sku, total in session.execute(
            select(
                Reservation.stock_id, Reservation.sku, func.sum(Reservation.quantity)
            ).group_by(Reservation.stock_id, Reservation.sku)
        )
    }
    totals = {
        (stock_id, sku): Decimal(qty)
        for stock_id, sku, qty in session.execute(
            select(
                ReservationTotal.stock_id,
                ReservationTotal.sku,
                ReservationTotal.quantity,
            )
        )
    }
    return [
        TotalDrift(stock_id, sku, totals.get((stock_id, sku), ZERO), ledger_sum)
        for stock_id, sku in sorted(set(sums) | set(totals))
        if (ledger_sum := sums.get((stock_id, sku), ZERO))
        != totals.get((stock_id, sku), ZERO)
    ]


def repair_ledger(
    session: Session, only: Iterable[Inconsistency] | None = None
) -> list[Inconsistency]:
    """Append one compensation per inconsistency; answer what was compensated."""
    found = list(find_inconsistencies(session) if only is None else only)
    append_reservations(session, [_compensation(item) for item in found])
    for item in found:
        log.warning(
            "reservation_compensated",
            order_id=item.order_id,
            increment_id=item.increment_id,
            sku=item.sku,
            stock_id=item.stock_id,
            qty=str(item.compensation),
        )
    return found


def _compensation(item: Inconsistency) -> ReservationEntry:
    metadata = order_metadata(COMPENSATION_EVENT, item.order_id, item.increment_id)
    return ReservationEntry(item.stock_id, item.sku, item.compensation, metadata)


@dataclass(frozen=True)
class CleanupResult:
    reservations: int
    orders: int


def cleanup_ledger(session: Session) -> CleanupResult:
    """Delete the zero-sum (stock, SKU) sets of final orders, under the ledger lock."""
    candidates = _zero_sum_sets(session)
    lock_pairs(session, [key for keys in candidates.values() for key in keys])
    # Read again under the lock: an append may have landed since.
    candidates = _zero_sum_sets(session)
    ledgers = order_ledgers(session)
    doomed = [
        reservation_id
        for order_id, keys in candidates.items()
        for key in keys
        for reservation_id in ledgers[order_id].ids[key]
    ]
    for start in range(0, len(doomed), 500):
        session.execute(
            delete(Reservation).where(
                Reservation.reservation_id.in_(doomed[start : start + 500])
            )
        )
    log.info("reservations_cleaned", reservations=len(doomed), orders=len(candidates))
    return CleanupResult(len(doomed), len(candidates))


def _zero_sum_sets(session: Session) -> dict[int, list[Key]]:
    ledgers = order_ledgers(session)
    final_ids = session.scalars(
        select(Order.entity_id).where(
            Order.entity_id.in_(set(ledgers)), Order.state.in_(FINAL_STATES)
        )
    )
    found = {
        order_id: zero_sum_keys(ledgers[order_id].sums, ledgers[order_id].counts)
        for order_id in final_ids
    }
    return {order_id: keys for order_id, keys in sorted(found.items()) if keys}
