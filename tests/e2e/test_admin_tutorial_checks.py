"""The tutorial's checks in the browser: grids, quantities, order, dashboard.

The tutorial's REST calls run first against a live server; at the end of the
order, invoice and shipment steps (and at the end) a real Chromium looks at the
admin pages and the customer's dashboard and compares them with the
fixtures' `state_after`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page

from tests.e2e.browser import (  # noqa: F401 (fixtures)
    accessibility_problems,
    admin_sign_in,
    browser_page,
    cell_lines,
    chromium,
    customer_sign_in,
    live_server,
    screenshot,
)
from tests.replay.runner import FIXTURES_DIR, ApplySetup, Step, TutorialReplay

STOREFRONT = {"v2.3": "us", "v2.4": "default"}
CUSTOMER = ("jdoe@example.com", "Password1")
SKUS = ("24-WB01", "24-WB03", "240-LV06")


class CheckedReplay(TutorialReplay):
    """The replay, calling a check after a step's state has been verified."""

    checks: dict[tuple[str, str], Callable[[], None]]

    def _check_state(self, step: Step, key: str) -> None:
        super()._check_state(step, key)
        name = step.file.rsplit("/", 1)[-1]
        check = self.checks.get((name, key))
        if check is not None:
            check()


@pytest.mark.parametrize("variant", ["v2.3", "v2.4"])
def test_tutorial_checks_pass_in_the_browser(
    variant: str,
    live_server: str,  # noqa: F811
    browser_page: Page,  # noqa: F811
    admin_password: str,
    apply_setup: ApplySetup,
    backend: str,
) -> None:
    page, tag = browser_page, f"{variant}-{backend}"
    with httpx.Client(base_url=live_server, timeout=60) as client:
        replay = CheckedReplay(client, variant, admin_password, apply_setup)
        checks = TutorialChecks(page, replay, tag, admin_password)
        replay.checks = {
            ("09-order.json", "state_after"): checks.after_order,
            ("10-invoice.json", "state_after"): checks.after_invoice,
            ("12-shipment.json", "state_after"): checks.after_shipments,
        }

        replay.run()

        checks.at_the_end()


class TutorialChecks:
    """What section 9 of the spec asks to see, step by step."""

    def __init__(
        self, page: Page, replay: TutorialReplay, tag: str, password: str
    ) -> None:
        self.page, self.replay, self.tag = page, replay, tag
        self.password = password
        self.signed_in = False

    def state(self, file: str, key: str = "state_after") -> dict[str, Any]:
        data = json.loads((FIXTURES_DIR / self.replay.variant / file).read_text())
        found: dict[str, Any] = data[key]
        return found

    def admin(self, url: str, shot: str) -> Page:
        if not self.signed_in:
            admin_sign_in(self.page, self.password)
            self.signed_in = True
        self.page.goto(url)
        screenshot(self.page, f"{self.tag}-{shot}")
        assert accessibility_problems(self.page) == [], url
        return self.page

    def order_url(self) -> str:
        return f"/admin/sales/orders/{self.replay.captures['order_id']}"

    def after_order(self) -> None:
        increment_id = str(self.replay.captures["order_increment_id"])
        grid = self.admin(
            f"/admin/sales/orders?f_increment_id={increment_id}", "orders"
        )
        row = grid.locator(f'#orders-grid tr[data-increment-id="{increment_id}"]')
        assert row.locator("td.status").inner_text() == "Pending"
        self.check_products("09-order.json", "products-after-order")
        self.check_dashboard(increment_id, "Pending")

    def after_invoice(self) -> None:
        page = self.admin(self.order_url(), "order-invoiced")
        assert page.locator("#order-status").inner_text() == "Processing"
        invoices = page.locator("#invoices-grid tbody tr")
        assert invoices.count() == 1
        assert "Paid" in invoices.first.inner_text()
        self.check_products("10-invoice.json", "products-after-invoice")

    def after_shipments(self) -> None:
        page = self.admin(self.order_url(), "order-shipped")
        assert page.locator("#shipments-grid tbody tr").count() == 2
        self.check_products("12-shipment.json", "products-after-shipments")

    def at_the_end(self) -> None:
        steps = sorted(
            path.name for path in (FIXTURES_DIR / self.replay.variant).glob("*.json")
        )
        self.check_stores()
        self.check_sources()
        self.check_stocks()
        self.check_products(steps[-1], "products-at-the-end")

    def check_stores(self) -> None:
        page = self.admin("/admin/stores", "all-stores")
        text = page.locator("#stores-grid").inner_text()
        if self.replay.variant == "v2.3":
            for name in ("North America Site", "US Store View", "Europe Site"):
                assert name in text
        assert "Main Website" in text

    def check_sources(self) -> None:
        page = self.admin("/admin/inventory/sources?size=200", "sources")
        codes = page.locator("#sources-grid tbody th[scope=row]").all_inner_texts()
        wanted = {
            row["source_code"]
            for row in self.state("05-reassign-products.json")["source_items"]
        }
        assert wanted <= set(codes)

    def check_stocks(self) -> None:
        page = self.admin("/admin/inventory/stocks", "stocks")
        links = self._links()
        for stock_id, codes in links.items():
            names = [self.source_names()[code] for code in codes]
            row = page.locator(f'#stocks-grid tr[data-stock-id="{stock_id}"]')
            assert (
                cell_lines(
                    page,
                    f'#stocks-grid tr[data-stock-id="{stock_id}"]',
                    "assigned-sources",
                )
                == names
            ), row.inner_text()

    def _links(self) -> dict[int, list[str]]:
        found: dict[int, list[tuple[int, str]]] = {}
        for step in ("04-stock-source-links.json",):
            data = json.loads((FIXTURES_DIR / self.replay.variant / step).read_text())
            for call in data["calls"]:
                for link in (call.get("body") or {}).get("links", []):
                    found.setdefault(link["stock_id"], []).append(
                        (link["priority"], link["source_code"])
                    )
        return {
            stock: [code for _, code in sorted(rows)] for stock, rows in found.items()
        }

    def source_names(self) -> dict[str, str]:
        if not hasattr(self, "_names"):
            self.page.goto("/admin/inventory/sources?size=200")
            rows = self.page.locator("#sources-grid tbody tr")
            self._names = {
                row.get_attribute("data-source-code"): row.locator(
                    "td"
                ).first.inner_text()
                for row in rows.all()
            }
        return self._names  # type: ignore[return-value]

    def stock_names(self) -> dict[str, str]:
        self.page.goto("/admin/inventory/stocks")
        rows = self.page.locator("#stocks-grid tbody tr").all()
        return {
            str(row.get_attribute("data-stock-id")): row.locator("th").inner_text()
            for row in rows
        }

    def check_products(self, step_file: str, shot: str) -> None:
        state = self.state(step_file)
        sources, stocks = self.source_names(), self.stock_names()
        page = self.admin("/admin/catalog/products?f_sku=24-WB0&size=50", shot)
        self.page.goto("/admin/catalog/products?size=200")
        screenshot(page, f"{self.tag}-{shot}")
        for row in state["source_items"]:
            if "quantity" not in row:
                continue
            line = f"{sources[row['source_code']]}: {_number(row['quantity'])}"
            lines = cell_lines(
                page, f'#products-grid tr[data-sku="{row["sku"]}"]', "qty-per-source"
            )
            assert line in lines, (row, lines)
        for stock_id, per_sku in state.get("salable_qty", {}).items():
            for sku, qty in per_sku.items():
                selector = f'#products-grid tr[data-sku="{sku}"]'
                lines = cell_lines(page, selector, "salable-qty")
                if qty is None:
                    # The stock no longer holds the SKU: it leaves the column.
                    gone = [x for x in lines if x.startswith(f"{stocks[stock_id]}:")]
                    assert gone == [], (sku, lines)
                    continue
                assert f"{stocks[stock_id]}: {_number(qty)}" in lines, (sku, lines)

    def check_dashboard(self, increment_id: str, status: str) -> None:
        store = STOREFRONT[self.replay.variant]
        context = self.page.context.browser.new_context(base_url=self._base())  # type: ignore[union-attr]
        customer = context.new_page()
        try:
            customer_sign_in(customer, store, *CUSTOMER)
            screenshot(customer, f"{self.tag}-customer-dashboard")
            assert accessibility_problems(customer) == []
            row = customer.locator(f'#my-orders tr[data-increment-id="{increment_id}"]')
            assert row.locator("td.status").inner_text() == status
            row.get_by_role("link").click()
            screenshot(customer, f"{self.tag}-customer-order")
            assert customer.locator("#order-status").inner_text() == status
        finally:
            context.close()

    def _base(self) -> str:
        return self.page.url.split("/admin", 1)[0]


def _number(value: Any) -> str:
    text = f"{Decimal(str(value)):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
