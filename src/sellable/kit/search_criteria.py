"""Magento searchCriteria: parse the query string, apply it to a select."""

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, cast, func, or_, select
from sqlalchemy.orm import Session

from sellable.kit.errors import InputError

_KEY = re.compile(r"\[([^\]]*)\]")
DEFAULT_PAGE_SIZE = 10_000


@dataclass(frozen=True)
class Filter:
    field: str
    value: str
    condition_type: str = "eq"


@dataclass(frozen=True)
class SortOrder:
    field: str
    direction: str = "ASC"


@dataclass
class SearchCriteria:
    filter_groups: list[list[Filter]] = field(default_factory=list)
    sort_orders: list[SortOrder] = field(default_factory=list)
    page_size: int | None = None
    current_page: int | None = None

    def echo(self) -> dict[str, Any]:
        """The search_criteria block Magento repeats in list responses."""
        echoed: dict[str, Any] = {
            "filter_groups": [
                {"filters": [f.__dict__ for f in group]} for group in self.filter_groups
            ]
        }
        if self.sort_orders:
            echoed["sort_orders"] = [s.__dict__ for s in self.sort_orders]
        if self.page_size is not None:
            echoed["page_size"] = self.page_size
        if self.current_page is not None:
            echoed["current_page"] = self.current_page
        return echoed


def parse_search_criteria(
    pairs: Sequence[tuple[str, str]], root: str = "searchCriteria"
) -> SearchCriteria:
    """Read searchCriteria[...] pairs into a SearchCriteria."""
    tree: dict[str, Any] = {}
    for name, value in pairs:
        if not name.startswith(root + "["):
            continue
        keys = _KEY.findall(name[len(root) :])
        _insert(tree, keys, value)
    return _build(tree)


def _insert(tree: dict[str, Any], keys: list[str], value: str) -> None:
    node = tree
    for key in keys[:-1]:
        node = node.setdefault(key, {})
        if not isinstance(node, dict):
            raise InputError("Invalid search criteria.")
    if keys:
        node[keys[-1]] = value


def _ordered(node: Any) -> list[Any]:
    if not isinstance(node, dict):
        return []
    return [node[key] for key in sorted(node, key=_index)]


def _index(key: str) -> int:
    return int(key) if key.isdigit() else 0


def _build(tree: dict[str, Any]) -> SearchCriteria:
    groups = [
        [_filter(raw) for raw in _ordered(group.get("filters", {}))]
        for group in _ordered(tree.get("filter_groups", tree.get("filterGroups", {})))
        if isinstance(group, dict)
    ]
    sorts = [
        SortOrder(raw.get("field", ""), str(raw.get("direction", "ASC")).upper())
        for raw in _ordered(tree.get("sort_orders", tree.get("sortOrders", {})))
        if isinstance(raw, dict)
    ]
    return SearchCriteria(
        filter_groups=[g for g in groups if g],
        sort_orders=sorts,
        page_size=_positive(tree.get("page_size", tree.get("pageSize")), "pageSize"),
        current_page=_positive(
            tree.get("current_page", tree.get("currentPage")), "currentPage"
        ),
    )


def _filter(raw: Any) -> Filter:
    if not isinstance(raw, dict) or not raw.get("field"):
        raise InputError(
            '"%fieldName" is required. Enter and try again.', {"fieldName": "field"}
        )
    condition = str(raw.get("condition_type", raw.get("conditionType", "eq")))
    return Filter(str(raw["field"]), str(raw.get("value", "")), condition)


def _positive(raw: Any, name: str) -> int | None:
    if raw is None or raw == "":
        return None
    if not str(raw).isdigit():
        raise InputError(
            'Invalid value of "%value" provided for the %fieldName field.',
            {"value": raw, "fieldName": name},
        )
    return int(raw)


Columns = Mapping[str, Any]


def model_columns(model: type, names: Iterable[str]) -> dict[str, Any]:
    """Searchable columns of a model, keyed by their attribute names."""
    return {name: getattr(model, name) for name in names}


def condition(column: Any, flt: Filter) -> ColumnElement[bool]:
    """Translate one Magento condition type to SQL."""
    kind = flt.condition_type.lower()
    if kind in TEXT_CONDITIONS:
        return _text_condition(column, flt)
    value = typed_value(column, flt)
    builders: dict[str, Callable[[], ColumnElement[bool]]] = {
        "eq": lambda: column == value,
        "neq": lambda: column != value,
        "in": lambda: column.in_(value),
        "nin": lambda: column.not_in(value),
        "gt": lambda: column > value,
        "gteq": lambda: column >= value,
        "lt": lambda: column < value,
        "lteq": lambda: column <= value,
        "moreq": lambda: column >= value,
        "from": lambda: column >= value,
        "to": lambda: column <= value,
        "null": lambda: column.is_(None),
        "notnull": lambda: column.is_not(None),
    }
    if kind not in builders:
        raise InputError('Invalid condition type "%1".', [flt.condition_type])
    return builders[kind]()


TEXT_CONDITIONS = frozenset({"like", "nlike", "finset"})
LIST_CONDITIONS = frozenset({"in", "nin"})
VALUELESS_CONDITIONS = frozenset({"null", "notnull"})
TRUE_WORDS = frozenset({"1", "true", "yes"})
FALSE_WORDS = frozenset({"0", "false", "no"})


def _text_condition(column: Any, flt: Filter) -> ColumnElement[bool]:
    """LIKE works on text; other columns are compared as their text form."""
    text = column if _python_type(column) is str else cast(column, String)
    kind = flt.condition_type.lower()
    if kind == "finset":
        return text.like(f"%{flt.value}%")
    return text.like(flt.value) if kind == "like" else text.not_like(flt.value)


def typed_value(column: Any, flt: Filter) -> Any:
    """The filter value parsed as the column's type: values arrive as text.

    PostgreSQL refuses `integer = varchar`, so comparing without this would
    fail for every numeric, boolean or date column.
    """
    kind = flt.condition_type.lower()
    if kind in VALUELESS_CONDITIONS:
        return None
    if kind in LIST_CONDITIONS:
        return [_parse(column, flt, part) for part in _split(flt.value)]
    return _parse(column, flt, flt.value)


def _parse(column: Any, flt: Filter, raw: str) -> Any:
    python_type = _python_type(column)
    try:
        return _PARSERS.get(python_type, str)(raw.strip())
    except (ValueError, ArithmeticError):
        raise InputError(
            'Invalid value of "%value" provided for the %fieldName field.',
            {"value": raw, "fieldName": flt.field},
        ) from None


def _python_type(column: Any) -> type | None:
    try:
        return column.type.python_type  # type: ignore[no-any-return]
    except (AttributeError, NotImplementedError):
        return None


def _boolean(raw: str) -> bool:
    word = raw.lower()
    if word not in TRUE_WORDS | FALSE_WORDS:
        raise ValueError(raw)
    return word in TRUE_WORDS


def _datetime(raw: str) -> datetime:
    moment = datetime.fromisoformat(raw.replace(" ", "T", 1))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


_PARSERS: dict[type | None, Callable[[str], Any]] = {
    int: int,
    Decimal: Decimal,
    float: float,
    bool: _boolean,
    datetime: _datetime,
    date: lambda raw: date.fromisoformat(raw[:10]),
}


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _column(columns: Columns, name: str) -> Any:
    if name not in columns:
        raise InputError('Invalid search field "%1".', [name])
    return columns[name]


def apply_filters(
    stmt: Select[Any], criteria: SearchCriteria, columns: Columns
) -> Select[Any]:
    """Filters in a group are OR-ed; groups are AND-ed, as in Magento."""
    clauses = [
        or_(*(condition(_column(columns, f.field), f) for f in group))
        for group in criteria.filter_groups
    ]
    return stmt.where(and_(*clauses)) if clauses else stmt


def apply_sorting_and_paging(
    stmt: Select[Any], criteria: SearchCriteria, columns: Columns, default_order: Any
) -> Select[Any]:
    for order in criteria.sort_orders:
        column = _column(columns, order.field)
        stmt = stmt.order_by(
            column.desc() if order.direction == "DESC" else column.asc()
        )
    stmt = stmt.order_by(default_order)
    size = criteria.page_size or DEFAULT_PAGE_SIZE
    page = max(criteria.current_page or 1, 1)
    return stmt.limit(size).offset((page - 1) * size)


def search(
    session: Session,
    stmt: Select[Any],
    criteria: SearchCriteria,
    columns: Columns,
    default_order: Any,
) -> tuple[list[Any], int]:
    """Run a filtered, sorted, paged search; answer the page and the total."""
    filtered = apply_filters(stmt, criteria, columns)
    total = session.scalar(
        select(func.count()).select_from(filtered.order_by(None).subquery())
    )
    page = apply_sorting_and_paging(filtered, criteria, columns, default_order)
    return list(session.scalars(page)), int(total or 0)


def search_result(
    items: list[Any], criteria: SearchCriteria, total: int
) -> dict[str, Any]:
    return {"items": items, "search_criteria": criteria.echo(), "total_count": total}
