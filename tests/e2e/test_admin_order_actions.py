"""A merchant invoices and ships the tutorial's order from the admin pages."""

from __future__ import annotations

import json

import httpx
from playwright.sync_api import Page

from tests.e2e.browser import (  # noqa: F401 (fixtures)
    accessibility_problems,
    admin_sign_in,
    browser_page,
    cell_lines,
    chromium,
    live_server,
    screenshot,
)
from tests.replay.runner import FIXTURES_DIR, ApplySetup, TutorialReplay

VARIANT = "v2.4"


def test_invoicing_and_shipping_from_the_ui_moves_the_quantities(
    live_server: str,  # noqa: F811
    browser_page: Page,  # noqa: F811
    admin_password: str,
    apply_setup: ApplySetup,
    backend: str,
) -> None:
    page, tag = browser_page, f"actions-{backend}"
    with httpx.Client(base_url=live_server, timeout=60) as client:
        replay = TutorialReplay(client, VARIANT, admin_password, apply_setup)
        captures = replay.run(until_call="place-order").captures
    order_url = f"/admin/sales/orders/{captures['order_id']}"
    admin_sign_in(page, admin_password)

    page.goto(order_url)
    assert page.locator("#order-status").inner_text() == "Pending"
    page.get_by_role("button", name="Invoice").click()
    page.wait_for_url(f"**{order_url}")
    screenshot(page, f"{tag}-order-after-invoice")
    assert page.locator("#order-status").inner_text() == "Processing"
    assert "Paid" in page.locator("#invoices-grid tbody").inner_text()

    page.get_by_role("link", name="Ship").click()
    page.get_by_label("Source selection algorithm").select_option("priority")
    page.get_by_role("button", name="Run algorithm").click()
    screenshot(page, f"{tag}-source-selection")
    assert accessibility_problems(page) == []
    assert page.get_by_label("24-WB01 from ne_wh").input_value() == "35"
    assert page.get_by_label("24-WB01 from west_wh").input_value() == "5"
    page.get_by_role("button", name="Proceed to Shipment").click()
    page.wait_for_url(f"**{order_url}")
    screenshot(page, f"{tag}-order-after-shipment")

    assert page.locator("#order-status").inner_text() == "Complete"
    assert page.locator("#shipments-grid tbody tr").count() == 2
    _assert_products_match(page, "12-shipment.json", tag)


def test_an_edited_quantity_is_what_ships(
    live_server: str,  # noqa: F811
    browser_page: Page,  # noqa: F811
    admin_password: str,
    apply_setup: ApplySetup,
) -> None:
    page = browser_page
    with httpx.Client(base_url=live_server, timeout=60) as client:
        replay = TutorialReplay(client, VARIANT, admin_password, apply_setup)
        captures = replay.run(until_call="place-order").captures
    order_url = f"/admin/sales/orders/{captures['order_id']}"
    admin_sign_in(page, admin_password)
    page.goto(order_url)
    page.get_by_role("button", name="Invoice").click()
    page.wait_for_url(f"**{order_url}")

    page.goto(f"{order_url}/ship")
    page.get_by_label("24-WB01 from ne_wh").fill("30")
    page.get_by_label("24-WB01 from west_wh").fill("0")
    page.get_by_role("button", name="Proceed to Shipment").click()
    page.wait_for_url(f"**{order_url}")

    assert page.locator("#order-status").inner_text() == "Processing"
    items = page.locator("#order-items tbody tr", has_text="24-WB01")
    assert items.locator("td").nth(4).inner_text() == "30"


def _assert_products_match(page: Page, step_file: str, tag: str) -> None:
    state = json.loads((FIXTURES_DIR / VARIANT / step_file).read_text())["state_after"]
    page.goto("/admin/inventory/sources?size=200")
    names = {
        row.get_attribute("data-source-code"): row.locator("td").first.inner_text()
        for row in page.locator("#sources-grid tbody tr").all()
    }
    page.goto("/admin/catalog/products?size=200")
    screenshot(page, f"{tag}-products-after-shipment")
    for row in state["source_items"]:
        if "quantity" not in row:
            continue
        row_selector = f'#products-grid tr[data-sku="{row["sku"]}"]'
        lines = cell_lines(page, row_selector, "qty-per-source")
        assert f"{names[row['source_code']]}: {row['quantity']}" in lines, (row, lines)
    for per_sku in state["salable_qty"].values():
        for sku, qty in per_sku.items():
            lines = cell_lines(
                page, f'#products-grid tr[data-sku="{sku}"]', "salable-qty"
            )
            assert f"US Stock: {qty}" in lines, (sku, lines)


def test_a_credit_memo_with_return_to_stock_restores_the_salable_quantity(
    live_server: str,  # noqa: F811
    browser_page: Page,  # noqa: F811
    admin_password: str,
    apply_setup: ApplySetup,
    backend: str,
) -> None:
    page, tag = browser_page, f"creditmemo-{backend}"
    with httpx.Client(base_url=live_server, timeout=60) as client:
        replay = TutorialReplay(client, VARIANT, admin_password, apply_setup)
        captures = replay.run(until_call="place-order").captures
    order_url = f"/admin/sales/orders/{captures['order_id']}"
    admin_sign_in(page, admin_password)
    page.goto(order_url)
    page.get_by_role("button", name="Invoice").click()
    page.wait_for_url(f"**{order_url}")

    page.get_by_role("link", name="Credit Memo").click()
    for sku in ("24-WB01", "240-LV06"):
        page.get_by_label(f"Refund {sku}").fill("0")
    page.get_by_label("Refund 24-WB03").fill("20")
    page.get_by_label("Return 24-WB03 to stock").check()
    screenshot(page, f"{tag}-form")
    assert accessibility_problems(page) == []
    page.get_by_role("button", name="Refund Offline").click()
    page.wait_for_url(f"**{order_url}")
    screenshot(page, f"{tag}-order")

    assert page.get_by_role("status").inner_text().startswith("You created the credit")
    assert page.locator("#creditmemos-grid tbody tr").count() == 1
    page.goto("/admin/catalog/products?f_sku=24-WB03")
    lines = cell_lines(page, '#products-grid tr[data-sku="24-WB03"]', "salable-qty")
    assert lines == ["US Stock: 100"]
