"""Product CRUD over REST, as a merchant checks it in Magento's admin."""

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sellable.catalog.models import ProductWebsite
from sellable.inventory.models import Reservation, SourceItem

PRODUCTS = "/rest/default/V1/products"
NOT_FOUND = (
    "The product that was requested doesn't exist. Verify the product and try again."
)


def simple(sku: str = "MH01", **extra: Any) -> dict[str, Any]:
    product: dict[str, Any] = {
        "sku": sku,
        "name": "Chaz Kangeroo Hoodie",
        "attribute_set_id": 4,
        "price": 52.5,
        "status": 1,
        "visibility": 4,
        "type_id": "simple",
        "weight": 1.2,
        "extension_attributes": {"stock_item": {"qty": 25, "is_in_stock": True}},
    }
    product.update(extra)
    return {"product": product}


def source_rows(factory: sessionmaker[Session], sku: str) -> dict[str, tuple[int, int]]:
    with factory() as db:
        rows = db.scalars(select(SourceItem).where(SourceItem.sku == sku))
        return {r.source_code: (int(r.quantity), r.status) for r in rows}


def test_created_simple_product_reads_back_with_stock_and_website(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    created = client.post(PRODUCTS, json=simple(), headers=admin_headers)
    fetched = client.get(f"{PRODUCTS}/MH01", headers=admin_headers)

    assert created.status_code == 200, created.text
    assert fetched.status_code == 200
    body = fetched.json()
    assert body["id"] == created.json()["id"]
    assert (body["sku"], body["name"], body["price"], body["weight"]) == (
        "MH01",
        "Chaz Kangeroo Hoodie",
        52.5,
        1.2,
    )
    assert (body["type_id"], body["status"], body["visibility"]) == ("simple", 1, 4)
    assert body["extension_attributes"]["website_ids"] == [1]
    item = body["extension_attributes"]["stock_item"]
    assert (item["qty"], item["is_in_stock"], item["stock_id"]) == (25, True, 1)
    assert item["manage_stock"] is True and item["use_config_manage_stock"] is True
    assert (item["min_sale_qty"], item["max_sale_qty"]) == (1, 10000)
    assert body["created_at"] and body["updated_at"]


def test_stock_item_qty_writes_the_default_source_item(
    client: TestClient,
    admin_headers: dict[str, str],
    session_factory: sessionmaker[Session],
) -> None:
    client.post(PRODUCTS, json=simple(), headers=admin_headers)
    assert source_rows(session_factory, "MH01") == {"default": (25, 1)}

    update = {"product": {"extension_attributes": {"stock_item": {"qty": 7}}}}
    response = client.put(f"{PRODUCTS}/MH01", json=update, headers=admin_headers)

    assert response.status_code == 200, response.text
    assert response.json()["extension_attributes"]["stock_item"]["qty"] == 7
    assert source_rows(session_factory, "MH01") == {"default": (7, 1)}


def test_out_of_stock_flag_sets_the_source_status(
    client: TestClient,
    admin_headers: dict[str, str],
    session_factory: sessionmaker[Session],
) -> None:
    body = simple(extension_attributes={"stock_item": {"qty": 3, "is_in_stock": False}})

    response = client.post(PRODUCTS, json=body, headers=admin_headers)

    assert response.json()["extension_attributes"]["stock_item"]["is_in_stock"] is False
    assert source_rows(session_factory, "MH01") == {"default": (3, 0)}


def test_stock_settings_sent_override_config(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    stock_item = {
        "qty": 10,
        "manage_stock": False,
        "min_sale_qty": 2,
        "max_sale_qty": 5,
    }
    body = simple(extension_attributes={"stock_item": stock_item})

    item = client.post(PRODUCTS, json=body, headers=admin_headers).json()[
        "extension_attributes"
    ]["stock_item"]

    assert item["manage_stock"] is False and item["use_config_manage_stock"] is False
    assert (item["min_sale_qty"], item["max_sale_qty"]) == (2, 5)
    assert item["use_config_max_sale_qty"] is False


def test_put_updates_only_the_fields_sent(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    client.post(PRODUCTS, json=simple(), headers=admin_headers)

    update = {"product": {"price": 48, "name": "Chaz Hoodie"}}
    response = client.put(f"{PRODUCTS}/MH01", json=update, headers=admin_headers)

    body = response.json()
    assert (body["name"], body["price"], body["weight"]) == ("Chaz Hoodie", 48, 1.2)
    assert body["extension_attributes"]["stock_item"]["qty"] == 25


def test_put_creates_an_unknown_sku(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    response = client.put(
        f"{PRODUCTS}/MH02", json=simple("MH02"), headers=admin_headers
    )

    assert response.status_code == 200, response.text
    assert client.get(f"{PRODUCTS}/MH02", headers=admin_headers).json()["sku"] == "MH02"


def test_post_of_an_existing_sku_updates_it(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    first = client.post(PRODUCTS, json=simple(), headers=admin_headers).json()

    second = client.post(PRODUCTS, json=simple(price=60), headers=admin_headers).json()

    assert second["id"] == first["id"] and second["price"] == 60


def test_virtual_product_has_no_weight(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    body = simple("VS01", type_id="virtual")
    del body["product"]["weight"]

    response = client.post(PRODUCTS, json=body, headers=admin_headers)

    assert response.status_code == 200, response.text
    assert response.json()["type_id"] == "virtual"
    assert "weight" not in response.json()


def test_downloadable_product_keeps_its_links(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    link = {
        "title": "Episode 1",
        "sort_order": 1,
        "is_shareable": 0,
        "price": 5,
        "number_of_downloads": 3,
        "link_type": "url",
        "link_url": "https://example.com/episode-1.mp4",
    }
    body = simple(
        "DL01",
        type_id="downloadable",
        extension_attributes={"downloadable_product_links": [link]},
        custom_attributes=[
            {"attribute_code": "links_title", "value": "Episodes"},
            {"attribute_code": "description", "value": "Six episodes"},
        ],
    )

    created = client.post(PRODUCTS, json=body, headers=admin_headers)
    fetched = client.get(f"{PRODUCTS}/DL01", headers=admin_headers).json()

    assert created.status_code == 200, created.text
    links = fetched["extension_attributes"]["downloadable_product_links"]
    assert len(links) == 1 and isinstance(links[0]["id"], int)
    assert {k: links[0][k] for k in link} == link
    attributes = {a["attribute_code"]: a["value"] for a in fetched["custom_attributes"]}
    assert attributes["links_title"] == "Episodes"
    assert attributes["description"] == "Six episodes"


def test_downloadable_link_sent_with_its_id_is_updated_in_place(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    fetched = client.get(f"{PRODUCTS}/240-LV06", headers=admin_headers).json()
    link = fetched["extension_attributes"]["downloadable_product_links"][0]

    changed = dict(link, title="Yoga Adventure HD", price=25)
    update = {
        "product": {"extension_attributes": {"downloadable_product_links": [changed]}}
    }
    response = client.put(f"{PRODUCTS}/240-LV06", json=update, headers=admin_headers)

    links = response.json()["extension_attributes"]["downloadable_product_links"]
    assert [(x["id"], x["title"], x["price"]) for x in links] == [
        (link["id"], "Yoga Adventure HD", 25)
    ]


def test_sample_downloadable_product_answers_the_tutorial_read(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    response = client.get("/rest/default/V1/products/240-LV06", headers=admin_headers)

    body = response.json()
    assert response.status_code == 200
    assert (body["sku"], body["type_id"], body["price"]) == (
        "240-LV06",
        "downloadable",
        22,
    )
    assert isinstance(
        body["extension_attributes"]["downloadable_product_links"][0]["id"], int
    )


def test_search_filters_by_type_and_price(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    query = [
        ("searchCriteria[filter_groups][0][filters][0][field]", "type_id"),
        ("searchCriteria[filter_groups][0][filters][0][value]", "simple"),
        ("searchCriteria[filter_groups][1][filters][0][field]", "price"),
        ("searchCriteria[filter_groups][1][filters][0][value]", "35"),
        ("searchCriteria[filter_groups][1][filters][0][condition_type]", "gt"),
    ]

    response = client.get(PRODUCTS, params=query, headers=admin_headers)

    body = response.json()
    assert response.status_code == 200, response.text
    assert [item["sku"] for item in body["items"]] == ["24-WB03"]
    assert body["total_count"] == 1
    assert body["search_criteria"]["filter_groups"][1]["filters"][0]["field"] == "price"


def test_search_by_sku_like_sorted_and_paged(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    query = [
        ("searchCriteria[filter_groups][0][filters][0][field]", "sku"),
        ("searchCriteria[filter_groups][0][filters][0][value]", "24%"),
        ("searchCriteria[filter_groups][0][filters][0][condition_type]", "like"),
        ("searchCriteria[sortOrders][0][field]", "name"),
        ("searchCriteria[sortOrders][0][direction]", "DESC"),
        ("searchCriteria[pageSize]", "2"),
    ]

    body = client.get(PRODUCTS, params=query, headers=admin_headers).json()

    assert [item["name"] for item in body["items"]] == [
        "Yoga Adventure",
        "Voyage Yoga Bag",
    ]
    assert body["total_count"] == 3


def test_deleting_a_product_removes_source_items_and_website_links(
    client: TestClient,
    admin_headers: dict[str, str],
    session_factory: sessionmaker[Session],
) -> None:
    product_id = client.post(PRODUCTS, json=simple(), headers=admin_headers).json()[
        "id"
    ]
    with session_factory.begin() as db:
        db.add(Reservation(stock_id=1, sku="MH01", quantity=-2))

    response = client.delete(f"{PRODUCTS}/MH01", headers=admin_headers)

    assert response.status_code == 200 and response.json() is True
    assert client.get(f"{PRODUCTS}/MH01", headers=admin_headers).status_code == 404
    assert source_rows(session_factory, "MH01") == {}
    with session_factory() as db:
        links = select(ProductWebsite).where(ProductWebsite.product_id == product_id)
        assert db.scalars(links).all() == []
        kept = db.scalars(select(Reservation).where(Reservation.sku == "MH01")).all()
        assert [r.quantity for r in kept] == [-2, 2], "never deleted, compensated"


def test_unknown_sku_answers_magento_404(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    for method in ("get", "delete"):
        response = getattr(client, method)(f"{PRODUCTS}/NOPE", headers=admin_headers)

        assert response.status_code == 404
        assert response.json() == {"message": NOT_FOUND}


def test_product_endpoints_need_an_admin_token(client: TestClient) -> None:
    assert client.get(f"{PRODUCTS}/24-WB01").status_code == 401
    assert client.post(PRODUCTS, json=simple()).status_code == 401
    assert client.get(PRODUCTS).status_code == 401
