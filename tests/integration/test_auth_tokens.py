"""Admin and customer tokens over HTTP: sign-in, lock-out, expiry, two-factor."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pyotp
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from sellable.auth.errors import AdminUserNotFound, InvalidTfaSecret
from sellable.auth.models import AccessToken
from sellable.auth.service import set_tfa_secret
from sellable.kit.database import unit_of_work
from sellable.kit.settings import Settings
from sellable.kit.types import utcnow

ADMIN_TOKEN = "/rest/all/V1/integration/admin/token"
GOOGLE = "/rest/default/V1/tfa/provider/google/authenticate"
CUSTOMER_TOKEN = "/rest/default/V1/integration/customer/token"
WEBSITES = "/rest/all/V1/store/websites"
SIGN_IN_REFUSED = (
    "The account sign-in was incorrect or your account is disabled temporarily. "
    "Please wait and try again later."
)
SECRET = "AB2SISDHAOI5G3VCNIH2H5PVI6PH5ZCC"


def _commit(factory: sessionmaker[Session], change: Callable[[Session], Any]) -> None:
    with unit_of_work(factory) as session:
        change(session)


def _register_jane(client: TestClient) -> None:
    body = {
        "customer": {
            "email": "jdoe@example.com",
            "firstname": "Jane",
            "lastname": "Doe",
        },
        "password": "Password1",
    }
    assert client.post("/rest/default/V1/customers", json=body).status_code == 200


def test_admin_token_is_a_bare_string_that_opens_admin_endpoints(
    client: TestClient, admin_password: str
) -> None:
    response = client.post(
        ADMIN_TOKEN, json={"username": "admin", "password": admin_password}
    )

    token = response.json()
    assert response.status_code == 200
    assert isinstance(token, str) and len(token) == 32
    websites = client.get(WEBSITES, headers={"Authorization": f"Bearer {token}"})
    assert websites.status_code == 200


def test_wrong_password_is_refused_with_magentos_message(client: TestClient) -> None:
    response = client.post(ADMIN_TOKEN, json={"username": "admin", "password": "nope"})

    assert response.status_code == 401
    assert response.json() == {"message": SIGN_IN_REFUSED}


def test_unknown_admin_is_refused(client: TestClient, admin_password: str) -> None:
    response = client.post(
        ADMIN_TOKEN, json={"username": "ghost", "password": admin_password}
    )

    assert response.status_code == 401
    assert response.json()["message"] == SIGN_IN_REFUSED


def test_missing_password_is_a_required_field(client: TestClient) -> None:
    response = client.post(ADMIN_TOKEN, json={"username": "admin"})

    assert response.status_code == 400
    assert response.json() == {
        "message": '"%fieldName" is required. Enter and try again.',
        "parameters": {"fieldName": "password"},
    }


def test_missing_both_fields_lists_each_error(client: TestClient) -> None:
    response = client.post(ADMIN_TOKEN, json={})

    body = response.json()
    assert response.status_code == 400
    assert body["message"] == "One or more input exceptions have occurred."
    assert [e["parameters"]["fieldName"] for e in body["errors"]] == [
        "username",
        "password",
    ]


def test_repeated_failures_lock_the_admin_out_even_with_the_right_password(
    client: TestClient, admin_password: str, settings: Settings
) -> None:
    for _ in range(settings.admin_lockout_failures):
        client.post(ADMIN_TOKEN, json={"username": "admin", "password": "wrong"})

    response = client.post(
        ADMIN_TOKEN, json={"username": "admin", "password": admin_password}
    )

    assert response.status_code == 401
    assert response.json()["message"] == SIGN_IN_REFUSED


def test_failures_below_the_limit_do_not_lock(
    client: TestClient, admin_password: str, settings: Settings
) -> None:
    for _ in range(settings.admin_lockout_failures - 1):
        client.post(ADMIN_TOKEN, json={"username": "admin", "password": "wrong"})

    response = client.post(
        ADMIN_TOKEN, json={"username": "admin", "password": admin_password}
    )

    assert response.status_code == 200


def test_an_expired_token_is_refused(
    client: TestClient,
    admin_headers: dict[str, str],
    session_factory: sessionmaker[Session],
) -> None:
    past = utcnow() - timedelta(minutes=1)
    _commit(
        session_factory,
        lambda s: s.execute(update(AccessToken).values(expires_at=past)),
    )

    response = client.get(WEBSITES, headers=admin_headers)

    assert response.status_code == 401
    assert response.json() == {
        "message": "The consumer isn't authorized to access %resources.",
        "parameters": {"resources": "Magento_Backend::stores"},
    }


def test_an_unknown_token_is_refused(client: TestClient) -> None:
    response = client.get(WEBSITES, headers={"Authorization": "Bearer not-a-token"})

    assert response.status_code == 401


def test_admin_with_two_factor_cannot_use_the_plain_token_call(
    client: TestClient, admin_password: str, session_factory: sessionmaker[Session]
) -> None:
    _commit(session_factory, lambda s: set_tfa_secret(s, "admin", SECRET))

    response = client.post(
        ADMIN_TOKEN, json={"username": "admin", "password": admin_password}
    )

    assert response.status_code == 401
    assert response.json()["message"] == (
        "Please use the 2fa provider-specific endpoints to obtain a token."
    )


def test_google_authenticator_code_gives_an_admin_token(
    client: TestClient, admin_password: str, session_factory: sessionmaker[Session]
) -> None:
    _commit(session_factory, lambda s: set_tfa_secret(s, "admin", SECRET))
    otp = pyotp.TOTP(SECRET).now()

    response = client.post(
        GOOGLE, json={"username": "admin", "password": admin_password, "otp": otp}
    )

    assert response.status_code == 200
    headers = {"Authorization": f"Bearer {response.json()}"}
    assert client.get(WEBSITES, headers=headers).status_code == 200


def test_a_wrong_google_code_is_refused(
    client: TestClient, admin_password: str, session_factory: sessionmaker[Session]
) -> None:
    _commit(session_factory, lambda s: set_tfa_secret(s, "admin", SECRET))
    wrong = "000000" if pyotp.TOTP(SECRET).now() != "000000" else "111111"

    response = client.post(
        GOOGLE, json={"username": "admin", "password": admin_password, "otp": wrong}
    )

    assert response.status_code == 401
    assert response.json() == {"message": "Invalid code."}


def test_google_sign_in_with_a_wrong_password_is_refused(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    _commit(session_factory, lambda s: set_tfa_secret(s, "admin", SECRET))
    otp = pyotp.TOTP(SECRET).now()

    response = client.post(
        GOOGLE, json={"username": "admin", "password": "wrong", "otp": otp}
    )

    assert response.status_code == 401
    assert response.json()["message"] == SIGN_IN_REFUSED


def test_google_sign_in_needs_an_otp(client: TestClient, admin_password: str) -> None:
    response = client.post(
        GOOGLE, json={"username": "admin", "password": admin_password}
    )

    assert response.status_code == 400
    assert response.json()["parameters"] == {"fieldName": "otp"}


def test_customer_token_opens_the_customers_own_account(client: TestClient) -> None:
    _register_jane(client)

    response = client.post(
        CUSTOMER_TOKEN, json={"username": "jdoe@example.com", "password": "Password1"}
    )

    assert response.status_code == 200
    headers = {"Authorization": f"Bearer {response.json()}"}
    me = client.get("/rest/default/V1/customers/me", headers=headers)
    assert me.json()["email"] == "jdoe@example.com"


def test_customer_token_with_a_wrong_password_is_refused(client: TestClient) -> None:
    _register_jane(client)

    response = client.post(
        CUSTOMER_TOKEN, json={"username": "jdoe@example.com", "password": "Password2"}
    )

    assert response.status_code == 401
    assert response.json()["message"] == SIGN_IN_REFUSED


def test_customer_token_is_scoped_to_the_stores_website(client: TestClient) -> None:
    _register_jane(client)

    response = client.post(
        "/rest/all/V1/integration/customer/token",
        json={"username": "jdoe@example.com", "password": "Password1"},
    )

    assert response.status_code == 401


def test_customer_tokens_expire_after_the_customer_lifetime(
    client: TestClient, session_factory: sessionmaker[Session], settings: Settings
) -> None:
    _register_jane(client)
    client.post(
        CUSTOMER_TOKEN, json={"username": "jdoe@example.com", "password": "Password1"}
    )

    with unit_of_work(session_factory) as session:
        row = session.query(AccessToken).filter_by(user_type="customer").one()
        lifetime = row.expires_at - row.created_at

    expected = timedelta(hours=settings.customer_token_lifetime_hours)
    assert abs(lifetime - expected) < timedelta(seconds=5)


def test_a_revoked_customer_token_no_longer_works(client: TestClient) -> None:
    _register_jane(client)
    token = client.post(
        CUSTOMER_TOKEN, json={"username": "jdoe@example.com", "password": "Password1"}
    ).json()
    headers = {"Authorization": f"Bearer {token}"}

    revoked = client.post(
        "/rest/default/V1/integration/customer/revoke-customer-token", headers=headers
    )

    assert revoked.status_code == 200 and revoked.json() is True
    me = client.get("/rest/default/V1/customers/me", headers=headers)
    assert me.status_code == 401


def test_set_tfa_secret_refuses_bad_secrets_and_unknown_admins(
    session: Session,
) -> None:
    with pytest.raises(InvalidTfaSecret):
        set_tfa_secret(session, "admin", "not base32!")
    with pytest.raises(AdminUserNotFound):
        set_tfa_secret(session, "ghost", SECRET)


def test_removing_the_secret_reopens_the_plain_token_call(
    client: TestClient, admin_password: str, session_factory: sessionmaker[Session]
) -> None:
    _commit(session_factory, lambda s: set_tfa_secret(s, "admin", SECRET))
    _commit(session_factory, lambda s: set_tfa_secret(s, "admin", None))

    response = client.post(
        ADMIN_TOKEN, json={"username": "admin", "password": admin_password}
    )

    assert response.status_code == 200
