"""Increment ids (000000001, 2000000001, ...) per document type and store."""

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from sellable.sales.models import SalesSequence

DOCUMENT_TYPES = ("order", "invoice", "shipment", "creditmemo")


def next_increment_id(session: Session, entity_type: str, store_id: int) -> str:
    """Take the next number atomically; Magento prefixes it with the store id."""
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
    value = session.scalar(select(SalesSequence.last_value).where(key))
    prefix = "" if store_id <= 1 else str(store_id)
    return f"{prefix}{int(value or 0):09d}"
