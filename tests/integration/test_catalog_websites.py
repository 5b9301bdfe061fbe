"""Assigning products to websites, over REST and from the service."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from sellable.catalog import service
from sellable.catalog.errors import ProductNotFound, WebsiteNotFound
from sellable.store.models import Website

PRODUCTS = "/rest/default/V1/products"


def add_website(factory: sessionmaker[Session], code: str) -> int:
    with factory.begin() as db:
        website = Website(code=code, name=code.upper())
        db.add(website)
        db.flush()
        return website.website_id


def website_ids(client: TestClient, headers: dict[str, str], sku: str) -> list[int]:
    body = client.get(f"{PRODUCTS}/{sku}", headers=headers).json()
    return list(body["extension_attributes"]["website_ids"])


def test_product_is_assigned_to_and_removed_from_a_website(
    client: TestClient,
    admin_headers: dict[str, str],
    session_factory: sessionmaker[Session],
) -> None:
    us_site = add_website(session_factory, "us_site")
    link = {"productWebsiteLink": {"sku": "24-WB01", "website_id": us_site}}

    added = client.post(
        f"{PRODUCTS}/24-WB01/websites", json=link, headers=admin_headers
    )
    assert added.status_code == 200 and added.json() is True
    assert website_ids(client, admin_headers, "24-WB01") == [1, us_site]

    removed = client.delete(
        f"{PRODUCTS}/24-WB01/websites/{us_site}", headers=admin_headers
    )
    assert removed.status_code == 200 and removed.json() is True
    assert website_ids(client, admin_headers, "24-WB01") == [1]


def test_assigning_twice_keeps_one_link(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    link = {"productWebsiteLink": {"sku": "24-WB01", "website_id": 1}}

    client.post(f"{PRODUCTS}/24-WB01/websites", json=link, headers=admin_headers)

    assert website_ids(client, admin_headers, "24-WB01") == [1]


def test_unknown_website_or_sku_is_refused(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    link = {"productWebsiteLink": {"sku": "24-WB01", "website_id": 99}}

    bad_site = client.post(
        f"{PRODUCTS}/24-WB01/websites", json=link, headers=admin_headers
    )
    bad_sku = client.post(f"{PRODUCTS}/NOPE/websites", json=link, headers=admin_headers)
    bad_delete = client.delete(f"{PRODUCTS}/NOPE/websites/1", headers=admin_headers)

    assert bad_site.status_code == 400 and bad_site.json()["parameters"] == [99]
    assert bad_sku.status_code == 404
    assert bad_delete.status_code == 404


def test_website_ids_sent_on_save_replace_the_assignment(
    client: TestClient,
    admin_headers: dict[str, str],
    session_factory: sessionmaker[Session],
) -> None:
    eu_site = add_website(session_factory, "eu_site")
    update = {"product": {"extension_attributes": {"website_ids": [eu_site]}}}

    client.put(f"{PRODUCTS}/24-WB03", json=update, headers=admin_headers)

    assert website_ids(client, admin_headers, "24-WB03") == [eu_site]


def test_new_product_saved_in_admin_scope_joins_every_website(
    client: TestClient,
    admin_headers: dict[str, str],
    session_factory: sessionmaker[Session],
) -> None:
    us_site = add_website(session_factory, "us_site")
    body = {"product": {"sku": "ALL-1", "name": "Everywhere", "price": 1}}

    in_admin = client.post("/rest/all/V1/products", json=body, headers=admin_headers)
    body["product"]["sku"] = "DEF-1"
    in_default = client.post(PRODUCTS, json=body, headers=admin_headers)

    assert in_admin.json()["extension_attributes"]["website_ids"] == [1, us_site]
    assert in_default.json()["extension_attributes"]["website_ids"] == [1]


def test_assign_websites_by_code_adds_links(
    session: Session, session_factory: sessionmaker[Session]
) -> None:
    us_site = add_website(session_factory, "us_site")

    service.assign_websites(session, ["24-WB01", "240-LV06"], ["base", "us_site"])

    for sku in ("24-WB01", "240-LV06"):
        product = service.get_product(session, sku)
        assert [link.website_id for link in product.websites] == [1, us_site]


def test_assign_websites_refuses_unknown_code_and_sku(session: Session) -> None:
    with pytest.raises(WebsiteNotFound) as unknown_code:
        service.assign_websites(session, ["24-WB01"], ["mars"])
    with pytest.raises(ProductNotFound):
        service.assign_websites(session, ["NOPE"], ["base"])

    assert unknown_code.value.status_code == 400
    assert unknown_code.value.parameters == ["mars"]
