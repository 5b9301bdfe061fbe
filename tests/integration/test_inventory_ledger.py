"""The reservations list, and deducting shipped goods from a source."""

import json
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from sellable.inventory.deduction import NotEnoughAtSource, deduct_from_source
from sellable.inventory.domain import ReservationEntry, order_metadata
from sellable.inventory.errors import SourceNotFound
from sellable.inventory.ledger import append_reservations
from sellable.kit.database import unit_of_work
from tests.integration.inventory_setup import API, items_of, two_warehouses

Headers = dict[str, str]


def test_reservations_list_shows_the_ledger_with_metadata_as_stored(
    client: TestClient, admin_headers: Headers, session_factory: sessionmaker[Session]
) -> None:
    placed = order_metadata("order_placed", 3, "000000003")
    with unit_of_work(session_factory) as db:
        append_reservations(
            db,
            [
                ReservationEntry(1, "24-WB01", Decimal(-2), placed),
                ReservationEntry(1, "24-WB03", Decimal(-1), placed),
            ],
        )
    prefix = "searchCriteria[filterGroups][0][filters][0]"
    query = [(f"{prefix}[field]", "sku"), (f"{prefix}[value]", "24-WB01")]

    every = client.get(f"{API}/reservations", headers=admin_headers).json()
    bags = client.get(f"{API}/reservations", params=query, headers=admin_headers).json()

    assert every["total_count"] == 2
    assert bags["items"] == [
        {
            "reservation_id": 1,
            "stock_id": 1,
            "sku": "24-WB01",
            "quantity": -2,
            "metadata": bags["items"][0]["metadata"],
        }
    ]
    assert json.loads(bags["items"][0]["metadata"]) == placed
    assert client.get(f"{API}/reservations").status_code == 401


def test_deducting_to_zero_keeps_the_row_in_stock(
    client: TestClient, admin_headers: Headers, session_factory: sessionmaker[Session]
) -> None:
    two_warehouses(client, admin_headers)

    with unit_of_work(session_factory) as db:
        deduct_from_source(db, "west", {"24-WB01": Decimal(20)})

    assert items_of(client, admin_headers, "24-WB01")["west"] == (0, 1)


def test_deducting_more_than_the_source_holds_changes_nothing(
    client: TestClient, admin_headers: Headers, session_factory: sessionmaker[Session]
) -> None:
    two_warehouses(client, admin_headers)

    with pytest.raises(NotEnoughAtSource), unit_of_work(session_factory) as db:
        deduct_from_source(db, "west", {"24-WB01": Decimal(5), "24-WB03": Decimal(1)})
    with pytest.raises(SourceNotFound), unit_of_work(session_factory) as db:
        deduct_from_source(db, "mars", {"24-WB01": Decimal(1)})

    assert items_of(client, admin_headers, "24-WB01")["west"] == (20, 1)
