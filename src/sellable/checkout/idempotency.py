"""Place an order once per customer checkout: retries answer the first order.

`payment-information` may be sent again after a lost response. Placement
first locks the customer's row, so two placements of the same customer run
one after the other and the second sees the cart the first one converted.
A request carrying an `Idempotency-Key` header claims the key in the same
transaction as the order; a retry with that key (even after the cart was
converted, where Magento would answer 404) answers the same order id and
places nothing. If the first request fails, its claim rolls back with it.
"""

import hashlib
import json
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from sellable.customer.models import Customer
from sellable.kit.errors import InputError
from sellable.kit.logging import get_logger
from sellable.sales.models import IdempotencyRecord

log = get_logger(__name__)
PENDING = 0
MAX_KEY_LENGTH = 255


class IdempotencyKeyReused(InputError):
    template = 'The idempotency key "%1" was already used for a different request.'


class IdempotencyKeyInvalid(InputError):
    template = "The idempotency key must be 1 to %1 characters long."


def fingerprint(body: BaseModel | dict[str, Any]) -> str:
    """A digest of the request body, to refuse a key reused for another request."""
    data = body.model_dump(mode="json") if isinstance(body, BaseModel) else body
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def lock_checkout(session: Session, customer_id: int | None) -> None:
    """One placement at a time per customer (the customer row, FOR UPDATE)."""
    session.execute(
        select(Customer.entity_id)
        .where(Customer.entity_id == customer_id)
        .with_for_update()
    )


def claim(
    session: Session,
    customer_id: int | None,
    key: str | None,
    body: BaseModel | dict[str, Any],
) -> int | None:
    """Take the key for this request, or answer the order it already placed."""
    lock_checkout(session, customer_id)
    if key is None:
        return None
    if not 0 < len(key) <= MAX_KEY_LENGTH:
        raise IdempotencyKeyInvalid(parameters=[MAX_KEY_LENGTH])
    digest = fingerprint(body)
    if _insert_claim(session, _scope(customer_id), key, digest):
        return None

    record = _record(session, _scope(customer_id), key)
    if record.request_hash != digest:
        raise IdempotencyKeyReused(parameters=[key])
    log.info("order_placement_replayed", customer_id=customer_id, key=key)
    return int(json.loads(record.response_body))


def remember(
    session: Session, customer_id: int | None, key: str | None, order_id: int
) -> None:
    """Store the placed order's id as the answer to the claimed key."""
    if key is None:
        return
    session.execute(
        update(IdempotencyRecord)
        .where(
            IdempotencyRecord.scope == _scope(customer_id),
            IdempotencyRecord.idempotency_key == key,
        )
        .values(response_status=200, response_body=json.dumps(order_id))
        .execution_options(synchronize_session=False)
    )


def _scope(customer_id: int | None) -> str:
    return f"customer:{customer_id}:payment-information"


def _insert_claim(session: Session, scope: str, key: str, digest: str) -> bool:
    dialect = session.get_bind().dialect.name
    builder = pg_insert if dialect == "postgresql" else sqlite_insert
    inserted = session.scalar(
        builder(IdempotencyRecord)
        .values(
            scope=scope,
            idempotency_key=key,
            request_hash=digest,
            response_status=PENDING,
            response_body="null",
        )
        .on_conflict_do_nothing()
        .returning(IdempotencyRecord.record_id)
    )
    return inserted is not None


def _record(session: Session, scope: str, key: str) -> IdempotencyRecord:
    record = session.scalar(
        select(IdempotencyRecord)
        .where(
            IdempotencyRecord.scope == scope,
            IdempotencyRecord.idempotency_key == key,
        )
        .execution_options(populate_existing=True)
    )
    assert record is not None and record.response_status != PENDING, key
    return record
