"""Bad product input answers a Magento-style 400 and writes nothing."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

PRODUCTS = "/rest/default/V1/products"
EMPTY = 'The "%1" attribute value is empty. Set the attribute and try again.'


def product(**fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "sku": "BAD-1",
        "name": "Bad",
        "price": 10,
        "type_id": "simple",
    }
    body.update(fields)
    return {"product": {k: v for k, v in body.items() if v is not None}}


@pytest.mark.parametrize(
    ("fields", "message", "parameters"),
    [
        ({"sku": None}, EMPTY, ["sku"]),
        ({"sku": "  "}, EMPTY, ["sku"]),
        ({"name": None}, EMPTY, ["Product Name"]),
        ({"price": None}, EMPTY, ["Price"]),
        ({"price": -1}, "Please enter a number 0 or greater in this field.", None),
        ({"weight": -0.5}, "Please enter a number 0 or greater in this field.", None),
        (
            {"type_id": "configurable"},
            'The product type "%1" isn\'t supported. Use one of: %2.',
            ["configurable", "simple, virtual, downloadable"],
        ),
        (
            {"extension_attributes": {"website_ids": [1, 42]}},
            "The website with id %1 that was requested wasn't found. "
            "Verify the website and try again.",
            [42],
        ),
    ],
)
def test_bad_product_is_refused_and_not_saved(
    client: TestClient,
    admin_headers: dict[str, str],
    fields: dict[str, Any],
    message: str,
    parameters: list[Any] | None,
) -> None:
    response = client.post(PRODUCTS, json=product(**fields), headers=admin_headers)

    assert response.status_code == 400, response.text
    assert response.json()["message"] == message
    assert response.json().get("parameters") == parameters
    assert client.get(f"{PRODUCTS}/BAD-1", headers=admin_headers).status_code == 404


def test_bad_update_leaves_the_product_unchanged(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    update = {"product": {"name": "Renamed", "price": -5}}

    response = client.put(f"{PRODUCTS}/24-WB01", json=update, headers=admin_headers)

    assert response.status_code == 400
    fetched = client.get(f"{PRODUCTS}/24-WB01", headers=admin_headers).json()
    assert (fetched["name"], fetched["price"]) == ("Voyage Yoga Bag", 32)


def test_downloadable_link_without_url_is_refused(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    link = {"title": "Broken", "price": 1, "link_type": "url"}
    body = product(
        type_id="downloadable",
        extension_attributes={"downloadable_product_links": [link]},
    )

    response = client.post(PRODUCTS, json=body, headers=admin_headers)

    assert response.status_code == 400
    assert response.json() == {"message": "Link URL must have valid format."}


def test_body_without_product_is_refused(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    response = client.post(PRODUCTS, json={"saveOptions": True}, headers=admin_headers)

    assert response.status_code == 400
    assert response.json()["parameters"] == {"fieldName": "product"}


def test_non_numeric_price_is_refused(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    response = client.post(PRODUCTS, json=product(price="cheap"), headers=admin_headers)

    assert response.status_code == 400
    assert response.json()["parameters"]["fieldName"] == "product.price"


def test_search_with_a_non_numeric_price_is_refused(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    query = [
        ("searchCriteria[filter_groups][0][filters][0][field]", "price"),
        ("searchCriteria[filter_groups][0][filters][0][value]", "cheap"),
    ]

    response = client.get(PRODUCTS, params=query, headers=admin_headers)

    assert response.status_code == 400
    assert response.json()["parameters"] == {"value": "cheap", "fieldName": "price"}


def test_search_on_an_unknown_field_is_refused(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    query = [
        ("searchCriteria[filter_groups][0][filters][0][field]", "colour"),
        ("searchCriteria[filter_groups][0][filters][0][value]", "red"),
    ]

    response = client.get(PRODUCTS, params=query, headers=admin_headers)

    assert response.status_code == 400
