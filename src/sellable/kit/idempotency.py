"""Idempotency-Key: a repeated request gets the first answer and changes nothing.

A record is kept per (scope, key), scope being the caller and the route
template; it holds a hash of the request (path parameters and body) and
the first successful answer. The record is written in the request's own
transaction, so a failed request leaves no record and may be retried.

Shared by every area (`sales` for ship, invoice, refund, notify; `checkout`
for payment-information). The table is `sales.models.IdempotencyRecord`.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sellable.kit.errors import InputError, SellableError
from sellable.kit.responses import MagentoJSONResponse, plain
from sellable.sales.models import IdempotencyRecord

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255


class IdempotencyKeyReused(SellableError):
    status_code = 409
    template = 'The Idempotency-Key "%1" was already used for a different request.'


class IdempotencyKeyInFlight(SellableError):
    status_code = 409
    template = 'A request with the Idempotency-Key "%1" is already being processed.'


@dataclass(frozen=True)
class IdempotentCall:
    """One request that carries an Idempotency-Key."""

    scope: str
    key: str
    fingerprint: str


def fingerprint(payload: Any) -> str:
    """A stable hash of the request: canonical JSON, keys sorted."""
    text = json.dumps(
        plain(payload), sort_keys=True, separators=(",", ":"), default=str
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def idempotent_call(
    key: str | None, caller: str, route: str, payload: Any
) -> IdempotentCall | None:
    """The call to deduplicate, or None when the request carries no key."""
    if key is None or not key.strip():
        return None
    key = key.strip()
    if len(key) > MAX_KEY_LENGTH:
        raise InputError(
            'Invalid value of "%value" provided for the %fieldName field.',
            {"value": key[:40], "fieldName": HEADER},
        )
    return IdempotentCall(f"{caller} {route}"[:255], key, fingerprint(payload))


def replay(session: Session, call: IdempotentCall) -> MagentoJSONResponse | None:
    """The first answer to this call, or None if it is the first."""
    record = session.scalar(
        select(IdempotencyRecord).where(
            IdempotencyRecord.scope == call.scope,
            IdempotencyRecord.idempotency_key == call.key,
        )
    )
    if record is None:
        return None
    if record.request_hash != call.fingerprint:
        raise IdempotencyKeyReused(parameters=[call.key])
    body = json.loads(record.response_body)
    return MagentoJSONResponse(body, status_code=record.response_status)


def remember(
    session: Session, call: IdempotentCall, body: Any, status: int = 200
) -> None:
    """Store the answer; a concurrent twin that stored first wins (409 here)."""
    text = json.dumps(plain(body), separators=(",", ":"), default=str)
    try:
        with session.begin_nested():
            session.add(
                IdempotencyRecord(
                    scope=call.scope,
                    idempotency_key=call.key,
                    request_hash=call.fingerprint,
                    response_status=status,
                    response_body=text,
                )
            )
    except IntegrityError as error:
        raise IdempotencyKeyInFlight(parameters=[call.key]) from error


def run_once(
    session: Session, call: IdempotentCall | None, action: Callable[[], Any]
) -> MagentoJSONResponse:
    """Answer a repeat from the record; otherwise run the action and record it.

    Callers that change one entity should lock it before calling, so that a
    twin waiting on the lock sees the record once the first one commits.
    """
    if call is not None:
        stored = replay(session, call)
        if stored is not None:
            return stored
    body = action()
    if call is not None:
        remember(session, call, body)
    return MagentoJSONResponse(body)
