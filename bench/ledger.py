"""Salable quantity and add-to-cart latency as the reservation ledger grows."""

import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from bench.db import BenchDatabase, percentile
from bench.shop import SKUS, add_customers, settings_for, sku
from sellable.auth.service import issue_admin_token
from sellable.checkout import carts
from sellable.kit.database import make_engine, make_session_factory, unit_of_work
from sellable.store.scope import default_store

MEASURED_SKU = sku(SKUS // 2)
COPY_CHUNK = 100_000
EVENTS = ("order_placed", "shipment_created")
CREATED_AT = "2026-01-01 00:00:00+00"


@dataclass(frozen=True)
class LedgerPoint:
    """Sequential latencies (ms) at one ledger size."""

    reservations: int
    salable_ms: list[float]
    add_item_ms: list[float]

    def salable(self, fraction: float) -> float:
        return percentile(self.salable_ms, fraction)

    def add_item(self, fraction: float) -> float:
        return percentile(self.add_item_ms, fraction)


@dataclass(frozen=True)
class Callers:
    admin_token: str
    customer_token: str
    cart_id: int


def make_callers(database: BenchDatabase) -> Callers:
    """An admin token, and a customer with an empty cart."""
    settings = settings_for(database)
    engine = make_engine(database.sqlalchemy_url)
    with unit_of_work(make_session_factory(engine)) as session:
        admin = issue_admin_token(
            session, settings, settings.admin_user, settings.admin_password
        )
        ((customer_id, token),) = add_customers(session, 1)
        cart = carts.open_cart(session, customer_id, default_store(session))
        cart_id = cart.entity_id
    engine.dispose()
    return Callers(admin, token, cart_id)


def empty_ledger(database: BenchDatabase) -> None:
    """Start from zero rows (orders of the throughput runs included)."""
    with database.connect() as conn:
        conn.execute("TRUNCATE inventory_reservation, inventory_reservation_total")


def grow_ledger(database: BenchDatabase, start: int, stop: int) -> float:
    """COPY rows start..stop-1 (held then compensated pairs); answer seconds."""
    began = time.perf_counter()
    with database.connect() as conn, conn.cursor() as cursor:
        columns = "stock_id, sku, quantity, metadata, created_at"
        with cursor.copy(f"COPY inventory_reservation ({columns}) FROM STDIN") as copy:
            for chunk_start in range(start, stop, COPY_CHUNK):
                copy.write(_rows(chunk_start, min(chunk_start + COPY_CHUNK, stop)))
        cursor.execute(TOTALS)
        # Settle the database before measuring, as a ledger grown over months
        # would be: otherwise the checkpoint and the autovacuum that millions
        # of fresh rows set off run during the sampled requests.
        cursor.execute("VACUUM (ANALYZE) inventory_reservation")
        cursor.execute("VACUUM (ANALYZE) inventory_reservation_total")
        cursor.execute("CHECKPOINT")
    return time.perf_counter() - began


TOTALS = """
INSERT INTO inventory_reservation_total (stock_id, sku, quantity)
SELECT stock_id, sku, sum(quantity) FROM inventory_reservation GROUP BY stock_id, sku
ON CONFLICT (stock_id, sku) DO UPDATE SET quantity = excluded.quantity
"""


def _rows(start: int, stop: int) -> bytes:
    """Row n: order n // 2 of SKU (n // 2) % SKUS; placed (-1), then shipped (+1)."""
    lines = []
    for n in range(start, stop):
        order = n // 2
        event = EVENTS[n % 2]
        quantity = "1" if n % 2 else "-1"
        metadata = (
            f'{{"event_type":"{event}","object_type":"order",'
            f'"object_id":"{order}","object_increment_id":"{order:09d}"}}'
        )
        row = (sku(order % SKUS + 1), quantity, metadata, CREATED_AT)
        lines.append("1\t" + "\t".join(row) + "\n")
    return "".join(lines).encode()


def measure(
    base_url: str, callers: Callers, reservations: int, samples: int
) -> LedgerPoint:
    """Sequential requests after a warm-up: salable quantity, then add-to-cart."""
    salable_path = f"/rest/V1/inventory/get-product-salable-quantity/{MEASURED_SKU}/1"
    item = {"cartItem": {"sku": MEASURED_SKU, "qty": 1, "quote_id": callers.cart_id}}
    admin = {"Authorization": f"Bearer {callers.admin_token}"}
    customer = {"Authorization": f"Bearer {callers.customer_token}"}
    with httpx.Client(base_url=base_url, timeout=30) as http:
        salable = _timed(lambda: http.get(salable_path, headers=admin), samples)
        adds = _timed(
            lambda: http.post(
                "/rest/default/V1/carts/mine/items", json=item, headers=customer
            ),
            max(samples // 2, 1),
        )
    return LedgerPoint(reservations, salable, adds)


def _timed(call: Callable[[], httpx.Response], samples: int) -> list[float]:
    for _ in range(20):
        _checked(call())
    latencies = []
    for _ in range(samples):
        began = time.perf_counter()
        response = call()
        latencies.append((time.perf_counter() - began) * 1000)
        _checked(response)
    return latencies


def _checked(response: httpx.Response) -> None:
    if response.status_code != 200:
        raise RuntimeError(
            f"{response.request.url}: {response.status_code} {response.text}"
        )
