"""In-store pickup location search in plain Python: filter, measure, sort, page."""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

# Magento's search request filter names -> pickup location fields.
FILTER_FIELDS = {
    "country": "country_id",
    "postcode": "postcode",
    "region": "region",
    "region_id": "region_id",
    "city": "city",
    "street": "street",
    "name": "name",
    "pickup_location_code": "pickup_location_code",
}
LOCATION_FIELDS = (
    "pickup_location_code", "name", "email", "fax", "contact_name", "description",
    "latitude", "longitude", "country_id", "region_id", "region", "city", "street",
    "postcode", "phone",
)  # fmt: skip


@dataclass(frozen=True)
class LocationFilter:
    field: str
    value: str
    condition_type: str = "eq"


@dataclass(frozen=True)
class SortOrder:
    field: str
    direction: str = "ASC"


@dataclass(frozen=True)
class PickupSearch:
    """A parsed Magento search request for pickup locations."""

    scope_type: str
    scope_code: str
    radius: int | None = None
    search_term: str | None = None
    filters: tuple[LocationFilter, ...] = ()
    skus: tuple[str, ...] = ()
    sort: tuple[SortOrder, ...] = ()
    page_size: int | None = None
    current_page: int = 1

    def echo(self) -> dict[str, Any]:
        """The search_request block Magento repeats in the result."""
        echoed: dict[str, Any] = {}
        if self.search_term is not None:
            echoed["area"] = {"radius": self.radius, "search_term": self.search_term}
        if self.filters:
            echoed["filters"] = {
                f.field: {"value": f.value, "condition_type": f.condition_type}
                for f in self.filters
            }
        if self.page_size is not None:
            echoed["page_size"] = self.page_size
        echoed["current_page"] = self.current_page
        echoed["scope_type"] = self.scope_type
        echoed["scope_code"] = self.scope_code
        if self.sort:
            echoed["sort"] = [
                {"field": s.field, "direction": s.direction} for s in self.sort
            ]
        if self.skus:
            products = [{"sku": sku} for sku in self.skus]
            echoed["extension_attributes"] = {"products_info": products}
        return echoed


@dataclass(frozen=True)
class PickupLocation:
    """A source offered as a pickup location, with its distance when searched."""

    fields: Mapping[str, Any]
    distance_km: float | None = field(default=None, compare=False)

    @property
    def code(self) -> str:
        return str(self.fields["pickup_location_code"])


def matches(location: PickupLocation, condition: LocationFilter) -> bool:
    """Whether a location passes one filter (eq, neq, like, nlike, in, nin)."""
    actual = "" if (raw := location.fields.get(condition.field)) is None else str(raw)
    wanted = condition.value
    kind = condition.condition_type.lower()
    if kind in {"in", "nin"}:
        found = actual.lower() in {part.strip().lower() for part in wanted.split(",")}
        return found if kind == "in" else not found
    if kind in {"like", "nlike"}:
        found = like_pattern(wanted).fullmatch(actual) is not None
        return found if kind == "like" else not found
    if kind == "neq":
        return actual.lower() != wanted.lower()
    return actual.lower() == wanted.lower()


def like_pattern(value: str) -> re.Pattern[str]:
    """SQL LIKE as a case-insensitive regular expression."""
    parts = (".*" if c == "%" else "." if c == "_" else re.escape(c) for c in value)
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


def within_radius(location: PickupLocation, radius: int | None) -> bool:
    if radius is None:
        return True
    return location.distance_km is not None and location.distance_km <= radius


def sort_key(location: PickupLocation, field_name: str) -> tuple[bool, Any]:
    value = (
        location.distance_km
        if field_name == "distance"
        else location.fields.get(field_name)
    )
    if isinstance(value, Decimal):
        value = float(value)
    return (value is None, value if value is not None else 0)


def sorted_locations(
    locations: Sequence[PickupLocation], orders: Sequence[SortOrder], by_distance: bool
) -> list[PickupLocation]:
    """Requested sort orders, else nearest first (else by code); stable."""
    ordered = sorted(locations, key=lambda location: location.code)
    if not orders and by_distance:
        orders = (SortOrder("distance"),)
    for order in reversed(orders):
        ordered.sort(
            key=lambda location: sort_key(location, order.field),
            reverse=order.direction.upper() == "DESC",
        )
    return ordered


def search(
    locations: Sequence[PickupLocation], request: PickupSearch
) -> tuple[list[PickupLocation], int]:
    """The page of matching locations and how many matched in all."""
    found = [
        location
        for location in locations
        if within_radius(location, request.radius if request.search_term else None)
        and all(matches(location, condition) for condition in request.filters)
    ]
    ordered = sorted_locations(found, request.sort, request.search_term is not None)
    if request.page_size is None:
        return ordered, len(ordered)
    start = (request.current_page - 1) * request.page_size
    return ordered[start : start + request.page_size], len(ordered)
