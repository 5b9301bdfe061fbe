"""Parallel shipments and transfers on a two-worker server: never more than there is."""

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import Engine

from sellable.inventory.models import Reservation, SourceItem
from sellable.sales.models import Shipment
from tests.e2e.live_server import (
    LiveServer,
    admin_headers,
    fill_cart,
    live_server_fixture,  # noqa: F401 - the fixture
    parallel,
    place_order,
    seeded_shoppers,
    set_source_quantities,
    write_figures,
)

SKU = "24-WB01"
pytestmark = pytest.mark.postgresql_only


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    created = create_engine(database_url)
    yield created
    created.dispose()


@pytest.fixture
def server(live_server: Callable[..., LiveServer]) -> LiveServer:
    return live_server(workers=2)


def _at_once(
    base_url: str, count: int, call: Callable[[httpx.Client, int], httpx.Response]
) -> tuple[list[httpx.Response], float]:
    """`count` calls released together; their answers and the time taken."""
    barrier = threading.Barrier(count)

    def one(n: int) -> Callable[[], httpx.Response]:
        def go() -> httpx.Response:
            with httpx.Client(base_url=base_url, timeout=60) as client:
                barrier.wait()
                return call(client, n)

        return go

    started = time.monotonic()
    answers = parallel([one(n) for n in range(count)], threads=count)
    return answers, time.monotonic() - started


def _placed_order(database_url: str, server: LiveServer, qty: int) -> int:
    (shopper,) = seeded_shoppers(database_url, ["ships@example.com"])
    with httpx.Client(base_url=server.base_url, timeout=60) as client:
        fill_cart(client, shopper, [(SKU, qty)])
        placed = place_order(client, shopper)
    assert placed.status_code == 200, placed.text
    return int(placed.json())


def _scalar(engine: Engine, query: Any) -> Decimal:
    with engine.connect() as connection:
        return Decimal(connection.scalar(query) or 0)


def _source_qty(engine: Engine, code: str) -> Decimal:
    return _scalar(
        engine,
        select(SourceItem.quantity).where(
            SourceItem.source_code == code, SourceItem.sku == SKU
        ),
    )


def _shipped_state(
    engine: Engine, admin: dict[str, str], server: LiveServer, order_id: int
) -> dict[str, Any]:
    order = httpx.get(
        f"{server.base_url}/rest/V1/orders/{order_id}", headers=admin, timeout=30
    ).json()
    return {
        "qty_shipped": Decimal(str(order["items"][0]["qty_shipped"])),
        "shipments": _scalar(engine, select(func.count()).select_from(Shipment)),
        "source": _source_qty(engine, "default"),
        "reserved": _scalar(engine, select(func.sum(Reservation.quantity))),
    }


def test_parallel_full_shipments_of_one_order_ship_it_once(
    server: LiveServer, database_url: str, engine: Engine
) -> None:
    admin = admin_headers(server.base_url)
    order_id = _placed_order(database_url, server, qty=5)

    answers, seconds = _at_once(
        server.base_url,
        8,
        lambda client, _n: client.post(
            f"/rest/V1/order/{order_id}/ship", headers=admin, json={}
        ),
    )

    statuses = Counter(a.status_code for a in answers)
    write_figures(
        "8 parallel full shipments",
        {"attempts": 8, "won": statuses[200], "statuses": dict(statuses),
         "seconds": round(seconds, 2)},
    )  # fmt: skip
    assert statuses == {200: 1, 400: 7}, [a.text for a in answers]
    assert _shipped_state(engine, admin, server, order_id) == {
        "qty_shipped": 5, "shipments": 1, "source": 95, "reserved": 0,
    }  # fmt: skip


def test_parallel_partial_shipments_never_ship_more_than_ordered(
    server: LiveServer, database_url: str, engine: Engine
) -> None:
    admin = admin_headers(server.base_url)
    order_id = _placed_order(database_url, server, qty=5)
    order = httpx.get(
        f"{server.base_url}/rest/V1/orders/{order_id}", headers=admin, timeout=30
    ).json()
    item_id = order["items"][0]["item_id"]

    answers, seconds = _at_once(
        server.base_url,
        9,
        lambda client, _n: client.post(
            f"/rest/V1/order/{order_id}/ship",
            headers=admin,
            json={"items": [{"order_item_id": item_id, "qty": 1}]},
        ),
    )

    statuses = Counter(a.status_code for a in answers)
    write_figures(
        "9 parallel one-unit shipments of 5 ordered",
        {"attempts": 9, "won": statuses[200], "statuses": dict(statuses),
         "seconds": round(seconds, 2)},
    )  # fmt: skip
    assert statuses == {200: 5, 400: 4}, [a.text for a in answers]
    assert _shipped_state(engine, admin, server, order_id) == {
        "qty_shipped": 5, "shipments": 5, "source": 95, "reserved": 0,
    }  # fmt: skip


def _add_warehouse(server: LiveServer, admin: dict[str, str]) -> None:
    source = {
        "source_code": "wh2", "name": "Second warehouse", "enabled": True,
        "country_id": "US", "postcode": "10001",
    }  # fmt: skip
    created = httpx.post(
        f"{server.base_url}/rest/V1/inventory/sources",
        headers=admin,
        json={"source": source},
        timeout=30,
    )
    assert created.status_code == 200, created.text


def test_parallel_transfers_draining_a_source_never_go_negative_and_conserve_units(
    server: LiveServer, engine: Engine
) -> None:
    admin = admin_headers(server.base_url)
    _add_warehouse(server, admin)
    set_source_quantities(
        server.base_url, admin, {("default", SKU): 50, ("wh2", SKU): 10}
    )
    moves = [("wh2", "default", 3) if n % 4 == 3 else ("default", "wh2", 7)
             for n in range(32)]  # fmt: skip

    def transfer(client: httpx.Client, n: int) -> httpx.Response:
        origin, destination, qty = moves[n]
        return client.post(
            "/rest/V1/inventory/bulk-partial-source-transfer",
            headers=admin,
            json={
                "originSourceCode": origin,
                "destinationSourceCode": destination,
                "items": [{"sku": SKU, "qty": qty}],
            },
        )

    answers, seconds = _at_once(server.base_url, len(moves), transfer)

    won = Counter(moves[n][0] for n, a in enumerate(answers) if a.status_code == 200)
    statuses = Counter(a.status_code for a in answers)
    write_figures(
        "32 parallel transfers draining a source",
        {"attempts": len(moves), "won": sum(won.values()), "statuses": dict(statuses),
         "seconds": round(seconds, 2)},
    )  # fmt: skip
    assert set(statuses) <= {200, 400}, [a.text for a in answers]
    assert statuses[400] > 0, "the origin must run dry"
    default, second = _source_qty(engine, "default"), _source_qty(engine, "wh2")
    assert default == 50 - 7 * won["default"] + 3 * won["wh2"]
    assert second == 10 + 7 * won["default"] - 3 * won["wh2"]
    assert default >= 0 and second >= 0
    assert default + second == 60
