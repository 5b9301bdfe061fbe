"""What a merchant checks after each scenario: the ledger and the stock numbers."""

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from sellable.inventory.ledger_check import check_ledger
from sellable.inventory.models import Reservation, ReservationTotal
from sellable.inventory.salability import salable_quantities


def assert_ledger_consistent(factory: sessionmaker[Session]) -> None:
    """The checker finds no inconsistency and no drifted running total."""
    with factory() as session:
        report = check_ledger(session)
    lines = [item.magento_line() for item in report.inconsistencies]
    assert lines == [], lines
    assert report.total_drifts == []


def salable(factory: sessionmaker[Session], stock_id: int, sku: str) -> Decimal:
    with factory() as session:
        return salable_quantities(session, stock_id, [sku])[sku]


def reserved(factory: sessionmaker[Session], stock_id: int, sku: str) -> Decimal:
    """The ledger's sum for the SKU, checked against its running total."""
    with factory() as session:
        total = session.scalar(
            select(func.coalesce(func.sum(Reservation.quantity), 0)).where(
                Reservation.stock_id == stock_id, Reservation.sku == sku
            )
        )
        running = session.scalar(
            select(ReservationTotal.quantity).where(
                ReservationTotal.stock_id == stock_id, ReservationTotal.sku == sku
            )
        )
    assert Decimal(str(total)) == Decimal(str(running or 0))
    return Decimal(str(total))
