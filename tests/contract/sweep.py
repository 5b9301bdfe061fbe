"""After a tutorial replay, call every GET endpoint sellable serves.

Ids come from the replay's captures and from the list endpoints themselves, so
each detail endpoint is called for every entity the tutorial left behind. A cart
is opened, filled and given a shipping address so the cart GETs have something
to show. Answers are not checked here: the ContractRecorder on the client does.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx

from tests.replay.runner import TUTORIAL_SKUS, Call, TutorialReplay

PAGE = [("searchCriteria[pageSize]", "100")]


class Sweep:
    """GET calls made with a replay's tokens and store code."""

    def __init__(self, replay: TutorialReplay, store: str) -> None:
        self.replay = replay
        self.store = store
        self.answers: dict[str, str] = {}

    def run(self) -> dict[str, str]:
        """Call every GET; answers the status (and refusal) of each URL called."""
        self.sales()
        self.catalog()
        self.inventory()
        self.customers()
        self.stores_and_rules()
        self.cart()
        self.refusals()
        return self.answers

    def get(
        self,
        path: str,
        query: list[tuple[str, str]] | None = None,
        token: str = "admin",
    ) -> Any:
        """GET `/rest/<store>/V1<path>`; the JSON answer, or None unless 200."""
        response = self.send("GET", path, token, query=query)
        return response.json() if response.status_code == 200 else None

    def sales(self) -> None:
        """Orders, invoices, shipments and credit memos, listed and one by one."""
        for listing, detail in [
            ("/orders", "/orders/{}"),
            ("/invoices", "/invoices/{}"),
            ("/shipments", "/shipment/{}"),
            ("/creditmemos", "/creditmemo/{}"),
        ]:
            for entity in _items(self.get(listing, PAGE)):
                self.get(detail.format(entity["entity_id"]))

    def catalog(self) -> None:
        """Products, listed and one by one."""
        for product in _items(self.get("/products", PAGE)):
            self.get(f"/products/{quote(product['sku'])}")

    def inventory(self) -> None:
        """Sources, stocks, links, source items, salability, SSA, pickup."""
        for source in _items(self.get("/inventory/sources", PAGE)):
            self.get(f"/inventory/sources/{source['source_code']}")
        self.get("/inventory/stock-source-links", PAGE)
        self.get("/inventory/source-items", PAGE)
        for stock in _items(self.get("/inventory/stocks", PAGE)):
            self.stock(int(stock["stock_id"]))
        self.get("/inventory/stock-resolver/website/base")
        self.get("/inventory/source-selection-algorithm-list")
        self.get("/inventory/get-distance-provider-code")
        self.get("/inventory/get-distance", _distance_query())
        self.get("/inventory/get-latslngs-from-address", _address_query())
        self.get("/inventory/reservations", PAGE)
        self.get("/inventory/reservations/inconsistencies")
        self.pickup_locations()

    def stock(self, stock_id: int) -> None:
        """Everything that is answered per stock and SKU."""
        self.get(f"/inventory/stocks/{stock_id}")
        base = "/inventory/get-sources-assigned-to-stock-ordered-by-priority"
        self.get(f"{base}/{stock_id}")
        for sku in TUTORIAL_SKUS:
            self.get(f"/inventory/get-product-salable-quantity/{sku}/{stock_id}")
            self.get(f"/inventory/is-product-salable/{sku}/{stock_id}")
            base = "/inventory/is-product-salable-for-requested-qty"
            self.get(f"{base}/{sku}/{stock_id}/1")
        skus = [(f"skus[{n}]", sku) for n, sku in enumerate(TUTORIAL_SKUS)]
        stock = [("stockId", str(stock_id))]
        self.get("/inventory/are-products-salable", skus + stock)
        self.get(
            "/inventory/are-product-salable-for-requested-qty", _requests() + stock
        )

    def pickup_locations(self) -> None:
        """The pickup-location search, with the tutorial's query when it has one."""
        query = [("searchRequest[scopeCode]", "base")]
        for _, call in self._calls("search-pickup-locations"):
            query = [(str(name), str(value)) for name, value in call["query"]]
        self.get("/inventory/in-store-pickup/pickup-locations/", query, token="none")

    def customers(self) -> None:
        """Customers as the admin sees them, and the customer's own account."""
        for customer in _items(self.get("/customers/search", PAGE)):
            self.get(f"/customers/{customer['id']}")
            for address in customer.get("addresses") or []:
                self.get(f"/customers/addresses/{address['id']}")
        for path in ["/customers/me", "/customers/me/billingAddress"]:
            self.get(path, token="customer")
        self.get("/customers/me/shippingAddress", token="customer")

    def stores_and_rules(self) -> None:
        """Store lists and cart price rules."""
        for path in ["storeViews", "storeGroups", "websites", "storeConfigs"]:
            self.get(f"/store/{path}")
        for rule in _items(self.get("/salesRules/search", PAGE)):
            self.get(f"/salesRules/{rule['rule_id']}")

    def cart(self) -> None:
        """A new customer cart with one bag and a shipping address, then its GETs."""
        self.send("POST", "/carts/mine", "customer")
        item = {"cartItem": {"sku": TUTORIAL_SKUS[0], "qty": 1}}
        self.send("POST", "/carts/mine/items", "customer", body=item)
        for _, call in self._calls("shipping-information"):
            self.replay.send(call)
        for path in [
            "", "/items", "/totals", "/billing-address", "/payment-methods",
            "/payment-information",
        ]:  # fmt: skip
            self.get(f"/carts/mine{path}", token="customer")

    def refusals(self) -> None:
        """Calls that must be refused, so their 4xx answers are checked too."""
        for path in [
            "/orders/999999", "/invoices/999999", "/shipment/999999",
            "/products/NO-SUCH-SKU", "/inventory/sources/no_such_source",
            "/inventory/stocks/999999", "/customers/999999",
            "/inventory/get-product-salable-quantity/NO-SUCH-SKU/1",
        ]:  # fmt: skip
            self.get(path)
        self.get("/carts/mine", token="none")
        self.get("/orders", PAGE, token="customer")
        self.send("POST", "/inventory/sources", "admin", body={})
        self.send("POST", "/order/999999/ship", "admin", body={})
        wrong = {"username": "admin", "password": "not-the-password"}
        self.send("POST", "/integration/admin/token", "none", body=wrong)
        too_many = {"cartItem": {"sku": TUTORIAL_SKUS[0], "qty": 100000}}
        self.send("POST", "/carts/mine/items", "customer", body=too_many)

    def _calls(self, call_id: str) -> Iterator[tuple[object, Call]]:
        try:
            yield self.replay.find_call(call_id)
        except AssertionError:
            return

    def send(
        self,
        method: str,
        path: str,
        token: str,
        query: list[tuple[str, str]] | None = None,
        body: Any = None,
    ) -> httpx.Response:
        """Send one call to `/rest/<store>/V1<path>` with the replay's tokens."""
        url = f"/rest/{self.store}/V1{path}"
        call: Call = {"id": f"sweep {method} {path}", "method": method, "path": url}
        call |= {"token": token, "query": query, "body": body}
        response = self.replay.send(call)
        answer = str(response.status_code)
        if response.status_code >= 300:
            answer += f" {response.text[:120]}"
        self.answers[f"{method} {url}"] = answer
        return response


def _items(answer: Any) -> list[dict[str, Any]]:
    if not isinstance(answer, dict):
        return []
    items: list[dict[str, Any]] = answer.get("items") or []
    return items


def _requests() -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for n, sku in enumerate(TUTORIAL_SKUS):
        pairs += [(f"skuRequests[{n}][sku]", sku), (f"skuRequests[{n}][qty]", "1")]
    return pairs


def _distance_query() -> list[tuple[str, str]]:
    return [
        ("source[lat]", "40.7"), ("source[lng]", "-74.0"),
        ("destination[lat]", "34.05"), ("destination[lng]", "-118.24"),
    ]  # fmt: skip


def _address_query() -> list[tuple[str, str]]:
    return [("address[country]", "US"), ("address[postcode]", "10001")]
