"""A placement retried after a lost response answers the first order, never a second."""

import threading
from collections import Counter
from collections.abc import Callable, Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import Engine

from sellable.inventory.models import Reservation
from sellable.sales.models import Order, OrderPayment
from tests.e2e.live_server import (
    MINEOLA,
    LiveServer,
    Shopper,
    live_server_fixture,  # noqa: F401 - the fixture
    new_shopper,
    parallel,
    place_order,
    write_figures,
)

SKU = "24-WB01"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    created = create_engine(database_url)
    yield created
    created.dispose()


def _counts(engine: Engine) -> tuple[int, int, int]:
    with engine.connect() as connection:
        return (
            int(connection.scalar(select(func.count()).select_from(Order)) or 0),
            int(connection.scalar(select(func.count()).select_from(OrderPayment)) or 0),
            int(connection.scalar(select(func.sum(Reservation.quantity))) or 0),
        )


def test_a_retry_with_the_same_key_answers_the_same_order_after_the_cart_converted(
    client: TestClient, engine: Engine
) -> None:
    shopper = new_shopper(client, "retry@example.com", [(SKU, 2)])

    first = place_order(client, shopper, key="order-attempt-1")
    again = place_order(client, shopper, key="order-attempt-1")
    without_key = place_order(client, shopper)

    assert first.status_code == 200, first.text
    assert again.status_code == 200, again.text
    assert again.json() == first.json()
    assert without_key.status_code == 404, "Magento: the cart is no longer active"
    assert _counts(engine) == (1, 1, -2)


def test_a_key_reused_for_a_different_request_is_refused(
    client: TestClient, engine: Engine
) -> None:
    shopper = new_shopper(client, "reuse@example.com", [(SKU, 1)])
    assert place_order(client, shopper, key="k-1").status_code == 200

    other = client.post(
        "/rest/default/V1/carts/mine/payment-information",
        headers={**shopper.headers, "Idempotency-Key": "k-1"},
        json={"paymentMethod": {"method": "banktransfer"}, "billing_address": MINEOLA},
    )

    assert other.status_code == 400
    assert other.json() == {
        "message": 'The idempotency key "%1" was already used for a different request.',
        "parameters": ["k-1"],
    }
    assert _counts(engine) == (1, 1, -1)


def _set_quantity(client: TestClient, admin: dict[str, str], qty: int) -> None:
    item = {"sku": SKU, "source_code": "default", "quantity": qty, "status": 1}
    response = client.post(
        "/rest/V1/inventory/source-items", headers=admin, json={"sourceItems": [item]}
    )
    assert response.status_code == 200, response.text


def test_a_refused_placement_does_not_use_up_its_key(
    client: TestClient, engine: Engine, admin_headers: dict[str, str]
) -> None:
    shopper = new_shopper(client, "burn@example.com", [(SKU, 1)])

    _set_quantity(client, admin_headers, 0)
    refused = place_order(client, shopper, key="first-click")
    _set_quantity(client, admin_headers, 100)
    retried = place_order(client, shopper, key="first-click")

    assert refused.status_code == 400, refused.text
    assert retried.status_code == 200, retried.text
    assert _counts(engine) == (1, 1, -1)


def _burst(
    base_url: str, shopper: Shopper, key: str | None, count: int
) -> list[httpx.Response]:
    barrier = threading.Barrier(count)

    def one() -> httpx.Response:
        with httpx.Client(base_url=base_url, timeout=60) as client:
            barrier.wait()
            return place_order(client, shopper, key=key)

    return parallel([one] * count, threads=count)


@pytest.mark.postgresql_only
def test_parallel_duplicates_of_one_checkout_place_one_order(
    live_server: Callable[..., LiveServer],
    engine: Engine,
) -> None:
    server = live_server(workers=2)
    with httpx.Client(base_url=server.base_url, timeout=60) as client:
        keyed = new_shopper(client, "keyed@example.com", [(SKU, 1)])
        plain = new_shopper(client, "plain@example.com", [(SKU, 1)])

    with_key = _burst(server.base_url, keyed, "same-click", 8)
    without_key = _burst(server.base_url, plain, None, 8)

    keyed_statuses = Counter(r.status_code for r in with_key)
    plain_statuses = Counter(r.status_code for r in without_key)
    write_figures(
        "8 duplicate placements, with and without key",
        {"attempts": 16, "keyed": dict(keyed_statuses), "plain": dict(plain_statuses)},
    )
    assert keyed_statuses == {200: 8}, [r.text for r in with_key]
    assert len({r.json() for r in with_key}) == 1
    assert plain_statuses == {200: 1, 404: 7}, [r.text for r in without_key]
    assert _counts(engine) == (2, 2, -2)
