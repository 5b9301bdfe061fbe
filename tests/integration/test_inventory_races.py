"""Concurrent stock moves: the second one sees the first one's result."""

import threading
import time
from decimal import Decimal

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from sellable.inventory.errors import ValidationFailed
from sellable.inventory.schemas import PartialTransferItem
from sellable.inventory.transfers import transfer_partially
from sellable.kit.database import unit_of_work
from tests.integration.inventory_setup import items_of, two_warehouses

Headers = dict[str, str]


def _move(db: Session, qty: int) -> None:
    transfer_partially(
        db, "east", "west", [PartialTransferItem(sku="24-WB01", qty=Decimal(qty))]
    )


def test_two_partial_transfers_cannot_both_take_the_same_units(
    client: TestClient, admin_headers: Headers, session_factory: sessionmaker[Session]
) -> None:
    two_warehouses(client, admin_headers)
    outcome: list[str] = []

    def second() -> None:
        try:
            with unit_of_work(session_factory) as db:
                _move(db, 20)
            outcome.append("moved")
        except ValidationFailed:
            outcome.append("refused")

    with unit_of_work(session_factory) as first:
        _move(first, 20)
        rival = threading.Thread(target=second)
        rival.start()
        time.sleep(0.5)
        assert outcome == []  # the rival waits for our lock
    rival.join(timeout=30)

    assert outcome == ["refused"]
    assert items_of(client, admin_headers, "24-WB01")["east"] == (10, 1)
    assert items_of(client, admin_headers, "24-WB01")["west"] == (40, 1)
