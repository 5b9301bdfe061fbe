"""Offline payment methods offered by configuration (`payment/<code>/active`)."""

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from sellable.checkout.errors import (
    PaymentMethodNotAvailable,
    PurchaseOrderNumberRequired,
)
from sellable.store import config

OFFLINE_METHODS = ("checkmo", "banktransfer", "cashondelivery", "purchaseorder")
ZERO_TOTAL_METHOD = "free"


@dataclass(frozen=True)
class PaymentMethod:
    code: str
    title: str


def available_methods(
    session: Session, store_id: int, grand_total: Decimal
) -> list[PaymentMethod]:
    """Active offline methods; only "free" (Zero Subtotal Checkout) at a zero total."""
    codes = (ZERO_TOTAL_METHOD,) if grand_total <= 0 else OFFLINE_METHODS
    return [
        PaymentMethod(
            code, str(config.get_value(session, f"payment/{code}/title", store_id))
        )
        for code in codes
        if config.get_flag(session, f"payment/{code}/active", store_id)
    ]


def require_method(
    session: Session,
    store_id: int,
    grand_total: Decimal,
    code: str,
    po_number: str | None,
) -> PaymentMethod:
    """The chosen method if it is offered now; purchase orders need a number."""
    chosen = next(
        (
            m
            for m in available_methods(session, store_id, grand_total)
            if m.code == code
        ),
        None,
    )
    if chosen is None:
        raise PaymentMethodNotAvailable()
    if chosen.code == "purchaseorder" and not (po_number or "").strip():
        raise PurchaseOrderNumberRequired()
    return chosen
