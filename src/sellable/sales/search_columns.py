"""Search columns that turn searchCriteria's text values into the column's type.

`kit.search_criteria.condition` compares columns with the raw query-string
text; PostgreSQL refuses `integer = varchar`. Wrapping a column here makes
`order_id eq "3"` compare with 3. (Known shortcoming of the kit: fixing
`condition` itself would make this module unnecessary.)
"""

from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import DateTime, Integer, Numeric
from sqlalchemy.orm import InstrumentedAttribute

from sellable.kit.errors import InputError


class TypedColumn:
    """A column whose comparisons first convert the value to the column's type."""

    def __init__(self, column: InstrumentedAttribute[Any]) -> None:
        self.column = column

    def _value(self, raw: Any) -> Any:
        kind = self.column.type
        try:
            if isinstance(kind, Integer):
                return int(raw)
            if isinstance(kind, Numeric):
                return Decimal(str(raw))
            if isinstance(kind, DateTime):
                return _moment(str(raw))
        except (ValueError, InvalidOperation) as exc:
            raise InputError(
                'Invalid value of "%value" provided for the %fieldName field.',
                {"value": raw, "fieldName": self.column.key},
            ) from exc
        return raw

    def _values(self, raws: Iterable[Any]) -> list[Any]:
        return [self._value(raw) for raw in raws]

    def __eq__(self, other: object) -> Any:  # type: ignore[override]
        return self.column == self._value(other)

    def __ne__(self, other: object) -> Any:  # type: ignore[override]
        return self.column != self._value(other)

    def __gt__(self, other: Any) -> Any:
        return self.column > self._value(other)

    def __ge__(self, other: Any) -> Any:
        return self.column >= self._value(other)

    def __lt__(self, other: Any) -> Any:
        return self.column < self._value(other)

    def __le__(self, other: Any) -> Any:
        return self.column <= self._value(other)

    def in_(self, values: Iterable[Any]) -> Any:
        return self.column.in_(self._values(values))

    def not_in(self, values: Iterable[Any]) -> Any:
        return self.column.not_in(self._values(values))

    def like(self, pattern: str) -> Any:
        return self.column.like(pattern)

    def not_like(self, pattern: str) -> Any:
        return self.column.not_like(pattern)

    def is_(self, value: Any) -> Any:
        return self.column.is_(value)

    def is_not(self, value: Any) -> Any:
        return self.column.is_not(value)

    def asc(self) -> Any:
        return self.column.asc()

    def desc(self) -> Any:
        return self.column.desc()

    __hash__ = None  # type: ignore[assignment]


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text.strip().replace("T", " "))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def typed_columns(model: type, names: Iterable[str]) -> dict[str, TypedColumn]:
    """Searchable fields of a model, keyed by their Magento names."""
    return {name: TypedColumn(getattr(model, name)) for name in names}
