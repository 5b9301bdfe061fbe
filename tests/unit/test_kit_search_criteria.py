"""searchCriteria filter values are parsed as their column's type."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
)

from sellable.kit.errors import InputError
from sellable.kit.search_criteria import Filter, parse_search_criteria, typed_value

TABLE = Table(
    "sample",
    MetaData(),
    Column("id", Integer),
    Column("qty", Numeric(12, 4)),
    Column("enabled", Boolean),
    Column("created_at", DateTime(timezone=True)),
    Column("sku", String(64)),
)


def test_integer_decimal_and_boolean_values_are_parsed() -> None:
    assert typed_value(TABLE.c.id, Filter("id", "7")) == 7
    assert typed_value(TABLE.c.qty, Filter("qty", "2.5", "gt")) == Decimal("2.5")
    assert typed_value(TABLE.c.enabled, Filter("enabled", "0")) is False


def test_list_conditions_parse_each_value() -> None:
    values = typed_value(TABLE.c.id, Filter("id", "1, 2,3", "in"))

    assert values == [1, 2, 3]


def test_dates_without_zone_are_read_as_utc() -> None:
    value = typed_value(TABLE.c.created_at, Filter("created_at", "2026-01-02 03:04:05"))

    assert value == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_text_stays_text() -> None:
    assert typed_value(TABLE.c.sku, Filter("sku", "24-WB01")) == "24-WB01"


def test_a_value_that_does_not_parse_is_a_400() -> None:
    with pytest.raises(InputError) as raised:
        typed_value(TABLE.c.id, Filter("id", "seven"))

    assert raised.value.status_code == 400
    assert raised.value.parameters == {"value": "seven", "fieldName": "id"}


def test_query_string_pairs_become_groups_and_sorts() -> None:
    base = "searchCriteria[filter_groups][0][filters][0]"
    criteria = parse_search_criteria(
        [
            (f"{base}[field]", "sku"),
            (f"{base}[value]", "24-%"),
            (f"{base}[condition_type]", "like"),
            ("searchCriteria[sortOrders][0][field]", "qty"),
            ("searchCriteria[sortOrders][0][direction]", "desc"),
            ("searchCriteria[pageSize]", "5"),
        ]
    )

    assert criteria.filter_groups == [[Filter("sku", "24-%", "like")]]
    assert criteria.sort_orders[0].direction == "DESC"
    assert criteria.page_size == 5
