"""The reservation ledger: locked, appended and summed in one place.

Every path that holds or releases stock goes through `lock_stock_skus` and
`append_reservations`, so the check and the write of one request cannot be
split by another and locks are always taken in (stock_id, sku) order.
"""

import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, event, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, SessionTransaction

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
    rows = session.execute(_upsert_returning(session, ordered)).all()
    _locked(session).update((stock_id, sku) for stock_id, sku, _ in rows)
    wanted = set(ordered)
    return {
        sku: Decimal(qty) for stock_id, sku, qty in rows if (stock_id, sku) in wanted
    }


def _upsert_returning(session: Session, pairs: Sequence[tuple[int, str]]) -> Any:
    """One statement that creates missing totals, locks all and reads them.

    ON CONFLICT DO UPDATE locks the existing rows in VALUES order, which is
    the sorted (stock_id, sku) order every path uses, so no two requests can
    wait for each other in a cycle. The no-op SET keeps the sum as it is.
    """
    values = [{"stock_id": s, "sku": k, "quantity": ZERO} for s, k in pairs]
    dialect = session.get_bind().dialect.name
    builder = pg_insert if dialect == "postgresql" else sqlite_insert
    table = ReservationTotal.__table__
    statement = builder(table).values(values)
    return statement.on_conflict_do_update(
        index_elements=[table.c.stock_id, table.c.sku],
        set_={"quantity": table.c.quantity},
    ).returning(table.c.stock_id, table.c.sku, table.c.quantity)


_LOCKED = "sellable.inventory.locked_totals"


def _locked(session: Session) -> set[tuple[int, str]]:
    """The (stock_id, sku) totals this transaction already holds locked."""
    return session.info.setdefault(_LOCKED, set())


@event.listens_for(Session, "after_transaction_end")
def _forget_locks(session: Session, transaction: SessionTransaction) -> None:
    # Locks end with the transaction, and a rolled-back savepoint releases
    # the ones it took (forgetting on a released one only costs a re-lock).
    # A flush's inner subtransaction ends nothing.
    if transaction.parent is None or transaction.nested:
        session.info.pop(_LOCKED, None)


def append_reservations(session: Session, entries: Sequence[ReservationEntry]) -> None:
    """Append ledger lines and move the running totals by the same amounts."""
    entries = [entry for entry in entries if entry.quantity != ZERO]
    if not entries:
        return
    pairs = {(entry.stock_id, entry.sku) for entry in entries}
    if not pairs <= _locked(session):
        lock_pairs(session, pairs)
    session.execute(
        insert(Reservation.__table__),
        [
            {
                "stock_id": entry.stock_id,
                "sku": entry.sku,
                "quantity": entry.quantity,
                "metadata": json.dumps(dict(entry.metadata), separators=(",", ":")),
            }
            for entry in entries
        ],
    )
    # One executemany (a single pipelined round trip on psycopg 3).
    session.connection().execute(
        _MOVE_TOTAL,
        [
            {"s": entry.stock_id, "k": entry.sku, "delta": entry.quantity}
            for entry in entries
        ],
    )


_TOTALS = ReservationTotal.__table__
_MOVE_TOTAL = (
    update(_TOTALS)
    .where(_TOTALS.c.stock_id == bindparam("s"), _TOTALS.c.sku == bindparam("k"))
    .values(quantity=_TOTALS.c.quantity + bindparam("delta"))
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
