"""Bad input anywhere answers a Magento-style 400, never a 500, and saves nothing."""

from fastapi.testclient import TestClient

HUGE = "99999999999999999999"


def test_an_id_too_large_for_the_database_is_a_400(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    for path in (f"/rest/all/V1/orders/{HUGE}", f"/rest/all/V1/customers/{HUGE}"):
        response = client.get(path, headers=admin_headers)

        assert response.status_code == 400, (path, response.text)
        assert "out of the range" in response.json()["message"]


def test_a_page_size_too_large_for_the_database_is_a_400(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    response = client.get(
        "/rest/all/V1/products",
        params={"searchCriteria[pageSize]": HUGE},
        headers=admin_headers,
    )

    assert response.status_code == 400, response.text


def test_a_body_that_is_not_json_is_refused_without_echoing_it(
    client: TestClient, admin_password: str
) -> None:
    secret = f'{{"username":"admin","password":"{admin_password}"}}'

    response = client.post(
        "/rest/V1/integration/admin/token",
        content=secret,
        headers={"Content-Type": "text/plain"},
    )

    assert response.status_code == 400
    assert admin_password not in response.text
    assert response.json() == {
        "message": "Server cannot understand Content-Type HTTP header media type %1",
        "parameters": ["text/plain"],
    }


def test_a_rejected_value_is_shown_as_json(client: TestClient) -> None:
    response = client.post(
        "/rest/V1/integration/admin/token",
        json={"username": ["admin"], "password": "x"},
    )

    assert response.status_code == 400
    assert response.json()["parameters"]["value"] == '["admin"]'


def test_an_unknown_store_code_is_refused_and_nothing_is_saved(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    item = {"sku": "24-WB01", "source_code": "default", "quantity": 5, "status": 1}

    response = client.post(
        "/rest/nosuch/V1/inventory/source-items",
        json={"sourceItems": [item]},
        headers=admin_headers,
    )

    assert response.status_code == 400
    assert "store that was requested" in response.json()["message"]
    salable = client.get(
        "/rest/all/V1/inventory/get-product-salable-quantity/24-WB01/1",
        headers=admin_headers,
    )
    assert salable.json() == 100


def test_an_address_in_no_country_is_refused(client: TestClient) -> None:
    address = {
        "firstname": "Jane",
        "lastname": "Doe",
        "street": ["1 Main St"],
        "city": "Nowhere",
        "postcode": "12345",
        "telephone": "555",
        "countryId": "ZZ",
    }
    customer = {
        "email": "zz@example.com",
        "firstname": "Jane",
        "lastname": "Doe",
        "addresses": [address],
    }

    response = client.post(
        "/rest/V1/customers",
        json={"customer": customer, "password": "Password1"},
    )

    assert response.status_code == 400
    assert response.json()["parameters"] == {"value": "ZZ", "fieldName": "countryId"}


def test_a_lone_surrogate_in_a_json_string_is_a_400_not_a_500(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    # "\udfff" is valid JSON but no valid Unicode text: nothing can store it.
    bodies = [
        ("/rest/V1/integration/admin/token", '{"username":"\\udfff","password":"x"}'),
        (
            "/rest/V1/inventory/source-selection-algorithm-result",
            '{"inventoryRequest":{"stockId":1,"items":[{"sku":"\\udfff","qty":1}]},'
            '"algorithmCode":"priority"}',
        ),
    ]
    for path, body in bodies:
        response = client.post(
            path,
            content=body,
            headers={**admin_headers, "Content-Type": "application/json"},
        )

        assert response.status_code in (400, 401), (path, response.text)
        assert "message" in response.json()


def test_a_nul_character_in_a_selection_sku_holds_nothing(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    response = client.post(
        "/rest/V1/inventory/source-selection-algorithm-result",
        json={
            "inventoryRequest": {"stockId": 1, "items": [{"sku": "a\0b", "qty": 1}]},
            "algorithmCode": "priority",
        },
        headers=admin_headers,
    )

    assert response.status_code == 200, response.text
    assert response.json()["shippable"] is False
