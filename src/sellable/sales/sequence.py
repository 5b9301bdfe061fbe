"""Increment ids (000000001, 2000000001, ...) per document type and store.

On PostgreSQL each (type, store) has a real sequence: `nextval()` holds no row lock
until commit and is never rolled back, so numbers may have gaps but are never reused,
like Magento's auto-increment sequence tables. SQLite keeps the row UPDATE.
"""

from sqlalchemy import func, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from sellable.sales.models import SalesSequence

DOCUMENT_TYPES = ("order", "invoice", "shipment", "creditmemo")

# (database url, sequence name) pairs this process has already created.
_CREATED: set[tuple[str, str]] = set()


def next_increment_id(session: Session, entity_type: str, store_id: int) -> str:
    """Take the next number atomically; Magento prefixes it with the store id."""
    if entity_type not in DOCUMENT_TYPES:
        raise ValueError(f"unknown sequence type {entity_type!r}")
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        value = _next_from_sequence(session, bind.engine, entity_type, store_id)
    else:
        value = _next_from_row(session, entity_type, store_id)
    prefix = "" if store_id <= 1 else str(store_id)
    return f"{prefix}{value:09d}"


def sequence_name(entity_type: str, store_id: int) -> str:
    return f"sales_seq_{entity_type}_{int(store_id)}"


def ensure_sequence(engine: Engine, entity_type: str, store_id: int) -> None:
    """Create the PostgreSQL sequence in its own short transaction.

    Two first orders of a store may get here at once; CREATE SEQUENCE IF NOT
    EXISTS is not safe against that (both see it missing, one fails on the
    catalog's unique index), so creators queue on an advisory lock.
    """
    name = sequence_name(entity_type, store_id)
    with engine.begin() as conn:
        conn.execute(select(func.pg_advisory_xact_lock(func.hashtext(name))))
        last = conn.scalar(
            select(SalesSequence.last_value).where(
                (SalesSequence.entity_type == entity_type)
                & (SalesSequence.store_id == store_id)
            )
        )
        start = int(last or 0) + 1
        conn.execute(text(f"CREATE SEQUENCE IF NOT EXISTS {name} START WITH {start}"))


def _next_from_sequence(
    session: Session, engine: Engine, entity_type: str, store_id: int
) -> int:
    name = sequence_name(entity_type, store_id)
    known = (engine.url.render_as_string(hide_password=True), name)
    if known not in _CREATED:
        # Never look the name up inside the request transaction first: a miss
        # there can stay cached for the rest of the transaction.
        ensure_sequence(engine, entity_type, store_id)
        _CREATED.add(known)
    return int(session.scalar(text(f"SELECT nextval('{name}')")))


def _next_from_row(session: Session, entity_type: str, store_id: int) -> int:
    dialect = session.get_bind().dialect.name
    builder = pg_insert if dialect == "postgresql" else sqlite_insert
    session.execute(
        builder(SalesSequence)
        .values(entity_type=entity_type, store_id=store_id, last_value=0)
        .on_conflict_do_nothing()
    )
    key = (SalesSequence.entity_type == entity_type) & (
        SalesSequence.store_id == store_id
    )
    session.execute(
        update(SalesSequence).where(key).values(last_value=SalesSequence.last_value + 1)
    )
    return int(session.scalar(select(SalesSequence.last_value).where(key)) or 0)
