"""Keyboard use and labels: sign in by keyboard alone; every page passes."""

from playwright.sync_api import Page

from tests.e2e.browser import (  # noqa: F401 (fixtures)
    accessibility_problems,
    admin_sign_in,
    browser_page,
    chromium,
    live_server,
    screenshot,
)

ADMIN_PAGES = {
    "dashboard": "/admin",
    "orders": "/admin/sales/orders",
    "products": "/admin/catalog/products",
    "product-form": "/admin/catalog/products/edit?sku=24-WB01",
    "sources": "/admin/inventory/sources",
    "source-form": "/admin/inventory/sources/edit?code=default",
    "new-source": "/admin/inventory/sources/edit",
    "stocks": "/admin/inventory/stocks",
    "stock-form": "/admin/inventory/stocks/edit?stock_id=1",
    "reservations": "/admin/inventory/reservations",
    "low-stock": "/admin/inventory/low-stock",
    "all-stores": "/admin/stores",
    "configuration": "/admin/stores/configuration",
}
FOCUS_STYLE = "() => getComputedStyle(document.activeElement).outlineStyle"
FOCUSED_NAME = "() => document.activeElement.name || document.activeElement.textContent"


def test_the_admin_sign_in_form_works_with_the_keyboard_alone(
    browser_page: Page,  # noqa: F811
    admin_password: str,
) -> None:
    page = browser_page
    page.goto("/admin/login")
    screenshot(page, "admin-login")
    assert accessibility_problems(page) == []

    page.keyboard.type("admin")  # the username field has the focus on load
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED_NAME) == "password"
    page.keyboard.type(admin_password)
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED_NAME).strip() == "Sign in"
    assert page.evaluate(FOCUS_STYLE) != "none"
    page.keyboard.press("Enter")

    page.wait_for_url("**/admin/sales/orders")
    assert page.locator("h1").inner_text() == "Orders"


def test_a_wrong_password_is_refused_with_a_message(
    browser_page: Page,  # noqa: F811
) -> None:
    page = browser_page
    page.goto("/admin/login")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_label("Password").press("Enter")

    assert "sign-in was incorrect" in page.get_by_role("alert").inner_text()
    screenshot(page, "admin-login-refused")


def test_every_admin_page_has_one_h1_labels_and_scoped_headers(
    browser_page: Page,  # noqa: F811
    admin_password: str,
) -> None:
    page = browser_page
    admin_sign_in(page, admin_password)

    for name, url in ADMIN_PAGES.items():
        page.goto(url)
        screenshot(page, f"admin-{name}")
        assert accessibility_problems(page) == [], url

    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == (
        "Skip to content"
    )


def test_the_customer_sign_in_form_works_with_the_keyboard_alone(
    browser_page: Page,  # noqa: F811
) -> None:
    page = browser_page
    page.goto("/default/customer/account/login")
    assert accessibility_problems(page) == []
    screenshot(page, "customer-login")

    page.keyboard.type("nobody@example.com")
    page.keyboard.press("Tab")
    page.keyboard.type("Wrong-Password-1")
    page.keyboard.press("Enter")

    assert "sign-in was incorrect" in page.get_by_role("alert").inner_text()
