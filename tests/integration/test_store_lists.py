"""Websites, store groups, store views and store configs over HTTP."""

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from sellable.kit.database import unit_of_work
from sellable.store.config import set_value
from sellable.store.models import StoreGroup, StoreView, Website


def _add_us_store(factory: sessionmaker[Session]) -> None:
    """The v2.3 tutorial's North America chain: website, group, view 2."""
    with unit_of_work(factory) as session:
        site = Website(code="na_site", name="North America Site")
        session.add(site)
        session.flush()
        group = StoreGroup(
            website_id=site.website_id,
            code="na_store",
            name="North America Store",
            root_category_id=2,
        )
        session.add(group)
        session.flush()
        view = StoreView(
            code="us",
            name="US Store View",
            website_id=site.website_id,
            group_id=group.group_id,
        )
        session.add(view)
        session.flush()
        site.default_group_id = group.group_id
        group.default_store_id = view.store_id


def test_store_views_list_default_first_then_admin_and_the_rest(
    client: TestClient,
    admin_headers: dict[str, str],
    session_factory: sessionmaker[Session],
) -> None:
    _add_us_store(session_factory)

    response = client.get("/rest/all/V1/store/storeViews", headers=admin_headers)

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": 1,
            "code": "default",
            "name": "Default Store View",
            "website_id": 1,
            "store_group_id": 1,
            "is_active": 1,
        },
        {
            "id": 0,
            "code": "admin",
            "name": "Admin",
            "website_id": 0,
            "store_group_id": 0,
            "is_active": 1,
        },
        {
            "id": 2,
            "code": "us",
            "name": "US Store View",
            "website_id": 2,
            "store_group_id": 2,
            "is_active": 1,
        },
    ]


def test_websites_include_the_admin_website(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    response = client.get("/rest/all/V1/store/websites", headers=admin_headers)

    assert response.status_code == 200
    assert response.json() == [
        {"id": 0, "code": "admin", "name": "Admin", "default_group_id": 0},
        {"id": 1, "code": "base", "name": "Main Website", "default_group_id": 1},
    ]


def test_store_groups_carry_root_category_and_default_store(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    response = client.get("/rest/all/V1/store/storeGroups", headers=admin_headers)

    assert response.status_code == 200
    assert response.json()[1] == {
        "id": 1,
        "website_id": 1,
        "root_category_id": 2,
        "default_store_id": 1,
        "name": "Main Website Store",
        "code": "main_website_store",
    }


def test_store_configs_list_storefront_views_with_locale_and_currency(
    client: TestClient,
    admin_headers: dict[str, str],
    session_factory: sessionmaker[Session],
) -> None:
    with unit_of_work(session_factory) as session:
        set_value(session, "general/locale/code", "de_DE", "stores", 1)

    response = client.get("/rest/all/V1/store/storeConfigs", headers=admin_headers)

    configs = response.json()
    assert response.status_code == 200
    assert [c["code"] for c in configs] == ["default"]
    assert configs[0]["locale"] == "de_DE"
    assert configs[0]["base_currency_code"] == "USD"
    assert configs[0]["default_display_currency_code"] == "USD"
    assert configs[0]["base_url"].endswith("/")
    assert configs[0]["secure_base_media_url"].endswith("/media/")


def test_store_configs_filter_by_store_code(
    client: TestClient,
    admin_headers: dict[str, str],
    session_factory: sessionmaker[Session],
) -> None:
    _add_us_store(session_factory)

    response = client.get(
        "/rest/all/V1/store/storeConfigs",
        params=[("storeCodes[]", "us")],
        headers=admin_headers,
    )

    assert [c["id"] for c in response.json()] == [2]


def test_store_lists_need_an_admin_token(client: TestClient) -> None:
    for path in ("websites", "storeGroups", "storeViews", "storeConfigs"):
        response = client.get(f"/rest/all/V1/store/{path}")

        assert response.status_code == 401
        assert response.json() == {
            "message": "The consumer isn't authorized to access %resources.",
            "parameters": {"resources": "Magento_Backend::stores"},
        }
