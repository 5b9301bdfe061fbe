"""Idempotency-Key: a repeated request gets the first answer and changes nothing.

The request claims its key first, in its own transaction: one row per
(scope, key) in `idempotency_record`, inserted with ON CONFLICT DO NOTHING,
holding a hash of the request. A twin that arrives while the first runs
waits on that row and, once the first commits, reads its answer; if the
first fails, its claim rolls back with it and the twin runs instead. The
same key with another request is refused. Scope is the caller and the
route template, so one key means nothing across callers or routes.

`checkout.idempotency` (payment-information) builds on it; the table is
`sales.models.IdempotencyRecord`.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from sellable.kit.errors import InputError
from sellable.kit.logging import get_logger
from sellable.kit.responses import MagentoJSONResponse, plain
from sellable.sales.models import IdempotencyRecord

log = get_logger(__name__)
HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
PENDING = 0


class IdempotencyKeyReused(InputError):
    template = 'The idempotency key "%1" was already used for a different request.'


class IdempotencyKeyInvalid(InputError):
    template = "The idempotency key must be 1 to %1 characters long."


@dataclass(frozen=True)
class IdempotentCall:
    """One request that carries an Idempotency-Key."""

    scope: str
    key: str
    fingerprint: str


def fingerprint(payload: Any) -> str:
    """A digest of the request: canonical JSON with sorted keys."""
    text = json.dumps(
        plain(payload), sort_keys=True, separators=(",", ":"), default=str
    )
    return hashlib.sha256(text.encode()).hexdigest()


def idempotent_call(
    key: str | None, caller: str, route: str, payload: Any
) -> IdempotentCall | None:
    """The call to deduplicate, or None when the request carries no key."""
    if key is None:
        return None
    if not 0 < len(key) <= MAX_KEY_LENGTH:
        raise IdempotencyKeyInvalid(parameters=[MAX_KEY_LENGTH])
    return IdempotentCall(f"{caller} {route}"[:255], key, fingerprint(payload))


def claim(session: Session, call: IdempotentCall) -> MagentoJSONResponse | None:
    """Take the key for this request, or answer what its first run answered."""
    if _insert_claim(session, call):
        return None
    record = session.scalar(
        select(IdempotencyRecord)
        .where(
            IdempotencyRecord.scope == call.scope,
            IdempotencyRecord.idempotency_key == call.key,
        )
        .execution_options(populate_existing=True)
    )
    assert record is not None and record.response_status != PENDING, call.key
    if record.request_hash != call.fingerprint:
        raise IdempotencyKeyReused(parameters=[call.key])
    log.info("request_replayed", scope=call.scope, key=call.key)
    body = json.loads(record.response_body)
    return MagentoJSONResponse(body, status_code=record.response_status)


def _insert_claim(session: Session, call: IdempotentCall) -> bool:
    dialect = session.get_bind().dialect.name
    builder = pg_insert if dialect == "postgresql" else sqlite_insert
    inserted = session.scalar(
        builder(IdempotencyRecord)
        .values(
            scope=call.scope,
            idempotency_key=call.key,
            request_hash=call.fingerprint,
            response_status=PENDING,
            response_body="null",
        )
        .on_conflict_do_nothing()
        .returning(IdempotencyRecord.record_id)
    )
    return inserted is not None


def remember(
    session: Session, call: IdempotentCall, body: Any, status: int = 200
) -> None:
    """Store the answer on the claimed key."""
    session.execute(
        update(IdempotencyRecord)
        .where(
            IdempotencyRecord.scope == call.scope,
            IdempotencyRecord.idempotency_key == call.key,
        )
        .values(
            response_status=status,
            response_body=json.dumps(plain(body), separators=(",", ":"), default=str),
        )
        .execution_options(synchronize_session=False)
    )


def run_once(
    session: Session, call: IdempotentCall | None, action: Callable[[], Any]
) -> MagentoJSONResponse:
    """Answer a repeat from its record; otherwise run the action and record it."""
    if call is not None:
        replayed = claim(session, call)
        if replayed is not None:
            return replayed
    body = action()
    if call is not None:
        remember(session, call, body)
    return MagentoJSONResponse(body)
