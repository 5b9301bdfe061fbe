"""A request whose transaction loses a lock race is run again, never shown a 500."""

import threading
import time
from decimal import Decimal

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from sellable.inventory.domain import ReservationEntry
from sellable.inventory.ledger import append_reservations, lock_pairs
from sellable.inventory.models import Reservation, ReservationTotal
from sellable.kit.retry import BUSY_MESSAGE, MAX_ATTEMPTS
from sellable.kit.web import DbSession


class FakeDeadlock(Exception):
    sqlstate = "40P01"


def _add_crossing_route(app: FastAPI, attempts: list[str]) -> None:
    """Lock one SKU's total, pause, lock another; hold both SKUs by one unit."""

    def cross(first: str, second: str, session: DbSession) -> bool:
        attempts.append(first)
        lock_pairs(session, [(1, first)])
        time.sleep(0.3)
        lock_pairs(session, [(1, second)])
        append_reservations(
            session,
            [ReservationEntry(1, sku, Decimal(-1), {}) for sku in (first, second)],
        )
        return True

    app.add_api_route("/test/cross/{first}/{second}", cross, methods=["POST"])


@pytest.mark.postgresql_only
def test_a_real_deadlock_is_retried_and_both_requests_succeed_once(
    app: FastAPI, session_factory: sessionmaker[Session]
) -> None:
    """SQLite takes the write lock up front (BEGIN IMMEDIATE): it cannot deadlock."""
    attempts: list[str] = []
    _add_crossing_route(app, attempts)
    answers: list[int] = []

    with TestClient(app) as client:

        def call(first: str, second: str) -> None:
            answers.append(client.post(f"/test/cross/{first}/{second}").status_code)

        racers = [
            threading.Thread(target=call, args=pair)
            for pair in (("24-WB01", "24-WB03"), ("24-WB03", "24-WB01"))
        ]
        for racer in racers:
            racer.start()
        for racer in racers:
            racer.join(timeout=30)

    with session_factory() as session:
        totals: dict[str, Decimal] = dict(
            session.execute(
                select(ReservationTotal.sku, ReservationTotal.quantity)
            ).all()
        )
        lines = session.scalar(select(func.count()).select_from(Reservation))
    print(f"\ndeadlock retry: attempts={len(attempts)} answers={answers}")
    assert answers == [200, 200]
    assert len(attempts) >= 3, "one of the two must have lost the deadlock"
    assert totals == {"24-WB01": Decimal(-2), "24-WB03": Decimal(-2)}
    assert lines == 4, "the lost attempt left nothing behind"


def test_a_race_lost_every_time_ends_in_a_magento_style_503(app: FastAPI) -> None:
    runs: list[int] = []

    def always_loses(session: DbSession) -> bool:
        runs.append(1)
        raise OperationalError("SELECT 1", {}, FakeDeadlock("deadlock detected"))

    app.add_api_route("/test/always-loses", always_loses, methods=["POST"])

    with TestClient(app) as client:
        response = client.post("/test/always-loses", json={"a": 1})

    assert response.status_code == 503
    assert response.json() == {"message": BUSY_MESSAGE}
    assert len(runs) == MAX_ATTEMPTS
