"""Place an order once per customer checkout: retries answer the first order.

`payment-information` may be sent again after a lost response. Placement
first locks the customer's row, so two placements of the same customer run
one after the other and the second sees the cart the first one converted.
A request carrying an `Idempotency-Key` header claims the key (through
`kit.idempotency`) in the same transaction as the order; a retry with that
key, even after the cart was converted (where Magento would answer 404),
answers the same order id and places nothing. If the first request fails,
its claim rolls back with it.
"""

import json
from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from sellable.customer.models import Customer
from sellable.kit import idempotency
from sellable.kit.logging import get_logger

log = get_logger(__name__)


def lock_checkout(session: Session, customer_id: int | None) -> Customer | None:
    """One placement at a time per customer (the customer row, FOR UPDATE).

    Answers the locked customer, loaded by the same statement.
    """
    if customer_id is None:
        return None
    return session.get(Customer, customer_id, with_for_update=True)


def claim(
    session: Session,
    customer_id: int | None,
    key: str | None,
    body: BaseModel | dict[str, Any],
) -> int | None:
    """Take the key for this request, or answer the order it already placed.

    The caller holds the checkout lock (`lock_checkout`) already.
    """
    call = _call(customer_id, key, body)
    if call is None:
        return None

    replayed = idempotency.claim(session, call)
    if replayed is None:
        return None
    log.info("order_placement_replayed", customer_id=customer_id, key=key)
    return int(json.loads(replayed.body))


def remember(
    session: Session, customer_id: int | None, key: str | None, order_id: int
) -> None:
    """Store the placed order's id as the answer to the claimed key."""
    call = _call(customer_id, key, {})
    if call is not None:
        idempotency.remember(session, call, order_id)


def _call(
    customer_id: int | None, key: str | None, body: BaseModel | dict[str, Any]
) -> idempotency.IdempotentCall | None:
    payload = body.model_dump(mode="json") if isinstance(body, BaseModel) else body
    return idempotency.idempotent_call(
        key, f"customer:{customer_id}", "payment-information", payload
    )
