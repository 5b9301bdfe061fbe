"""The admin pages over HTTP: sign-in, CSRF, and forms that write via services."""

import re
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from sellable.kit.settings import Settings
from sellable.store import config
from tests.integration.admin_client import csrf_token, post_form, sign_in
from tests.integration.checkout_factory import set_config
from tests.integration.inventory_setup import add_source, set_items
from tests.integration.sales_factory import install_inventory, place_order


def _rest(client: TestClient, headers: dict[str, str], path: str) -> Any:
    response = client.get(f"/rest/all/V1/{path}", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_page_asks_a_signed_out_visitor_to_sign_in(client: TestClient) -> None:
    response = client.get("/admin/sales/orders", follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"] == "/admin/login?next=/admin/sales/orders"


def test_signing_out_ends_the_session(client: TestClient, admin_password: str) -> None:
    sign_in(client, admin_password)
    assert client.get("/admin/sales/orders").status_code == 200

    post_form(client, "/admin/sales/orders", "/admin/logout", {})

    response = client.get("/admin/sales/orders", follow_redirects=False)
    assert response.status_code == 303


def test_a_forged_session_cookie_is_ignored(client: TestClient) -> None:
    client.cookies.set("sellable_admin", "eyJkYXRhIjp7fX0.forged", path="/admin")

    response = client.get("/admin/sales/orders", follow_redirects=False)

    assert response.status_code == 303


def test_a_form_without_the_csrf_token_is_refused_and_writes_nothing(
    client: TestClient, admin_password: str, session_factory: sessionmaker[Session]
) -> None:
    sign_in(client, admin_password)

    response = client.post(
        "/admin/stores/configuration", data={"payment__banktransfer__active": "1"}
    )

    assert response.status_code == 403
    assert "parameters" in response.json() or "message" in response.json()
    with session_factory() as session:
        assert config.get_value(session, "payment/banktransfer/active") == "0"


def test_wrong_passwords_lock_the_admin_out_as_for_tokens(
    client: TestClient, admin_password: str, settings: Settings
) -> None:
    for _ in range(settings.admin_lockout_failures):
        token = csrf_token(client.get("/admin/login").text)
        refused = client.post(
            "/admin/login",
            data={"username": "admin", "password": "wrong", "csrf_token": token},
        )
        assert refused.status_code == 401

    token = csrf_token(client.get("/admin/login").text)
    response = client.post(
        "/admin/login",
        data={"username": "admin", "password": admin_password, "csrf_token": token},
        follow_redirects=False,
    )

    assert response.status_code == 401
    assert "sign-in was incorrect" in response.text


def test_the_configuration_form_writes_through_the_config_service(
    client: TestClient, admin_password: str, session_factory: sessionmaker[Session]
) -> None:
    sign_in(client, admin_password)
    page = client.get("/admin/stores/configuration").text
    fields = _form_values(page)

    fields["payment__banktransfer__active"] = "1"
    fields["cataloginventory__source_selection_distance_based__provider"] = "offline"
    html = post_form(
        client, "/admin/stores/configuration", "/admin/stores/configuration", fields
    )

    assert "You saved the configuration." in html
    with session_factory() as session:
        assert config.get_value(session, "payment/banktransfer/active") == "1"
        provider = "cataloginventory/source_selection_distance_based/provider"
        assert config.get_value(session, provider) == "offline"


def test_a_bad_number_in_the_configuration_changes_nothing(
    client: TestClient, admin_password: str, session_factory: sessionmaker[Session]
) -> None:
    sign_in(client, admin_password)
    fields = _form_values(client.get("/admin/stores/configuration").text)
    fields["payment__banktransfer__active"] = "1"
    fields["carriers__flatrate__price"] = "five"

    html = post_form(
        client, "/admin/stores/configuration", "/admin/stores/configuration", fields
    )

    assert "Enter a number for Flat Rate price." in html
    with session_factory() as session:
        assert config.get_value(session, "payment/banktransfer/active") == "0"


def test_a_new_source_is_saved_through_the_inventory_service(
    client: TestClient, admin_password: str, admin_headers: dict[str, str]
) -> None:
    sign_in(client, admin_password)
    fields = {
        "name": "Austin Warehouse", "source_code": "austin", "enabled": "1",
        "country_id": "US", "postcode": "78701", "city": "Austin",
    }  # fmt: skip

    html = post_form(
        client, "/admin/inventory/sources/edit", "/admin/inventory/sources/edit", fields
    )

    assert "You saved the source Austin Warehouse." in html
    source = _rest(client, admin_headers, "inventory/sources/austin")
    assert source["name"] == "Austin Warehouse" and source["postcode"] == "78701"


def test_a_source_without_a_postcode_is_refused_with_the_service_message(
    client: TestClient, admin_password: str, admin_headers: dict[str, str]
) -> None:
    sign_in(client, admin_password)
    fields = {"name": "No Postcode", "source_code": "nopost", "country_id": "US"}

    html = post_form(
        client, "/admin/inventory/sources/edit", "/admin/inventory/sources/edit", fields
    )

    assert 'class="flash error"' in html
    response = client.get(
        "/rest/all/V1/inventory/sources/nopost", headers=admin_headers
    )
    assert response.status_code == 404


def test_the_stock_form_saves_channels_and_sources_in_priority_order(
    client: TestClient, admin_password: str, admin_headers: dict[str, str]
) -> None:
    sign_in(client, admin_password)
    for code, postcode in (("east", "10001"), ("west", "94016")):
        post_form(
            client, "/admin/inventory/sources/edit", "/admin/inventory/sources/edit",
            {"name": code.title(), "source_code": code, "enabled": "1",
             "country_id": "US", "postcode": postcode},
        )  # fmt: skip
    fields = {
        "name": "Coast Stock", "source": ["west", "east"],
        "priority__west": "1", "priority__east": "2",
    }  # fmt: skip

    new_stock = "/admin/inventory/stocks/edit?stock_id=0"
    html = post_form(client, "/admin/inventory/stocks/edit", new_stock, fields)

    assert "You saved the stock." in html
    stocks = _rest(client, admin_headers, "inventory/stocks")["items"]
    stock_id = next(s["stock_id"] for s in stocks if s["name"] == "Coast Stock")
    ordered = _rest(
        client, admin_headers,
        f"inventory/get-sources-assigned-to-stock-ordered-by-priority/{stock_id}",
    )  # fmt: skip
    assert [source["source_code"] for source in ordered] == ["west", "east"]


def test_the_product_form_sets_status_and_source_quantities(
    client: TestClient, admin_password: str, admin_headers: dict[str, str]
) -> None:
    sign_in(client, admin_password)
    url = "/admin/catalog/products/edit?sku=24-WB01"
    fields = {"status": "2", "source_code": "default", "quantity__default": "42",
              "status__default": "1"}  # fmt: skip

    html = post_form(client, url, url, fields)

    assert "You saved the product." in html
    product = _rest(client, admin_headers, "products/24-WB01")
    assert product["status"] == 2
    items = _rest(
        client, admin_headers,
        "inventory/source-items?searchCriteria[filter_groups][0][filters][0]"
        "[field]=sku&searchCriteria[filter_groups][0][filters][0][value]=24-WB01",
    )["items"]  # fmt: skip
    assert [(i["source_code"], i["quantity"]) for i in items] == [("default", 42)]


def test_the_products_grid_shows_quantity_per_source_and_salable_quantity(
    client: TestClient, admin_password: str
) -> None:
    sign_in(client, admin_password)

    html = client.get("/admin/catalog/products?f_sku=24-WB01").text

    assert "<li>Default Source: 100</li>" in html
    assert "<li>Default Stock: 100</li>" in html


def test_an_unknown_order_cannot_be_invoiced(
    client: TestClient, admin_password: str
) -> None:
    sign_in(client, admin_password)
    token = csrf_token(client.get("/admin/sales/orders").text)

    response = client.post(
        "/admin/sales/orders/999/invoice", data={"csrf_token": token}
    )

    assert response.status_code == 404
    assert "doesn&#39;t exist" in response.text or "doesn't exist" in response.text


def _form_values(html: str) -> dict[str, str]:
    """Each select's selected option and each input's value, by name."""
    values: dict[str, str] = {}
    for name, body in re.findall(
        r'<select id="[^"]*" name="([^"]+)">(.*?)</select>', html, re.S
    ):
        selected = re.search(r'<option value="([^"]*)" selected', body)
        values[name] = selected.group(1) if selected else ""
    for name, value in re.findall(
        r'<input id="[^"]*" name="([^"]+)" value="([^"]*)"', html
    ):
        values[name] = value
    return values


def test_an_order_can_be_held_released_and_canceled_from_its_page(
    client: TestClient, admin_password: str, session_factory: sessionmaker[Session]
) -> None:
    stock_id = install_inventory(session_factory)
    order = place_order(session_factory, stock_id)
    sign_in(client, admin_password)
    url = f"/admin/sales/orders/{order.order_id}"

    held = post_form(client, url, f"{url}/hold", {})
    released = post_form(client, url, f"{url}/unhold", {})
    canceled = post_form(client, url, f"{url}/cancel", {})

    assert "You put the order on hold." in held and ">Holded<" in held
    assert "You released the order from holding status." in released
    assert "You canceled the order." in canceled and ">Canceled<" in canceled
    grid = client.get("/admin/inventory/reservations?f_order=" + order.increment_id)
    assert grid.text.count("order_canceled") >= 1


def test_the_order_grid_filters_by_status(
    client: TestClient, admin_password: str, session_factory: sessionmaker[Session]
) -> None:
    stock_id = install_inventory(session_factory)
    order = place_order(session_factory, stock_id)
    sign_in(client, admin_password)

    pending = client.get("/admin/sales/orders?f_status=pending").text
    complete = client.get("/admin/sales/orders?f_status=complete").text

    assert f'data-increment-id="{order.increment_id}"' in pending
    assert f'data-increment-id="{order.increment_id}"' not in complete


def test_the_low_stock_page_lists_what_the_inventory_report_finds(
    client: TestClient,
    admin_password: str,
    admin_headers: dict[str, str],
    session_factory: sessionmaker[Session],
) -> None:
    add_source(client, admin_headers, "east")
    set_items(
        client, admin_headers, ("24-WB01", "east", 2, 1), ("24-WB03", "east", 9, 1)
    )
    set_config(session_factory, {"cataloginventory/item_options/notify_stock_qty": "5"})
    sign_in(client, admin_password)

    page = client.get("/admin/inventory/low-stock?f_sku=WB&f_source_code=east")

    assert page.status_code == 200
    grid = page.text.split('id="low-stock-grid"')[1]
    assert "24-WB01" in grid and "24-WB03" not in grid
