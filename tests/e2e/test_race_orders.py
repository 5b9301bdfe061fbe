"""Customers racing for the same units on a two-worker server never oversell."""

import functools
import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from decimal import Decimal

import httpx
import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import Engine

from sellable.inventory.models import Reservation
from sellable.sales.models import Order, OrderItem
from tests.e2e.live_server import (
    LiveServer,
    Shopper,
    add_products,
    admin_headers,
    fill_cart,
    live_server_fixture,  # noqa: F401 - the fixture
    parallel,
    place_order,
    salable_quantity,
    seeded_shoppers,
    set_source_quantities,
    write_figures,
)

SKU = "24-WB01"
MULTI_SKUS = [f"RACE-{n}" for n in range(1, 7)]
NOT_ENOUGH = "Not all of your products are available in the requested quantity."


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    created = create_engine(database_url)
    yield created
    created.dispose()


def _shoppers(
    database_url: str, base_url: str, carts: list[list[tuple[str, int]]]
) -> list[Shopper]:
    emails = [f"racer{n}@example.com" for n in range(len(carts))]
    shoppers = seeded_shoppers(database_url, emails)
    with httpx.Client(base_url=base_url, timeout=60) as client:
        parallel(
            [
                functools.partial(fill_cart, client, shopper, lines)
                for shopper, lines in zip(shoppers, carts, strict=True)
            ],
            threads=16,
        )
    return shoppers


def _race(base_url: str, shoppers: list[Shopper]) -> tuple[list[httpx.Response], float]:
    """Every shopper places at once (released together by a barrier)."""
    barrier = threading.Barrier(len(shoppers))

    def one(shopper: Shopper) -> Callable[[], httpx.Response]:
        def go() -> httpx.Response:
            with httpx.Client(base_url=base_url, timeout=60) as client:
                barrier.wait()
                return place_order(client, shopper)

        return go

    started = time.monotonic()
    answers = parallel([one(s) for s in shoppers], threads=len(shoppers))
    return answers, time.monotonic() - started


def _reserved(engine: Engine, sku: str) -> Decimal:
    with engine.connect() as connection:
        found = connection.scalar(
            select(func.coalesce(func.sum(Reservation.quantity), 0)).where(
                Reservation.sku == sku
            )
        )
    return Decimal(found)


def _ordered(engine: Engine, sku: str) -> Decimal:
    with engine.connect() as connection:
        found = connection.scalar(
            select(func.coalesce(func.sum(OrderItem.qty_ordered), 0)).where(
                OrderItem.sku == sku
            )
        )
    return Decimal(found)


def _orders(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(Order)) or 0)


def test_64_customers_racing_for_10_units_get_exactly_10_orders(
    backend: str,
    live_server: Callable[..., LiveServer],
    engine: Engine,
    database_url: str,
) -> None:
    server = live_server(workers=2)
    admin = admin_headers(server.base_url)
    set_source_quantities(server.base_url, admin, {("default", SKU): 10})
    setup_started = time.monotonic()
    shoppers = _shoppers(database_url, server.base_url, [[(SKU, 1)]] * 64)
    setup = time.monotonic() - setup_started

    answers, seconds = _race(server.base_url, shoppers)

    statuses = Counter(answer.status_code for answer in answers)
    refusals = [a.json() for a in answers if a.status_code == 400]
    write_figures(
        f"64 customers for 10 units ({backend})",
        {"attempts": len(answers), "won": statuses[200], "statuses": dict(statuses),
         "seconds": round(seconds, 2), "setup_seconds": round(setup, 2),
         "retries": server.log_text().count("request_retried")},
    )  # fmt: skip
    assert statuses == {200: 10, 400: 54}, [
        a.text for a in answers if a.status_code != 200
    ]
    assert all(body["message"] == NOT_ENOUGH for body in refusals), refusals[:3]
    assert len({a.json() for a in answers if a.status_code == 200}) == 10
    assert salable_quantity(server.base_url, admin, SKU) == 0
    assert _reserved(engine, SKU) == -10
    assert _orders(engine) == 10


@pytest.mark.postgresql_only
def test_overlapping_multi_sku_carts_never_deadlock_and_sums_are_exact(
    live_server: Callable[..., LiveServer],
    engine: Engine,
    database_url: str,
) -> None:
    server = live_server(workers=2)
    admin = admin_headers(server.base_url)
    initial = {sku: 45 for sku in MULTI_SKUS}
    add_products(server.base_url, admin, initial)
    chooser = random.Random(20261204)
    carts = [
        [(sku, chooser.randint(1, 3)) for sku in chooser.sample(MULTI_SKUS, size)]
        for size in (chooser.randint(3, 5) for _ in range(40))
    ]
    shoppers = _shoppers(database_url, server.base_url, carts)

    answers, seconds = _race(server.base_url, shoppers)

    statuses = Counter(answer.status_code for answer in answers)
    write_figures(
        "40 overlapping multi-SKU carts",
        {"attempts": len(answers), "won": statuses[200], "statuses": dict(statuses),
         "seconds": round(seconds, 2),
         "retries": server.log_text().count("request_retried")},
    )  # fmt: skip
    assert set(statuses) <= {200, 400}, [
        a.text for a in answers if a.status_code >= 500
    ]
    assert all(
        a.json()["message"] == NOT_ENOUGH for a in answers if a.status_code == 400
    )
    assert statuses[200] >= 1
    for sku, qty in initial.items():
        ordered = _ordered(engine, sku)
        assert ordered <= qty, sku
        assert _reserved(engine, sku) == -ordered, sku
        assert salable_quantity(server.base_url, admin, sku) == qty - ordered, sku
