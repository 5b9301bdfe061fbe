"""Order states and what each one allows, in plain Python.

Magento's order moves new -> processing -> complete as invoices and
shipments cover its lines, and to closed once all that was paid is
refunded; canceled, closed and holded stop documents.

A line's stock hold is `open_hold` = ordered - deducted - canceled -
refunded_unshipped: what is still held for it in the reservation ledger.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal(0)

NEW = "new"
PROCESSING = "processing"
COMPLETE = "complete"
CLOSED = "closed"
CANCELED = "canceled"
HOLDED = "holded"
PAYMENT_REVIEW = "payment_review"

DEFAULT_STATUS = {
    NEW: "pending",
    PROCESSING: "processing",
    COMPLETE: "complete",
    CLOSED: "closed",
    CANCELED: "canceled",
    HOLDED: "holded",
    PAYMENT_REVIEW: "payment_review",
}

FINAL_STATES = frozenset({COMPLETE, CLOSED, CANCELED})
NO_DOCUMENT_STATES = frozenset({CANCELED, HOLDED, PAYMENT_REVIEW})


@dataclass(frozen=True)
class LineProgress:
    """How far one order line has come: ordered, invoiced, shipped..."""

    ordered: Decimal
    invoiced: Decimal = ZERO
    shipped: Decimal = ZERO
    refunded: Decimal = ZERO
    canceled: Decimal = ZERO
    is_virtual: bool = False
    refunded_unshipped: Decimal = ZERO

    @property
    def to_invoice(self) -> Decimal:
        return max(self.ordered - self.invoiced - self.canceled, ZERO)

    @property
    def deducted(self) -> Decimal:
        """Units that left a source: shipped, or invoiced when virtual."""
        return self.invoiced if self.is_virtual else self.shipped

    @property
    def to_ship(self) -> Decimal:
        """Virtual lines are never shipped; refunded unshipped units neither.

        Magento subtracts every refunded unit here, shipped or not; a refund of
        shipped units would then strand the hold of the units still to ship.
        """
        if self.is_virtual:
            return ZERO
        left = self.ordered - self.shipped - self.refunded_unshipped - self.canceled
        return max(left, ZERO)

    @property
    def to_refund(self) -> Decimal:
        return max(self.invoiced - self.refunded, ZERO)

    @property
    def refundable_unshipped(self) -> Decimal:
        """Invoiced units not yet deducted nor refunded: a refund takes these first."""
        pending = max(self.invoiced - self.deducted, ZERO) - self.refunded_unshipped
        return max(pending, ZERO)

    @property
    def open_hold(self) -> Decimal:
        """What the ledger should still hold for this line."""
        held = self.ordered - self.deducted - self.canceled - self.refunded_unshipped
        return max(held, ZERO)

    @property
    def to_cancel(self) -> Decimal:
        """What neither an invoice nor a shipment has claimed yet."""
        done = max(self.shipped, self.invoiced)
        return max(self.ordered - done - self.canceled, ZERO)


def default_status(state: str) -> str:
    return DEFAULT_STATUS.get(state, state)


def can_invoice(state: str, lines: Iterable[LineProgress]) -> bool:
    """Something is left to invoice and the state lets documents be made."""
    if state in NO_DOCUMENT_STATES or state in (COMPLETE, CLOSED):
        return False
    return any(line.to_invoice > ZERO for line in lines)


def can_ship(state: str, lines: Iterable[LineProgress]) -> bool:
    """A physical unit is left to ship and the state allows it."""
    if state in NO_DOCUMENT_STATES:
        return False
    return any(line.to_ship > ZERO for line in lines)


def shipment_refusal(state: str, lines: Iterable[LineProgress]) -> str | None:
    """Magento's reason to refuse any shipment of this order, or None."""
    lines = list(lines)
    if state in NO_DOCUMENT_STATES or all(line.is_virtual for line in lines):
        return "A shipment cannot be created when an order has a status of %1"
    if not can_ship(state, lines):
        return "The order does not allow a shipment to be created."
    return None


def can_cancel(state: str, lines: Iterable[LineProgress]) -> bool:
    """Magento cancels only open orders with something left to cancel."""
    if state in FINAL_STATES or state in (HOLDED, PAYMENT_REVIEW):
        return False
    return any(line.to_cancel > ZERO for line in lines)


def can_hold(state: str) -> bool:
    return state in (NEW, PROCESSING)


def can_unhold(state: str) -> bool:
    return state == HOLDED


def state_after_documents(
    state: str, lines: Iterable[LineProgress], refund_left: bool = True
) -> str:
    """The state once an invoice, a shipment or a credit memo is recorded.

    `refund_left` is False once everything paid has been refunded: with
    nothing left to invoice or ship the order is then closed, as in Magento.
    """
    if state in NO_DOCUMENT_STATES or state in (CLOSED,):
        return state
    lines = list(lines)
    invoiced = all(line.to_invoice == ZERO for line in lines)
    shipped = all(line.to_ship == ZERO for line in lines)
    started = any(line.invoiced > ZERO or line.shipped > ZERO for line in lines)
    if invoiced and shipped:
        return CLOSED if started and not refund_left else COMPLETE
    return PROCESSING if started else state


def state_after_cancel(lines: Iterable[LineProgress]) -> str:
    """Canceled, unless invoiced units are left to refund (Magento's rule)."""
    lines = list(lines)
    if not any(line.to_refund > ZERO for line in lines):
        return CANCELED
    if any(line.to_ship > ZERO for line in lines):
        return PROCESSING
    return COMPLETE


def refund_refusal(state: str, status: str, paid_left: Decimal) -> str | None:
    """Magento's reason to refuse any credit memo for this order, or None."""
    if state in (PAYMENT_REVIEW, HOLDED, CANCELED, CLOSED):
        return f"A creditmemo can not be created when an order has a status of {status}"
    if paid_left <= ZERO:
        return "The order does not allow a creditmemo to be created."
    return None


def split_refund(line: LineProgress, qty: Decimal) -> tuple[Decimal, Decimal]:
    """(units whose hold is released, units that had left a source)."""
    released = min(qty, line.refundable_unshipped)
    return released, qty - released
