"""Idempotency keys: what makes two requests the same one."""

from decimal import Decimal

import pytest

from sellable.kit.idempotency import (
    IdempotencyKeyInvalid,
    fingerprint,
    idempotent_call,
)


def test_a_request_without_a_key_is_not_deduplicated() -> None:
    assert idempotent_call(None, "admin:1", "POST /V1/order/{id}/ship", {}) is None


def test_key_order_and_number_spelling_do_not_change_the_fingerprint() -> None:
    first = {"id": 3, "body": {"qty": Decimal("2.0"), "notify": True}}
    second = {"body": {"notify": True, "qty": 2}, "id": 3}

    assert fingerprint(first) == fingerprint(second)
    assert fingerprint(first) != fingerprint({"id": 4, "body": first["body"]})


def test_the_scope_names_the_caller_and_the_route() -> None:
    call = idempotent_call("k", "admin:1", "POST /V1/order/{id}/refund", {"id": 3})

    assert call is not None
    assert (call.scope, call.key) == ("admin:1 POST /V1/order/{id}/refund", "k")


@pytest.mark.parametrize("key", ["", "k" * 256])
def test_an_empty_or_overlong_key_is_refused(key: str) -> None:
    with pytest.raises(IdempotencyKeyInvalid):
        idempotent_call(key, "admin:1", "POST /V1/order/{id}/ship", {})
