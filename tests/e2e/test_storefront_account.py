"""The storefront customer account over HTTP: sign-in, dashboard, own orders."""

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from sellable.kit.settings import Settings
from sellable.store import config
from tests.integration.admin_client import csrf_token
from tests.integration.checkout_factory import (
    MINEOLA,
    PASSWORD,
    add_customer,
    fill_cart,
    place,
    ship_flatrate,
)

ACCOUNT = "/default/customer/account"


def _sign_in(client: TestClient, email: str, password: str = PASSWORD) -> int:
    token = csrf_token(client.get(f"{ACCOUNT}/login").text)
    response = client.post(
        f"{ACCOUNT}/login",
        data={"email": email, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    return response.status_code


def _place_order(
    client: TestClient, factory: sessionmaker[Session], settings: Settings
) -> int:
    with factory() as session:
        config.set_value(session, "payment/banktransfer/active", "1")
        session.commit()
    shopper = add_customer(factory, settings)
    fill_cart(client, shopper, [("24-WB01", 2)])
    ship_flatrate(client, shopper, MINEOLA)
    placed = place(client, shopper)
    assert placed.status_code == 200, placed.text
    return int(placed.json())


def test_a_signed_out_visitor_is_sent_to_the_sign_in_form(client: TestClient) -> None:
    response = client.get(f"{ACCOUNT}/", follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"] == f"{ACCOUNT}/login"


def test_a_wrong_password_is_refused(
    client: TestClient, session_factory: sessionmaker[Session], settings: Settings
) -> None:
    add_customer(session_factory, settings)

    assert _sign_in(client, "jdoe@example.com", "Wrong-Password-1") == 401


def test_the_dashboard_lists_the_customers_order(
    client: TestClient, session_factory: sessionmaker[Session], settings: Settings
) -> None:
    order_id = _place_order(client, session_factory, settings)

    assert _sign_in(client, "jdoe@example.com") == 303
    dashboard = client.get(f"{ACCOUNT}/").text
    order = client.get(f"{ACCOUNT}/orders/{order_id}")

    assert "Jane Doe" in dashboard and "Mineola" in dashboard
    assert f'href="{ACCOUNT}/orders/{order_id}"' in dashboard
    assert order.status_code == 200
    assert "Pending" in order.text and "24-WB01" in order.text


def test_another_customers_order_is_not_found(
    client: TestClient, session_factory: sessionmaker[Session], settings: Settings
) -> None:
    order_id = _place_order(client, session_factory, settings)
    add_customer(session_factory, settings, email="other@example.com")

    assert _sign_in(client, "other@example.com") == 303
    response = client.get(f"{ACCOUNT}/orders/{order_id}")

    assert response.status_code == 404
    assert f"orders/{order_id}" not in client.get(f"{ACCOUNT}/orders").text


def test_an_unknown_store_has_no_account_pages(client: TestClient) -> None:
    response = client.get("/nowhere/customer/account/login")

    assert response.status_code == 404


def test_signing_out_ends_the_customer_session(
    client: TestClient, session_factory: sessionmaker[Session], settings: Settings
) -> None:
    add_customer(session_factory, settings)
    assert _sign_in(client, "jdoe@example.com") == 303
    token = csrf_token(client.get(f"{ACCOUNT}/").text)

    client.post(f"{ACCOUNT}/logout", data={"csrf_token": token})

    assert client.get(f"{ACCOUNT}/", follow_redirects=False).status_code == 303
