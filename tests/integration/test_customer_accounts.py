"""Customer accounts over HTTP: create, read, update, search."""

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from sellable.customer.service import address_dict, get_customer
from sellable.kit.database import unit_of_work
from sellable.kit.errors import NotFound
from sellable.store.service import create_store_group, create_store_view, create_website
from tests.replay.matching import compare

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "msi-tutorial"
CUSTOMERS = "/rest/default/V1/customers"


def _tutorial_call(variant: str, call_id: str) -> dict[str, Any]:
    step = json.loads((FIXTURES / variant / "06-customer.json").read_text())
    return next(call for call in step["calls"] if call["id"] == call_id)


def _jane(**changes: Any) -> dict[str, Any]:
    body = copy.deepcopy(_tutorial_call("v2.4", "create-customer")["body"])
    body["customer"].update(changes)
    return body


def _add_us_store(factory: sessionmaker[Session]) -> None:
    with unit_of_work(factory) as session:
        create_website(session, "na_site", "North America Site")
        create_store_group(session, "na_store", "North America Store", "na_site")
        create_store_view(session, "us", "US Store View", "na_store")


def _customer_headers(client: TestClient, store: str = "default") -> dict[str, str]:
    token = client.post(
        f"/rest/{store}/V1/integration/customer/token",
        json={"username": "jdoe@example.com", "password": "Password1"},
    ).json()
    return {"Authorization": f"Bearer {token}"}


def _assert_matches(call: dict[str, Any], response: Any) -> None:
    expect = call["expect"]
    assert response.status_code == expect["status"], response.text
    problems = compare(expect["body_subset"], response.json())
    assert not problems, problems


def test_v2_4_tutorial_customer_is_created_as_the_fixture_expects(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    call = _tutorial_call("v2.4", "create-customer")

    response = client.post(call["path"], json=call["body"], headers=admin_headers)

    _assert_matches(call, response)
    body = response.json()
    address_id = body["addresses"][0]["id"]
    assert body["default_billing"] == body["default_shipping"] == str(address_id)
    assert body["addresses"][0]["customer_id"] == body["id"]
    assert body["extension_attributes"] == {"is_subscribed": False}


def test_v2_3_tutorial_customer_lands_in_the_us_store(
    client: TestClient,
    admin_headers: dict[str, str],
    session_factory: sessionmaker[Session],
) -> None:
    _add_us_store(session_factory)
    call = _tutorial_call("v2.3", "create-customer")

    response = client.post(call["path"], json=call["body"], headers=admin_headers)

    _assert_matches(call, response)
    token = client.post(
        "/rest/us/V1/integration/customer/token",
        json={"username": "jdoe@example.com", "password": "Password1"},
    )
    assert token.status_code == 200 and isinstance(token.json(), str)


def test_store_comes_from_the_url_when_the_body_has_none(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    _add_us_store(session_factory)

    response = client.post("/rest/us/V1/customers", json=_jane())

    body = response.json()
    assert (body["store_id"], body["website_id"]) == (2, 2)
    assert body["created_in"] == "US Store View"


def test_anyone_may_register_but_not_choose_the_group(client: TestClient) -> None:
    response = client.post(CUSTOMERS, json=_jane(group_id=2))

    assert response.status_code == 200
    assert response.json()["group_id"] == 1


def test_an_admin_may_choose_the_group(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    response = client.post(CUSTOMERS, json=_jane(group_id=2), headers=admin_headers)

    assert response.json()["group_id"] == 2


def test_snake_case_address_keys_work_too(client: TestClient) -> None:
    body = _jane()
    body["customer"]["addresses"] = [
        {
            "default_billing": True,
            "firstname": "Jane",
            "lastname": "Doe",
            "region": {"region_code": "NY", "region_id": 43, "region": "New York"},
            "country_id": "US",
            "postcode": "11501",
            "city": "Mineola",
            "street": ["160 1st St."],
            "telephone": "516-555-1111",
        }
    ]

    response = client.post(CUSTOMERS, json=body)

    created = response.json()
    assert created["addresses"][0]["region"]["region_code"] == "NY"
    assert created["addresses"][0]["default_billing"] is True
    assert "default_shipping" not in created


def test_duplicate_email_in_the_website_is_refused(client: TestClient) -> None:
    client.post(CUSTOMERS, json=_jane())

    response = client.post(CUSTOMERS, json=_jane(email="JDoe@example.com"))

    assert response.status_code == 400
    assert response.json() == {
        "message": "A customer with the same email address already exists "
        "in an associated website."
    }


def test_the_same_email_may_register_in_another_website(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    _add_us_store(session_factory)
    client.post(CUSTOMERS, json=_jane())

    response = client.post("/rest/us/V1/customers", json=_jane())

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("password", "message"),
    [
        (
            "Pass1",
            "The password needs at least %1 characters. "
            "Create a new password and try again.",
        ),
        (
            "password",
            "Minimum of different classes of characters in password is %1. "
            "Classes of characters: Lower Case, Upper Case, Digits, "
            "Special Characters.",
        ),
    ],
)
def test_a_weak_password_is_refused(
    client: TestClient, password: str, message: str
) -> None:
    body = _jane()
    body["password"] = password

    response = client.post(CUSTOMERS, json=body)

    assert response.status_code == 400
    assert response.json()["message"] == message


def test_a_missing_email_is_refused(client: TestClient) -> None:
    body = _jane()
    del body["customer"]["email"]

    response = client.post(CUSTOMERS, json=body)

    assert response.status_code == 400
    assert response.json() == {
        "message": "The customer email is missing. Enter and try again."
    }


def test_an_invalid_email_is_refused(client: TestClient) -> None:
    response = client.post(CUSTOMERS, json=_jane(email="jdoe.example.com"))

    assert response.status_code == 400
    assert response.json() == {
        "message": '"%1" is not a valid email address.',
        "parameters": ["Email"],
    }


def test_a_missing_first_name_is_refused(client: TestClient) -> None:
    response = client.post(CUSTOMERS, json=_jane(firstname=""))

    assert response.status_code == 400
    assert response.json()["parameters"] == ["First Name"]


def test_an_address_without_a_city_is_refused(client: TestClient) -> None:
    body = _jane()
    del body["customer"]["addresses"][0]["city"]

    response = client.post(CUSTOMERS, json=body)

    assert response.status_code == 400
    assert response.json()["parameters"] == {"fieldName": "city"}


def test_a_body_without_customer_is_refused(client: TestClient) -> None:
    response = client.post(CUSTOMERS, json={"password": "Password1"})

    assert response.status_code == 400
    assert response.json()["parameters"] == {"fieldName": "customer"}


def test_the_customer_reads_their_own_account(client: TestClient) -> None:
    created = client.post(CUSTOMERS, json=_jane()).json()

    response = client.get(f"{CUSTOMERS}/me", headers=_customer_headers(client))

    assert response.status_code == 200
    assert response.json() == created


def test_me_needs_a_customer_token(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    response = client.get(f"{CUSTOMERS}/me", headers=admin_headers)

    assert response.status_code == 401
    assert response.json()["parameters"] == {"resources": "self"}


def test_the_customer_updates_their_name_and_keeps_the_address(
    client: TestClient,
) -> None:
    created = client.post(CUSTOMERS, json=_jane()).json()
    headers = _customer_headers(client)

    response = client.put(
        f"{CUSTOMERS}/me", json={"customer": {"firstname": "Janet"}}, headers=headers
    )

    updated = response.json()
    assert response.status_code == 200
    assert updated["firstname"] == "Janet"
    assert updated["addresses"] == created["addresses"]
    assert updated["default_billing"] == created["default_billing"]


def test_default_billing_address_of_the_customer(client: TestClient) -> None:
    created = client.post(CUSTOMERS, json=_jane()).json()

    response = client.get(
        f"{CUSTOMERS}/me/billingAddress", headers=_customer_headers(client)
    )

    assert response.json() == created["addresses"][0]


def test_an_admin_reads_a_customer_and_an_address(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    created = client.post(CUSTOMERS, json=_jane()).json()
    address_id = created["addresses"][0]["id"]

    customer = client.get(f"{CUSTOMERS}/{created['id']}", headers=admin_headers)
    address = client.get(f"{CUSTOMERS}/addresses/{address_id}", headers=admin_headers)

    assert customer.json() == created
    assert address.json() == created["addresses"][0]


def test_an_unknown_customer_is_a_404(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    response = client.get(f"{CUSTOMERS}/999", headers=admin_headers)

    assert response.status_code == 404
    assert response.json() == {
        "message": "No such entity with %fieldName = %fieldValue",
        "parameters": {"fieldName": "customerId", "fieldValue": 999},
    }


def test_reading_a_customer_needs_an_admin_token(client: TestClient) -> None:
    created = client.post(CUSTOMERS, json=_jane()).json()

    response = client.get(
        f"{CUSTOMERS}/{created['id']}", headers=_customer_headers(client)
    )

    assert response.status_code == 401


def test_admin_searches_customers_by_email(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    client.post(CUSTOMERS, json=_jane())
    client.post(CUSTOMERS, json=_jane(email="john@example.com", firstname="John"))

    response = client.get(
        f"{CUSTOMERS}/search",
        params=[
            ("searchCriteria[filterGroups][0][filters][0][field]", "email"),
            ("searchCriteria[filterGroups][0][filters][0][value]", "john@example.com"),
        ],
        headers=admin_headers,
    )

    body = response.json()
    assert response.status_code == 200
    assert body["total_count"] == 1
    assert body["items"][0]["firstname"] == "John"


def test_admin_deletes_a_customer(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    created = client.post(CUSTOMERS, json=_jane()).json()

    deleted = client.delete(f"{CUSTOMERS}/{created['id']}", headers=admin_headers)

    assert deleted.json() is True
    assert (
        client.get(f"{CUSTOMERS}/{created['id']}", headers=admin_headers).status_code
        == 404
    )


def test_service_functions_for_checkout(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    created = client.post(CUSTOMERS, json=_jane()).json()

    with unit_of_work(session_factory) as session:
        customer = get_customer(session, created["id"])
        shape = address_dict(customer.addresses[0])
        with pytest.raises(NotFound):
            get_customer(session, 999)

    assert shape == created["addresses"][0]


def test_a_given_address_list_replaces_the_address_book(client: TestClient) -> None:
    created = client.post(CUSTOMERS, json=_jane()).json()
    headers = _customer_headers(client)
    second = {**created["addresses"][0], "city": "Garden City", "postcode": "11530"}
    del second["id"], second["default_billing"], second["default_shipping"]

    response = client.put(
        f"{CUSTOMERS}/me",
        json={"customer": {"addresses": [second]}},
        headers=headers,
    )

    updated = response.json()
    assert response.status_code == 200
    assert [a["city"] for a in updated["addresses"]] == ["Garden City"]
    assert "default_billing" not in updated


def test_changing_to_a_taken_email_is_refused(client: TestClient) -> None:
    client.post(CUSTOMERS, json=_jane(email="john@example.com"))
    client.post(CUSTOMERS, json=_jane())

    response = client.put(
        f"{CUSTOMERS}/me",
        json={"customer": {"email": "john@example.com"}},
        headers=_customer_headers(client),
    )

    assert response.status_code == 400
    assert response.json()["message"].startswith("A customer with the same email")


def test_an_admin_moves_a_customer_to_another_group(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    created = client.post(CUSTOMERS, json=_jane()).json()

    response = client.put(
        f"{CUSTOMERS}/{created['id']}",
        json={"customer": {"group_id": 3}},
        headers=admin_headers,
    )

    assert response.json()["group_id"] == 3
    assert response.json()["addresses"] == created["addresses"]
