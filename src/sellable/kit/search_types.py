"""Typed searchCriteria columns: filter values arrive as strings.

PostgreSQL refuses `numeric > character varying`, so a numeric, integer,
boolean or date column is wrapped with `typed(...)`: its bound values are
parsed to the column's Python type. `check_filter_values` answers a 400 for a
value that does not parse, before any SQL runs.
"""

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, Numeric, type_coerce
from sqlalchemy.types import TypeDecorator

from sellable.kit.errors import InputError
from sellable.kit.search_criteria import SearchCriteria

NO_VALUE = frozenset({"null", "notnull"})
LISTS = frozenset({"in", "nin"})


def parse_decimal(raw: str) -> Decimal:
    try:
        return Decimal(raw.strip())
    except InvalidOperation as error:
        raise ValueError(raw) from error


def parse_boolean(raw: str) -> bool:
    text = raw.strip().lower()
    if text not in {"0", "1", "true", "false"}:
        raise ValueError(raw)
    return text in {"1", "true"}


def parse_datetime(raw: str) -> datetime:
    moment = datetime.fromisoformat(raw.strip())
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_date(raw: str) -> date:
    return date.fromisoformat(raw.strip()[:10])


class _Parsed(TypeDecorator[Any]):
    """Bind strings through `parse`; anything else passes unchanged."""

    cache_ok = True
    parse: Callable[[str], Any] = str

    def process_bind_param(self, value: Any, dialect: Any) -> Any:
        return type(self).parse(value) if isinstance(value, str) else value


class DecimalValue(_Parsed):
    impl = Numeric(20, 4)
    parse = staticmethod(parse_decimal)


class IntegerValue(_Parsed):
    impl = Integer
    parse = staticmethod(int)


class BooleanValue(_Parsed):
    impl = Boolean
    parse = staticmethod(parse_boolean)


class DateTimeValue(_Parsed):
    impl = DateTime(timezone=True)
    parse = staticmethod(parse_datetime)


class DateValue(_Parsed):
    impl = Date
    parse = staticmethod(parse_date)


def typed(column: Any, kind: type[_Parsed]) -> Any:
    """The column, its filter values parsed as `kind` parses them."""
    return type_coerce(column, kind())


def check_filter_values(criteria: SearchCriteria, columns: Mapping[str, Any]) -> None:
    """400 for a filter value that a typed column cannot parse."""
    for group in criteria.filter_groups:
        for flt in group:
            kind = getattr(columns.get(flt.field), "type", None)
            if not isinstance(kind, _Parsed):
                continue
            if flt.condition_type.lower() in NO_VALUE:
                continue
            _check(kind, flt.field, flt.value, flt.condition_type.lower() in LISTS)


def _check(kind: _Parsed, field: str, value: str, is_list: bool) -> None:
    parts = [p.strip() for p in value.split(",")] if is_list else [value]
    for part in parts:
        try:
            type(kind).parse(part)
        except ValueError as error:
            raise InputError(
                'Invalid value of "%value" provided for the %fieldName field.',
                {"value": value, "fieldName": field},
            ) from error
