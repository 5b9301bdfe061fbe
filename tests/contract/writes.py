"""After a tutorial replay, call the write endpoints the tutorial does not.

Every call goes through `Sweep.send`, so the ContractRecorder validates each 2xx
answer. A call that is refused is only noted: this module exercises answers, the
areas' own tests check the rules. Entities are made for the purpose (product
CONTRACT-1, a stock, a rule, a customer, two orders) so the tutorial's numbers
are left alone except where an order of one bag is placed, invoiced and refunded.
"""

from __future__ import annotations

from typing import Any

from tests.contract.sweep import Sweep

SKU = "CONTRACT-1"
BAG = "24-WB01"


class Writes:
    """Create, change and delete through every write endpoint sellable serves."""

    def __init__(self, sweep: Sweep) -> None:
        self.sweep = sweep

    def run(self) -> None:
        """All the writes, in an order where each finds what it needs."""
        self.product()
        self.inventory()
        self.sales_rule()
        self.customers()
        self.orders()
        self.guest()

    def send(
        self, method: str, path: str, body: Any = None, token: str = "admin"
    ) -> Any:
        """The JSON answer of a write, or None unless it succeeded."""
        response = self.sweep.send(method, path, token, body=body)
        ok = 200 <= response.status_code < 300 and response.content
        return response.json() if ok else None

    def product(self) -> None:
        """A simple product: created, changed, put on a website, deleted."""
        product = {
            "sku": SKU,
            "name": "Contract check",
            "price": 10,
            "type_id": "simple",
        }
        product |= {"attribute_set_id": 4, "status": 1, "visibility": 4}
        self.send("POST", "/products", {"product": product})
        self.send("PUT", f"/products/{SKU}", {"product": {"price": 11}})
        link = {"productWebsiteLink": {"sku": SKU, "website_id": 1}}
        self.send("POST", f"/products/{SKU}/websites", link)
        self.send("DELETE", f"/products/{SKU}/websites/1")
        self.send("DELETE", f"/products/{SKU}")

    def inventory(self) -> None:
        """A source saved as read, a stock with a link, bulk assign and unassign."""
        source = self.sweep.get("/inventory/sources/default")
        if source is not None:
            self.send("PUT", "/inventory/sources/default", {"source": source})

        stock = {
            "name": "Contract stock",
            "extension_attributes": {"sales_channels": []},
        }
        stock_id = self.send("POST", "/inventory/stocks", {"stock": stock})
        if isinstance(stock_id, int):
            renamed = {**stock, "stock_id": stock_id, "name": "Contract stock 2"}
            self.send("PUT", f"/inventory/stocks/{stock_id}", {"stock": renamed})
            code = self.bag_source() or "default"
            link = {"stock_id": stock_id, "source_code": code, "priority": 1}
            self.send("POST", "/inventory/stock-source-links", {"links": [link]})
            self.send("POST", "/inventory/stock-source-links-delete", {"links": [link]})
            self.send("DELETE", f"/inventory/stocks/{stock_id}")

        self.low_quantity_notification()
        bulk = {"skus": [BAG], "sourceCodes": ["default"]}
        self.send("POST", "/inventory/bulk-product-source-assign", bulk)
        self.send("POST", "/inventory/bulk-product-source-unassign", bulk)
        search = {"searchRequest": {"scopeCode": "base", "scopeType": "website"}}
        self.send(
            "POST", "/inventory/in-store-pickup/pickup-locations/", search, token="none"
        )

    def low_quantity_notification(self) -> None:
        """A notify quantity for the bag at one source: set, read, deleted."""
        code = self.bag_source()
        if code is None:
            return
        setting = {"source_code": code, "sku": BAG, "notify_stock_qty": 3}
        body = {"sourceItemConfigurations": [setting]}
        self.send("POST", "/inventory/low-quantity-notification", body)
        self.sweep.get(f"/inventory/low-quantity-notification/{code}/{BAG}")
        item = {"source_code": code, "sku": BAG}
        self.send(
            "POST",
            "/inventory/low-quantity-notifications-delete",
            {"sourceItems": [item]},
        )

    def sales_rule(self) -> None:
        """A cart price rule: created, changed, deleted."""
        rule: dict[str, Any] = {"name": "Contract rule", "website_ids": [1]}
        rule |= {"customer_group_ids": [1]}
        rule |= {
            "is_active": False,
            "simple_action": "by_percent",
            "discount_amount": 5,
        }
        rule |= {"coupon_type": "NO_COUPON", "stop_rules_processing": False}
        created = self.send("POST", "/salesRules", {"rule": rule})
        if isinstance(created, dict):
            path = f"/salesRules/{created['rule_id']}"
            self.send("PUT", path, {"rule": {"discount_amount": 6}})
            self.send("DELETE", path)

    def customers(self) -> None:
        """The tutorial's customer saved as read, and a new customer deleted."""
        me = self.sweep.get("/customers/me", token="customer")
        if me is not None:
            self.send("PUT", "/customers/me", {"customer": me}, token="customer")
            self.send("PUT", f"/customers/{me['id']}", {"customer": me})
            self.send("POST", "/carts/mine/billing-address", _billing(me), "customer")
        customer = {"email": "contract@example.com", "firstname": "C", "lastname": "K"}
        created = self.send("POST", "/customers", {"customer": customer})
        if isinstance(created, dict):
            self.send("DELETE", f"/customers/{created['id']}")

    def orders(self) -> None:
        """The sweep's cart: item changed; ordered, held, invoiced, refunded."""
        items = self.sweep.get("/carts/mine/items", token="customer") or []
        for item in items[:1]:
            change = {"cartItem": {"qty": 2, "quote_id": item["quote_id"]}}
            path = f"/carts/mine/items/{item['item_id']}"
            self.send("PUT", path, change, token="customer")
        order_id = self.place_order()
        if isinstance(order_id, int):
            self.fulfil_and_refund(order_id)

        self.sweep.cart()
        pack = {"cartItem": {"sku": "24-WB03", "qty": 1}}
        added = self.send("POST", "/carts/mine/items", pack, token="customer")
        if isinstance(added, dict):
            path = f"/carts/mine/items/{added['item_id']}"
            self.send("DELETE", path, token="customer")
        second = self.place_order()
        if isinstance(second, int):
            self.send("POST", f"/orders/{second}/cancel")

    def fulfil_and_refund(self, order_id: int) -> None:
        """Hold and release; invoice; ship one by raw shipment; refund in two."""
        self.send("POST", f"/orders/{order_id}/hold")
        self.send("POST", f"/orders/{order_id}/unhold")
        invoice_id = self.send("POST", f"/order/{order_id}/invoice", {})
        order = self.sweep.get(f"/orders/{order_id}") or {"items": []}
        lines = [
            {"order_item_id": item["item_id"], "qty": 1} for item in order["items"]
        ]
        shipment = {"order_id": order_id, "items": lines}
        source = self.bag_source()
        if source is not None:
            shipment["extension_attributes"] = {"source_code": source}
        self.send("POST", "/shipment/", {"entity": shipment})
        self.send("POST", f"/invoice/{invoice_id}/refund", {"items": lines})
        self.send("POST", f"/order/{order_id}/refund", {})

    def bag_source(self) -> str | None:
        """An enabled source of the sweep's stock that holds bags."""
        query = [("searchCriteria[filter_groups][0][filters][0][field]", "sku")]
        query += [("searchCriteria[filter_groups][0][filters][0][value]", BAG)]
        found = self.sweep.get("/inventory/source-items", query) or {}
        for item in found.get("items") or []:
            if item.get("status") == 1 and item.get("quantity", 0) >= 2:
                return str(item["source_code"])
        return None

    def guest(self) -> None:
        """A guest cart through to an order, with every guest-cart call."""
        cart_id = self.send("POST", "/guest-carts", token="none")
        if not isinstance(cart_id, str):
            return
        base = f"/guest-carts/{cart_id}"
        item = {"cartItem": {"sku": BAG, "qty": 1, "quote_id": cart_id}}
        added = self.send("POST", f"{base}/items", item, token="none")
        pack = {"cartItem": {"sku": "24-WB03", "qty": 1, "quote_id": cart_id}}
        extra = self.send("POST", f"{base}/items", pack, token="none")
        if isinstance(added, dict):
            change = {"cartItem": {"qty": 2, "quote_id": cart_id}}
            self.send("PUT", f"{base}/items/{added['item_id']}", change, "none")
        if isinstance(extra, dict):
            self.send("DELETE", f"{base}/items/{extra['item_id']}", token="none")
        self.guest_checkout(base)

    def guest_checkout(self, base: str) -> None:
        """Addresses, shipping and payment of a guest cart; its GETs between."""
        information = self.tutorial_body("shipping-information")
        if information is None:
            return
        address = information["addressInformation"]["shipping_address"]
        estimate = {"address": address}
        self.send("POST", f"{base}/estimate-shipping-methods", estimate, "none")
        self.send("POST", f"{base}/shipping-information", information, "none")
        self.send("POST", f"{base}/billing-address", {"address": address}, "none")
        for path in ["", "/items", "/totals", "/billing-address", "/payment-methods"]:
            self.sweep.get(f"{base}{path}", token="none")
        self.sweep.get(f"{base}/payment-information", token="none")
        payment = {"email": "guest@example.com", "paymentMethod": {"method": "checkmo"}}
        payment["billingAddress"] = address
        self.send("POST", f"{base}/payment-information", payment, "none")

    def tutorial_body(self, call_id: str) -> Any:
        """The body of one of the tutorial's calls, if this variant has it."""
        try:
            _, call = self.sweep.replay.find_call(call_id)
        except AssertionError:
            return None
        return call["body"]

    def revoke(self) -> None:
        """The customer's token, last: nothing after this can use it."""
        self.send(
            "POST", "/integration/customer/revoke-customer-token", token="customer"
        )

    def place_order(self) -> Any:
        """Order the customer's cart, paid by check."""
        payment = {"paymentMethod": {"method": "checkmo"}}
        answer = self.send(
            "POST", "/carts/mine/payment-information", payment, "customer"
        )
        return int(answer) if str(answer).isdigit() else None


def _billing(customer: dict[str, Any]) -> dict[str, Any]:
    address = dict((customer.get("addresses") or [{}])[0])
    for key in ("id", "customer_id", "default_billing", "default_shipping"):
        address.pop(key, None)
    region = address.pop("region", None)
    if isinstance(region, dict):
        address["region"] = region.get("region")
        address["region_code"] = region.get("region_code")
    address.setdefault("email", customer.get("email"))
    return {"address": address}
