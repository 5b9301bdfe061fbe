"""Read Magento's pickup-location search request from a query string or JSON."""

import re
from collections.abc import Iterable
from typing import Any

from sellable.inventory.pickup_domain import (
    FILTER_FIELDS,
    LocationFilter,
    PickupSearch,
    SortOrder,
)
from sellable.kit.errors import InputError, required_field

_KEY = re.compile(r"\[([^\]]*)\]")
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")
ROOT = "searchRequest"


def snake(name: str) -> str:
    return _CAMEL.sub("_", name).lower()


def query_tree(pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """`searchRequest[a][0][b]=v` pairs as nested dicts with snake_case keys."""
    tree: dict[str, Any] = {}
    for name, value in pairs:
        if not name.startswith(ROOT + "["):
            continue
        keys = [snake(key) for key in _KEY.findall(name[len(ROOT) :])]
        node = tree
        for key in keys[:-1]:
            node = node.setdefault(key, {})
            if not isinstance(node, dict):
                raise InputError("Invalid search request.")
        if keys:
            node[keys[-1]] = value
    return tree


def snake_keys(value: Any) -> Any:
    """A JSON search request with Magento's camelCase keys made snake_case."""
    if isinstance(value, dict):
        return {snake(str(key)): snake_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [snake_keys(item) for item in value]
    return value


def listed(node: Any) -> list[Any]:
    """A list, or a dict keyed by indices (from a query string), in index order."""
    if isinstance(node, list):
        return node
    if isinstance(node, dict):
        return [
            node[key]
            for key in sorted(node, key=lambda k: int(k) if k.isdigit() else 0)
        ]
    return []


def whole_number(raw: Any, name: str, minimum: int) -> int:
    text = str(raw).strip()
    if not text.lstrip("-").isdigit() or int(text) < minimum:
        raise InputError(
            'Invalid value of "%value" provided for the %fieldName field.',
            {"value": str(raw), "fieldName": name},
        )
    return int(text)


def build_search(tree: dict[str, Any], default_scope_code: str) -> PickupSearch:
    """A PickupSearch from a snake_case request tree; 400 on bad values."""
    radius, term = read_area(tree.get("area"))
    page_size = tree.get("page_size")
    return PickupSearch(
        scope_type=str(tree.get("scope_type") or "website"),
        scope_code=str(tree.get("scope_code") or default_scope_code),
        radius=radius,
        search_term=term,
        filters=read_filters(tree.get("filters")),
        skus=read_skus(tree.get("extension_attributes")),
        sort=read_sort(tree.get("sort")),
        page_size=None
        if page_size in (None, "")
        else whole_number(page_size, "pageSize", 1),
        current_page=whole_number(tree.get("current_page") or 1, "currentPage", 1),
    )


def read_area(area: Any) -> tuple[int | None, str | None]:
    if not isinstance(area, dict) or not area:
        return None, None
    term = str(area.get("search_term") or "").strip()
    if not term:
        raise required_field("searchTerm")
    if area.get("radius") in (None, ""):
        raise required_field("radius")
    return whole_number(area["radius"], "radius", 0), term


def read_filters(node: Any) -> tuple[LocationFilter, ...]:
    if not isinstance(node, dict):
        return ()
    filters = []
    for name, raw in node.items():
        if name not in FILTER_FIELDS:
            raise InputError('"%1" is not a pickup location filter.', [name])
        if not isinstance(raw, dict) or raw.get("value") in (None, ""):
            raise required_field("value")
        condition = str(raw.get("condition_type") or "eq")
        filters.append(
            LocationFilter(FILTER_FIELDS[name], str(raw["value"]), condition)
        )
    return tuple(filters)


def read_skus(extension: Any) -> tuple[str, ...]:
    if not isinstance(extension, dict):
        return ()
    skus = []
    for info in listed(extension.get("products_info")):
        if not isinstance(info, dict) or not str(info.get("sku") or "").strip():
            raise required_field("sku")
        skus.append(str(info["sku"]).strip())
    return tuple(skus)


def read_sort(node: Any) -> tuple[SortOrder, ...]:
    orders = []
    for raw in listed(node):
        if not isinstance(raw, dict) or not raw.get("field"):
            raise required_field("field")
        direction = str(raw.get("direction") or "ASC").upper()
        if direction not in {"ASC", "DESC"}:
            raise InputError(
                'Invalid value of "%value" provided for the %fieldName field.',
                {"value": direction, "fieldName": "direction"},
            )
        orders.append(SortOrder(snake(str(raw["field"])), direction))
    return tuple(orders)
