"""Cart price rule conditions, evaluated on a cart in plain Python.

A condition tree is Magento's REST shape: `condition_type`, `aggregator_type`,
`operator`, `attribute_name`, `value`, `conditions`. Supported: Combine (all or
any, true or false), Address (cart attributes such as `base_subtotal`),
Product\\Found, Product\\Subselect and Product (item attributes). An attribute
the cart does not know (a category of an uncategorised product, a custom
product attribute) never matches.
"""

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

Facts = Mapping[str, Any]
Condition = Mapping[str, Any]

LIST_OPERATORS = frozenset({"()", "!()", "{}", "!{}"})


def matches_cart(
    condition: Condition | None, cart: Facts, items: Sequence[Facts]
) -> bool:
    """Whether the rule's cart condition holds for the cart and its items."""
    if not condition:
        return True
    return _evaluate(condition, cart, items)


def matches_item(condition: Condition | None, item: Facts) -> bool:
    """Whether an item passes the rule's action (item) condition."""
    if not condition:
        return True
    kind = _kind(condition)
    if kind in {"combine", "product_combine"}:
        return _combine(condition, lambda child: matches_item(child, item))
    return compare(item.get(str(condition.get("attribute_name"))), condition)


def _kind(condition: Condition) -> str:
    name = str(condition.get("condition_type", "")).rsplit("\\", 1)[-1].lower()
    path = str(condition.get("condition_type", "")).lower()
    if "product\\found" in path or name == "found":
        return "found"
    if "subselect" in path:
        return "subselect"
    if name == "combine":
        return "product_combine" if "product\\combine" in path else "combine"
    if name == "address":
        return "address"
    return "product"


def _evaluate(condition: Condition, cart: Facts, items: Sequence[Facts]) -> bool:
    kind = _kind(condition)
    if kind == "combine":
        return _combine(condition, lambda child: _evaluate(child, cart, items))
    if kind == "found":
        return _found(condition, items)
    if kind == "subselect":
        return _subselect(condition, items)
    if kind == "address":
        return compare(cart.get(str(condition.get("attribute_name"))), condition)
    return any(
        compare(item.get(str(condition.get("attribute_name"))), condition)
        for item in items
    )


def _combine(condition: Condition, check: Callable[[Condition], bool]) -> bool:
    children: list[Condition] = list(condition.get("conditions") or [])
    if not children:
        return True
    wanted = _truthy(condition.get("value", "1"))
    results = [check(child) == wanted for child in children]
    if str(condition.get("aggregator_type", "all")) == "any":
        return any(results)
    return all(results)


def _found(condition: Condition, items: Sequence[Facts]) -> bool:
    """FOUND (value 1): some item matches; NOT FOUND (value 0): none does."""
    children = list(condition.get("conditions") or [])
    every = str(condition.get("aggregator_type", "all")) != "any"

    def item_matches(item: Facts) -> bool:
        results = [matches_item(child, item) for child in children]
        if not results:
            return True
        return all(results) if every else any(results)

    found = any(item_matches(item) for item in items)
    return found if _truthy(condition.get("value", "1")) else not found


def _subselect(condition: Condition, items: Sequence[Facts]) -> bool:
    """The sum of qty or base_row_total over matching items, compared."""
    attribute = str(condition.get("attribute_name", "qty"))
    field = "quote_item_qty" if attribute == "qty" else "quote_item_row_total"
    inner = {**condition, "condition_type": "Product\\Combine", "value": "1"}
    total = sum(
        (Decimal(item.get(field, 0)) for item in items if matches_item(inner, item)),
        Decimal(0),
    )
    return compare(total, condition)


def compare(actual: Any, condition: Condition) -> bool:
    """Apply a Magento operator (==, !=, >=, >, <=, <, {}, !{}, (), !()) to a value."""
    operator = str(condition.get("operator") or "==")
    expected = condition.get("value")
    if isinstance(actual, list | tuple | set | frozenset):
        return _compare_many([str(v) for v in actual], operator, expected)
    if actual is None:
        return operator in {"!=", "!{}", "!()"}
    if operator in LIST_OPERATORS:
        return _compare_many([str(actual)], operator, expected)
    return _compare_one(actual, operator, expected)


def _compare_one(actual: Any, operator: str, expected: Any) -> bool:
    left, right = _number(actual), _number(expected)
    if left is None or right is None:
        left_text, right_text = str(actual).lower(), str(expected).lower()
        return {"==": left_text == right_text, "!=": left_text != right_text}.get(
            operator, False
        )
    return {
        "==": left == right,
        "!=": left != right,
        ">=": left >= right,
        ">": left > right,
        "<=": left <= right,
        "<": left < right,
    }.get(operator, False)


def _compare_many(actual: list[str], operator: str, expected: Any) -> bool:
    wanted = _values(expected)
    overlap = bool(set(actual) & set(wanted))
    if operator in {"!=", "!{}", "!()"}:
        return not overlap
    if operator in {"==", "{}", "()"}:
        return overlap
    return False


def _values(expected: Any) -> list[str]:
    if isinstance(expected, list | tuple):
        return [str(v).strip() for v in expected]
    return [part.strip() for part in str(expected or "").split(",") if part.strip()]


def _number(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None


def _truthy(value: Any) -> bool:
    return str(value).strip().lower() not in {"0", "false", ""}
