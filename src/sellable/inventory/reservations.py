"""Reading the reservation ledger (sellable's own; Magento has no such list)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellable.inventory.models import Reservation
from sellable.kit.search_criteria import SearchCriteria, search

RESERVATION_COLUMNS = {
    "reservation_id": Reservation.reservation_id,
    "stock_id": Reservation.stock_id,
    "sku": Reservation.sku,
    "quantity": Reservation.quantity,
}


def list_reservations(
    session: Session, criteria: SearchCriteria
) -> tuple[list[Reservation], int]:
    """Ledger lines in the order they were appended."""
    stmt = select(Reservation)
    return search(
        session, stmt, criteria, RESERVATION_COLUMNS, Reservation.reservation_id
    )
