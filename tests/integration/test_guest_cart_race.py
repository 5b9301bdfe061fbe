"""The same guest cart placed twice at once: the second waits, then finds it closed."""

import threading
import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from sellable.checkout.errors import NoSuchEntity
from sellable.checkout.guest import place_guest_order
from sellable.checkout.schemas import PaymentIn
from tests.integration.checkout_factory import MINEOLA, counts, salable, tutorial_v24

GUEST = "/rest/default/V1/guest-carts"
CHECKMO = PaymentIn(method="checkmo")


def _ready_cart(client: TestClient, qty: int) -> str:
    cart_id = str(client.post(GUEST).json())
    item = {"cartItem": {"sku": "24-WB01", "qty": qty}}
    assert client.post(f"{GUEST}/{cart_id}/items", json=item).status_code == 200
    shipping = {
        "addressInformation": {
            "shipping_address": MINEOLA,
            "billing_address": MINEOLA,
            "shipping_carrier_code": "flatrate",
            "shipping_method_code": "flatrate",
        }
    }
    response = client.post(f"{GUEST}/{cart_id}/shipping-information", json=shipping)
    assert response.status_code == 200, response.text
    return cart_id


@pytest.mark.postgresql_only
def test_a_guest_cart_submitted_twice_at_once_places_one_order(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    tutorial_v24(session_factory)
    cart_id = _ready_cart(client, 30)
    outcome: dict[str, object] = {}

    def second_submit() -> None:
        with session_factory() as session:
            try:
                place_guest_order(session, cart_id, "guest@example.com", CHECKMO)
                session.commit()
                outcome["second"] = "placed"
            except NoSuchEntity as error:
                session.rollback()
                outcome["second"] = error

    with session_factory() as first:
        place_guest_order(first, cart_id, "guest@example.com", CHECKMO)
        racer = threading.Thread(target=second_submit)
        racer.start()
        time.sleep(0.5)
        waited = racer.is_alive()
        first.commit()
    racer.join(timeout=30)

    assert waited, "the second submit must wait for the cart row lock"
    assert isinstance(outcome["second"], NoSuchEntity)
    assert counts(session_factory)["orders"] == 1
    assert salable(session_factory, "24-WB01") == 70
