"""What makes a source valid, as Magento's source validators decide it."""

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sellable.inventory.domain import (
    DEFAULT_SOURCE_CODE,
    Problem,
    empty_problems,
    is_blank,
)

REQUIRED = ("name", "source_code", "country_id", "postcode")
PICKUP_REQUIRED = ("city", "street")
_TEMPLATE_INJECTION = re.compile(r"\$[:]*{(.)*}")
_WHITESPACE = re.compile(r"\s")
_RANGES = {"latitude": Decimal(90), "longitude": Decimal(180)}


def source_problems(fields: Mapping[str, Any]) -> list[Problem]:
    """Every reason the merged source fields cannot be saved."""
    problems = empty_problems(fields, REQUIRED)
    problems += _code_problems(str(fields.get("source_code") or ""))
    problems += _special_chars(fields.get("name"))
    problems += _coordinate_problems(fields)
    problems += _default_source_problems(fields)
    problems += _pickup_problems(fields)
    return problems


def _code_problems(code: str) -> list[Problem]:
    problems: list[Problem] = []
    if _WHITESPACE.search(code):
        problems.append(
            ('"%field" can not contain whitespaces.', {"field": "source_code"})
        )
    return problems + _special_chars(code)


def _special_chars(value: object) -> list[Problem]:
    if value is not None and _TEMPLATE_INJECTION.search(str(value)):
        return [("Validation Failed", {})]
    return []


def _coordinate_problems(fields: Mapping[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    for name, limit in _RANGES.items():
        value = fields.get(name)
        if value is not None and abs(Decimal(value)) > limit:
            problems.append(
                (
                    '"%field" must be between -%limit and %limit.',
                    {"field": name, "limit": limit},
                )
            )
    return problems


def _default_source_problems(fields: Mapping[str, Any]) -> list[Problem]:
    if fields.get("source_code") != DEFAULT_SOURCE_CODE:
        return []
    problems: list[Problem] = []
    if fields.get("enabled") is False:
        problems.append(("Default source can not be disabled.", {}))
    if fields.get("is_pickup_location_active"):
        problems.append(
            ("The Default Source can not be used for In-Store Pickup Delivery.", {})
        )
    return problems


def _pickup_problems(fields: Mapping[str, Any]) -> list[Problem]:
    if not fields.get("is_pickup_location_active"):
        return []
    return [
        ('"%field" can not be empty for Pickup Location.', {"field": name})
        for name in PICKUP_REQUIRED
        if is_blank(fields.get(name))
    ]
