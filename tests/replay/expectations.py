"""The `expect` block of a fixture call, checked against one HTTP response."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.replay.matching import compare, is_number, matches, render, unmatched
from tests.replay.placeholders import NUMERIC_STRING

Expect = dict[str, Any]
Check = Callable[[Expect, Any], list[str]]

INFORMATIVE = frozenset(
    {"doc_body", "magento_2_4_body", "doc_example", "doc_body_length", "unordered"}
)


def check_response(
    expect: Expect, status: int, body: Any, *, strict_ssa_body: bool = False
) -> list[str]:
    """Return every broken expectation of a response (empty when it passes)."""
    unknown = sorted(set(expect) - set(CHECKS) - INFORMATIVE - {"status", "body"})
    if unknown:
        return [f"unknown expectation keys {unknown}: update the replay runner"]
    if status != expect["status"]:
        return [f"status: expected {expect['status']}, got {status}"]

    problems = _body_problems(expect, body, strict_ssa_body)
    for key, check in CHECKS.items():
        if key in expect:
            problems += check(expect, body)
    return problems


def ssa_problems(expected: dict[str, Any], body: Any) -> list[str]:
    """Compare `shippable` and the rows with qty_to_deduct > 0, as a set."""
    if not isinstance(body, dict):
        return [f"ssa: expected an object, got {render(body)}"]
    problems = compare(
        expected["shippable"], body.get("shippable"), where="$.shippable"
    )
    rows = [row for row in body.get("source_selection_items") or [] if _deducts(row)]
    wanted = expected["deductions"]
    where = "$.source_selection_items[qty_to_deduct>0]"
    if len(rows) != len(wanted):
        counts = f"expected {len(wanted)} deductions, got {len(rows)}"
        return [*problems, f"{where}: {counts}: {render(rows)}"]
    return problems + compare(wanted, rows, unordered=[""], where=where)


def _deducts(row: Any) -> bool:
    if not isinstance(row, dict):
        return False
    quantity = row.get("qty_to_deduct")
    return is_number(quantity) and quantity > 0


def _body_problems(expect: Expect, body: Any, strict_ssa_body: bool) -> list[str]:
    if "ssa" in expect:
        if not strict_ssa_body:
            return []
        full = expect.get("body", expect.get("magento_2_4_body"))
        return [] if full is None else compare(full, body, exact=True)
    if "body" not in expect:
        return []
    return compare(expect["body"], body, exact=True, unordered=_unordered(expect))


def _unordered(expect: Expect) -> list[str]:
    return list(expect.get("unordered", []))


def _type(expect: Expect, body: Any) -> list[str]:
    wanted = expect["type"]
    if wanted not in TYPES:
        return [f"type: unknown JSON type {wanted!r} in fixture"]
    return (
        [] if TYPES[wanted](body) else [f"type: expected {wanted}, got {render(body)}"]
    )


def _is_integer(value: Any) -> bool:
    return is_number(value) and float(value).is_integer()


def _is_integer_or_numeric_string(value: Any) -> bool:
    numeric_text = isinstance(value, str) and NUMERIC_STRING.fullmatch(value)
    return _is_integer(value) or bool(numeric_text)


TYPES: dict[str, Callable[[Any], bool]] = {
    "integer": _is_integer,
    "number": is_number,
    "string": lambda value: isinstance(value, str),
    "integer_or_numeric_string": _is_integer_or_numeric_string,
}


def _body_subset(expect: Expect, body: Any) -> list[str]:
    return compare(expect["body_subset"], body, unordered=_unordered(expect))


def _contains_item(expect: Expect, body: Any) -> list[str]:
    return _contains([expect["body_contains_item"]], body, "body_contains_item")


def _contains_items(expect: Expect, body: Any) -> list[str]:
    return _contains(expect["body_contains_items"], body, "body_contains_items")


def _contains(wanted: list[Any], body: Any, key: str) -> list[str]:
    if not isinstance(body, list):
        return [f"{key}: expected an array, got {render(body)}"]
    missing = unmatched(wanted, body, matches)
    return [f"{key}: no element matches {render(wanted[i])}" for i in missing]


def _ordered_field(expect: Expect, body: Any) -> list[str]:
    problems: list[str] = []
    for field_path, values in expect["ordered_field"].items():
        actual = field_values(body, field_path.split("."))
        where = f"ordered_field {field_path}"
        problems += compare(values, actual, exact=True, where=where)
    return problems


def field_values(node: Any, parts: list[str]) -> Any:
    """Read a dotted field through arrays: `items.code` lists every item's code."""
    if isinstance(node, list):
        return [field_values(element, parts) for element in node]
    if not parts:
        return node
    if not isinstance(node, dict) or parts[0] not in node:
        return "<missing>"
    return field_values(node[parts[0]], parts[1:])


def _payment_method_codes(expect: Expect, body: Any) -> list[str]:
    methods = body.get("payment_methods") if isinstance(body, dict) else None
    if not isinstance(methods, list):
        return [f"payment_method_codes: no payment_methods array in {render(body)}"]
    codes = {str(method.get("code")) for method in methods if isinstance(method, dict)}
    wanted = set(expect["payment_method_codes"])
    if codes == wanted:
        return []
    return [f"payment_method_codes: expected {sorted(wanted)}, got {sorted(codes)}"]


def _total_segments(expect: Expect, body: Any) -> list[str]:
    totals = body.get("totals") if isinstance(body, dict) else None
    segments = totals.get("total_segments") if isinstance(totals, dict) else None
    if not isinstance(segments, list):
        return [f"total_segments_subset: no totals.total_segments in {render(body)}"]
    by_code = {segment.get("code"): segment for segment in segments}
    problems: list[str] = []
    for wanted in expect["total_segments_subset"]:
        where = f"$.totals.total_segments[code={wanted['code']}]"
        if wanted["code"] not in by_code:
            problems.append(f"{where}: missing among {sorted(map(str, by_code))}")
            continue
        problems += compare(wanted, by_code[wanted["code"]], where=where)
    return problems


def _ssa(expect: Expect, body: Any) -> list[str]:
    return ssa_problems(expect["ssa"], body)


CHECKS: dict[str, Check] = {
    "type": _type,
    "body_subset": _body_subset,
    "body_contains_item": _contains_item,
    "body_contains_items": _contains_items,
    "ordered_field": _ordered_field,
    "payment_method_codes": _payment_method_codes,
    "total_segments_subset": _total_segments,
    "ssa": _ssa,
}
