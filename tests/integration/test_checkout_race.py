"""Two orders for the same stock at once: the second waits, then is refused."""

import threading
import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from sellable.checkout.carts import active_cart, get_customer
from sellable.checkout.placement import place_order
from sellable.inventory.errors import InsufficientSalableQuantity
from sellable.kit.settings import Settings
from sellable.store.scope import default_store
from tests.integration.checkout_factory import (
    MINEOLA,
    Shopper,
    add_customer,
    counts,
    fill_cart,
    salable,
    ship_flatrate,
    tutorial_v24,
)


def _ready(client: TestClient, shopper: Shopper, qty: int) -> None:
    fill_cart(client, shopper, [("24-WB01", qty)])
    ship_flatrate(client, shopper, MINEOLA)


def _place(session: Session, shopper: Shopper) -> None:
    cart = active_cart(session, shopper.customer_id, default_store(session))
    place_order(
        session, cart, get_customer(session, shopper.customer_id), "checkmo", None
    )


@pytest.mark.postgresql_only
def test_concurrent_orders_never_sell_more_than_is_salable(
    client: TestClient,
    session_factory: sessionmaker[Session],
    settings: Settings,
) -> None:
    tutorial_v24(session_factory)
    jane = add_customer(session_factory, settings)
    john = add_customer(session_factory, settings, email="john@example.com")
    _ready(client, jane, 60)
    _ready(client, john, 50)
    outcome: dict[str, object] = {}

    def johns_order() -> None:
        with session_factory() as session:
            try:
                _place(session, john)
                session.commit()
                outcome["john"] = "placed"
            except InsufficientSalableQuantity as error:
                session.rollback()
                outcome["john"] = error

    with session_factory() as first:
        _place(first, jane)
        racer = threading.Thread(target=johns_order)
        racer.start()
        time.sleep(0.5)
        waited = racer.is_alive()
        first.commit()
    racer.join(timeout=30)

    assert waited, "the second order must wait for the first one's locks"
    assert isinstance(outcome["john"], InsufficientSalableQuantity)
    assert counts(session_factory)["orders"] == 1
    assert salable(session_factory, "24-WB01") == 40
