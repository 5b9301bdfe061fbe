"""A StateReader that reads sellable's state through its REST API."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote, urlencode

import httpx

Row = dict[str, Any]
Query = list[tuple[str, str]]

PREFIX = "/rest/all/V1"


class RestStateReader:
    """Read source items, salable quantities, reservations and orders over REST."""

    def __init__(self, client: httpx.Client, admin_token: str) -> None:
        self.client = client
        self.admin_token = admin_token

    def source_items(self, skus: Sequence[str]) -> list[Row]:
        rows: list[Row] = []
        for sku in skus:
            answer = self._get("/inventory/source-items", _filter("sku", sku))
            rows += [_source_row(item) for item in answer["items"]]
        return rows

    def salable_qty(self, stock_id: int, sku: str) -> float | int | None:
        path = f"/inventory/get-product-salable-quantity/{quote(sku)}/{stock_id}"
        answer: float | int | None = self._get(path)
        return answer

    def reservations(self) -> list[Row]:
        query = [("searchCriteria[pageSize]", "10000")]
        items = self._get("/inventory/reservations", query)["items"]
        rows = [_reservation_row(item) for item in items]
        return sorted(rows, key=lambda row: int(row["reservation_id"]))

    def order(self, order_id: int | str) -> Row:
        order: Row = self._get(f"/orders/{order_id}")
        extension = order.get("extension_attributes") or {}
        if "pickup_location_code" in extension:
            order.setdefault("pickup_location_code", extension["pickup_location_code"])
        sources = self._shipment_sources(order_id)
        if len(sources) == 1:
            order.setdefault("shipment_source_code", sources[0])
        elif sources:
            order.setdefault("shipment_source_code", sources)
        return order

    def _shipment_sources(self, order_id: int | str) -> list[str]:
        query = _filter("order_id", str(order_id))
        response = self._request("/shipments", query)
        if response.status_code != 200:
            return []
        items = response.json().get("items") or []
        codes = {
            (item.get("extension_attributes") or {}).get("source_code")
            for item in items
        }
        return sorted(code for code in codes if code)

    def _get(self, path: str, query: Query | None = None) -> Any:
        response = self._request(path, query or [])
        if response.status_code != 200:
            url = response.request.url
            raise AssertionError(
                f"GET {url} answered {response.status_code}: {response.text}"
            )
        return response.json()

    def _request(self, path: str, query: Query) -> httpx.Response:
        url = PREFIX + path
        if query:
            url += "?" + urlencode(query, quote_via=quote)
        headers = {
            "Authorization": f"Bearer {self.admin_token}",
            "Content-Type": "application/json",
        }
        return self.client.request("GET", url, headers=headers)


def _filter(field: str, value: str) -> Query:
    base = "searchCriteria[filter_groups][0][filters][0]"
    return [
        (f"{base}[field]", field),
        (f"{base}[value]", value),
        (f"{base}[condition_type]", "eq"),
    ]


def _source_row(item: Row) -> Row:
    fields = ("sku", "source_code", "quantity", "status")
    return {field: item.get(field) for field in fields}


def _reservation_row(item: Row) -> Row:
    metadata = item.get("metadata")
    if isinstance(metadata, str):
        metadata = json.loads(metadata) if metadata else {}
    return {**item, "metadata": metadata}
