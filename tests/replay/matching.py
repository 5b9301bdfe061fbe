"""JSON comparison with the fixtures' rules: numbers, subsets, unordered arrays."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeGuard

from tests.replay.placeholders import Captured

TOLERANCE = Decimal("1e-6")


@dataclass(frozen=True)
class Rules:
    """How to compare: `exact` forbids extra keys; `unordered` lists dotted paths."""

    exact: bool
    unordered: frozenset[str]


@dataclass(frozen=True)
class Location:
    """Where a value sits: a JSON path for messages, a dotted path for rules."""

    json_path: str = "$"
    dotted: str = ""

    def key(self, name: str) -> Location:
        dotted = f"{self.dotted}.{name}" if self.dotted else name
        return Location(f"{self.json_path}.{name}", dotted)

    def index(self, position: int) -> Location:
        return Location(f"{self.json_path}[{position}]", self.dotted)


def compare(
    expected: Any,
    actual: Any,
    *,
    exact: bool = False,
    unordered: Iterable[str] = (),
    where: str = "$",
) -> list[str]:
    """Return readable mismatches of `actual` against `expected` (empty if equal)."""
    rules = Rules(exact, frozenset(unordered))
    return _compare(expected, actual, rules, Location(where))


def matches(expected: Any, actual: Any, *, exact: bool = False) -> bool:
    """True when `actual` satisfies `expected`."""
    return not compare(expected, actual, exact=exact)


def is_number(value: Any) -> TypeGuard[int | float]:
    """True for JSON numbers (booleans are not numbers)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def numbers_equal(left: Any, right: Any) -> bool:
    """Compare two numbers: 100 == 100.0 and 1917.6 == 1917.60."""
    return abs(Decimal(str(left)) - Decimal(str(right))) <= TOLERANCE


def captured_equal(value: Any, actual: Any) -> bool:
    """A captured id matches itself as a number or as a numeric string."""
    if is_number(value) and is_number(actual):
        return numbers_equal(value, actual)
    if isinstance(value, dict | list):
        return matches(value, actual)
    scalar = (str, int, float)
    if isinstance(actual, bool) or not isinstance(actual, scalar):
        return bool(value == actual)
    return str(value) == str(actual)


def unmatched(
    expected: Sequence[Any], actual: Sequence[Any], fits: Callable[[Any, Any], bool]
) -> list[int]:
    """Indices of expected elements left without a distinct matching actual one."""
    options = [[j for j, item in enumerate(actual) if fits(e, item)] for e in expected]
    owner: dict[int, int] = {}

    def claim(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or claim(owner[j], seen):
                owner[j] = i
                return True
        return False

    return [i for i in range(len(expected)) if not claim(i, set())]


def render(value: Any) -> str:
    """JSON text of a value, showing captured placeholders by their value."""
    return json.dumps(value, default=_plain, sort_keys=False)


def _plain(value: Any) -> Any:
    if isinstance(value, Captured):
        return value.value
    return repr(value)


def _compare(expected: Any, actual: Any, rules: Rules, at: Location) -> list[str]:
    if isinstance(expected, Captured):
        return _compare_captured(expected, actual, at)
    if isinstance(expected, dict):
        return _compare_dict(expected, actual, rules, at)
    if isinstance(expected, list):
        return _compare_list(expected, actual, rules, at)
    if is_number(expected):
        equal = is_number(actual) and numbers_equal(expected, actual)
        return [] if equal else [_differs(at, expected, actual)]
    equal = type(expected) is type(actual) and expected == actual
    return [] if equal else [_differs(at, expected, actual)]


def _compare_captured(expected: Captured, actual: Any, at: Location) -> list[str]:
    if captured_equal(expected.value, actual):
        return []
    shown = f"{{{expected.name}}} = {render(expected.value)}"
    return [f"{at.json_path}: expected {shown}, got {render(actual)}"]


def _compare_dict(
    expected: dict[str, Any], actual: Any, rules: Rules, at: Location
) -> list[str]:
    if not isinstance(actual, dict):
        return [f"{at.json_path}: expected an object, got {render(actual)}"]
    problems = [f"{at.key(k).json_path}: missing" for k in expected if k not in actual]
    if rules.exact:
        extra = sorted(set(actual) - set(expected))
        problems += [f"{at.key(k).json_path}: unexpected key" for k in extra]
    for key in expected:
        if key in actual:
            problems += _compare(expected[key], actual[key], rules, at.key(key))
    return problems


def _compare_list(
    expected: list[Any], actual: Any, rules: Rules, at: Location
) -> list[str]:
    if not isinstance(actual, list):
        return [f"{at.json_path}: expected an array, got {render(actual)}"]
    if at.dotted in rules.unordered:
        return _compare_multiset(expected, actual, rules, at)
    if len(expected) != len(actual):
        counts = f"expected {len(expected)} elements, got {len(actual)}"
        return [f"{at.json_path}: {counts}: {render(actual)}"]
    problems: list[str] = []
    for position, (wanted, got) in enumerate(zip(expected, actual, strict=True)):
        problems += _compare(wanted, got, rules, at.index(position))
    return problems


def _compare_multiset(
    expected: list[Any], actual: list[Any], rules: Rules, at: Location
) -> list[str]:
    if rules.exact and len(expected) != len(actual):
        counts = f"expected {len(expected)} elements, got {len(actual)}"
        return [f"{at.json_path}: {counts} (unordered): {render(actual)}"]

    def fits(wanted: Any, got: Any) -> bool:
        return not _compare(wanted, got, rules, at.index(0))

    missing = unmatched(expected, actual, fits)
    return [
        f"{at.json_path}: no distinct element matches {render(expected[i])}"
        f" (unordered; actual {render(actual)})"
        for i in missing
    ]


def _differs(at: Location, expected: Any, actual: Any) -> str:
    return f"{at.json_path}: expected {render(expected)}, got {render(actual)}"
