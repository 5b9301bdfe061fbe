"""Search columns that convert filter values to the column's type.

searchCriteria values arrive as text; PostgreSQL refuses `integer = varchar`,
so numeric and boolean columns convert the value first (400 when it cannot).
"""

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Boolean, Integer, Numeric

from sellable.kit.errors import InputError

TRUE = {"1", "true", "yes"}


class TypedColumn:
    """Delegates to the column; comparisons see a converted value."""

    __hash__ = None  # type: ignore[assignment]

    def __init__(self, column: Any, convert: Callable[[Any], Any]) -> None:
        self.column = column
        self.convert = convert

    def _value(self, value: Any) -> Any:
        try:
            return self.convert(value)
        except (ValueError, InvalidOperation):
            raise InputError(
                'Invalid value of "%value" provided for the %fieldName field.',
                {"value": value, "fieldName": self.column.key},
            ) from None

    def __eq__(self, value: Any) -> Any:  # type: ignore[override]
        return self.column == self._value(value)

    def __ne__(self, value: Any) -> Any:  # type: ignore[override]
        return self.column != self._value(value)

    def __gt__(self, value: Any) -> Any:
        return self.column > self._value(value)

    def __ge__(self, value: Any) -> Any:
        return self.column >= self._value(value)

    def __lt__(self, value: Any) -> Any:
        return self.column < self._value(value)

    def __le__(self, value: Any) -> Any:
        return self.column <= self._value(value)

    def in_(self, values: Iterable[Any]) -> Any:
        return self.column.in_([self._value(v) for v in values])

    def not_in(self, values: Iterable[Any]) -> Any:
        return self.column.not_in([self._value(v) for v in values])

    def __getattr__(self, name: str) -> Any:
        return getattr(self.column, name)


def _boolean(value: Any) -> bool:
    return str(value).strip().lower() in TRUE


def _converter(column: Any) -> Callable[[Any], Any] | None:
    kind = column.type
    if isinstance(kind, Boolean):
        return _boolean
    if isinstance(kind, Integer):
        return lambda value: int(str(value).strip())
    if isinstance(kind, Numeric):
        return lambda value: Decimal(str(value).strip())
    return None


def typed(columns: Mapping[str, Any]) -> dict[str, Any]:
    """The same search columns, numeric and boolean ones converting values."""
    found: dict[str, Any] = {}
    for name, column in columns.items():
        convert = _converter(column)
        found[name] = column if convert is None else TypedColumn(column, convert)
    return found
