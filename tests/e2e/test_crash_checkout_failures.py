"""A checkout that fails at any step leaves nothing of the order behind."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, sessionmaker

from sellable.checkout import placement
from sellable.checkout.models import Cart
from sellable.inventory.models import Reservation, ReservationTotal
from sellable.mail.models import OutboxMessage
from sellable.sales.models import (
    IdempotencyRecord,
    Order,
    OrderAddress,
    OrderItem,
    OrderPayment,
    OrderStatusHistory,
)
from tests.e2e.live_server import Shopper, fill_cart, place_order, seeded_shoppers

SKU = "24-WB01"
LEFTOVERS = (
    Order, OrderItem, OrderPayment, OrderAddress, OrderStatusHistory,
    Reservation, OutboxMessage, IdempotencyRecord,
)  # fmt: skip


class Injected(RuntimeError):
    """The failure a test plants inside the checkout."""


def _fail_after_hold(monkeypatch: pytest.MonkeyPatch, _app: FastAPI) -> None:
    real = placement.hold_for_order

    def hold_then_fail(*args: Any, **kwargs: Any) -> None:
        real(*args, **kwargs)
        raise Injected("after the stock hold")

    monkeypatch.setattr(placement, "hold_for_order", hold_then_fail)


def _fail_queueing_the_email(monkeypatch: pytest.MonkeyPatch, _app: FastAPI) -> None:
    def fail(*_args: Any) -> None:
        raise Injected("while queueing the confirmation")

    monkeypatch.setattr(placement, "_queue_confirmation", fail)


def _fail_at_commit(_monkeypatch: pytest.MonkeyPatch, app: FastAPI) -> None:
    factory = app.state.session_factory

    def refuse(session: Session) -> None:
        # Only the placing transaction sees an order (the test has none before).
        if session.scalar(select(func.count()).select_from(Order)):
            raise Injected("at commit")

    event.listen(factory, "before_commit", refuse)


FAILURES: dict[str, Callable[[pytest.MonkeyPatch, FastAPI], None]] = {
    "after the hold": _fail_after_hold,
    "queueing the email": _fail_queueing_the_email,
    "at commit": _fail_at_commit,
}


@pytest.fixture
def quiet_client(app: FastAPI) -> Iterator[TestClient]:
    """A client that receives the 500 instead of the re-raised exception."""
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def _shopper(database_url: str, client: TestClient) -> Shopper:
    (shopper,) = seeded_shoppers(database_url, ["fails@example.com"])
    fill_cart(client, shopper, [(SKU, 3)])
    return shopper


def _leftovers(factory: sessionmaker[Session]) -> dict[str, int]:
    with factory() as session:
        found = {
            model.__name__: int(
                session.scalar(select(func.count()).select_from(model)) or 0
            )
            for model in LEFTOVERS
        }
        found["reserved"] = int(
            session.scalar(select(func.sum(ReservationTotal.quantity))) or 0
        )
        found["active_carts"] = int(
            session.scalar(
                select(func.count()).select_from(Cart).where(Cart.is_active.is_(True))
            )
            or 0
        )
    return found


@pytest.mark.parametrize("failure", list(FAILURES))
def test_a_checkout_failing_midway_leaves_no_order_hold_payment_or_mail(
    failure: str,
    app: FastAPI,
    quiet_client: TestClient,
    session_factory: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
    database_url: str,
) -> None:
    shopper = _shopper(database_url, quiet_client)
    FAILURES[failure](monkeypatch, app)

    response = place_order(quiet_client, shopper, key="attempt-1")

    assert response.status_code == 500, response.text
    assert response.json()["message"].startswith("Internal Error.")
    nothing = {model.__name__: 0 for model in LEFTOVERS}
    assert _leftovers(session_factory) == {**nothing, "reserved": 0, "active_carts": 1}


def test_the_cart_can_still_be_ordered_after_a_failed_attempt(
    app: FastAPI,
    quiet_client: TestClient,
    session_factory: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
    database_url: str,
) -> None:
    shopper = _shopper(database_url, quiet_client)
    with monkeypatch.context() as patch:
        _fail_after_hold(patch, app)
        failed = place_order(quiet_client, shopper, key="attempt-1")

    placed = place_order(quiet_client, shopper, key="attempt-1")

    left = _leftovers(session_factory)
    assert failed.status_code == 500
    assert placed.status_code == 200, placed.text
    assert (left["Order"], left["OrderPayment"], left["Reservation"]) == (1, 1, 1)
    assert left["reserved"] == -3
