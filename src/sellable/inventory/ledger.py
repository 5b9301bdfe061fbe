"""The reservation ledger: locked, appended and summed in one place.

Every path that holds or releases stock goes through `lock_stock_skus` and
`append_reservations`, so the check and the write of one request cannot be
split by another and locks are always taken in (stock_id, sku) order.
"""

import json
from collections.abc import Iterable, Sequence
from decimal import Decimal

from sqlalchemy import insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from sellable.inventory.domain import ZERO, ReservationEntry
from sellable.inventory.models import Reservation, ReservationTotal


def lock_stock_skus(
    session: Session, stock_id: int, skus: Iterable[str]
) -> dict[str, Decimal]:
    """Lock the running totals of these SKUs in one stock; answer their sums."""
    return lock_pairs(session, [(stock_id, sku) for sku in skus])


def lock_pairs(
    session: Session, pairs: Iterable[tuple[int, str]]
) -> dict[str, Decimal]:
    ordered = sorted(set(pairs))
    if not ordered:
        return {}
    _ensure_totals(session, ordered)
    stock_ids = {stock_id for stock_id, _ in ordered}
    skus = {sku for _, sku in ordered}
    rows = session.execute(
        select(
            ReservationTotal.stock_id, ReservationTotal.sku, ReservationTotal.quantity
        )
        .where(ReservationTotal.stock_id.in_(stock_ids), ReservationTotal.sku.in_(skus))
        .order_by(ReservationTotal.stock_id, ReservationTotal.sku)
        .with_for_update()
    ).all()
    wanted = set(ordered)
    return {
        sku: Decimal(qty) for stock_id, sku, qty in rows if (stock_id, sku) in wanted
    }


def _ensure_totals(session: Session, pairs: Sequence[tuple[int, str]]) -> None:
    values = [{"stock_id": s, "sku": k, "quantity": ZERO} for s, k in pairs]
    dialect = session.get_bind().dialect.name
    builder = pg_insert if dialect == "postgresql" else sqlite_insert
    session.execute(builder(ReservationTotal).values(values).on_conflict_do_nothing())


def append_reservations(session: Session, entries: Sequence[ReservationEntry]) -> None:
    """Append ledger lines and move the running totals by the same amounts."""
    entries = [entry for entry in entries if entry.quantity != ZERO]
    if not entries:
        return
    lock_pairs(session, [(entry.stock_id, entry.sku) for entry in entries])
    session.execute(
        insert(Reservation),
        [
            {
                "stock_id": entry.stock_id,
                "sku": entry.sku,
                "quantity": entry.quantity,
                "metadata_json": json.dumps(
                    dict(entry.metadata), separators=(",", ":")
                ),
            }
            for entry in entries
        ],
    )
    for entry in entries:
        session.execute(
            update(ReservationTotal)
            .where(
                ReservationTotal.stock_id == entry.stock_id,
                ReservationTotal.sku == entry.sku,
            )
            .values(quantity=ReservationTotal.quantity + entry.quantity)
        )


def reserved_totals(
    session: Session, stock_id: int, skus: Iterable[str]
) -> dict[str, Decimal]:
    """The running reservation sums, without locking (for reads)."""
    rows = session.execute(
        select(ReservationTotal.sku, ReservationTotal.quantity).where(
            ReservationTotal.stock_id == stock_id, ReservationTotal.sku.in_(set(skus))
        )
    ).all()
    return {sku: Decimal(qty) for sku, qty in rows}
