"""searchCriteria filter values are parsed as their column's type."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
)

from sellable.kit.errors import InputError
from sellable.kit.search_criteria import (
    Filter,
    condition,
    model_columns,
    parse_search_criteria,
    typed_value,
)

TABLE = Table(
    "sample",
    MetaData(),
    Column("id", Integer),
    Column("qty", Numeric(12, 4)),
    Column("enabled", Boolean),
    Column("created_at", DateTime(timezone=True)),
    Column("sku", String(64)),
    Column("from_date", Date),
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


@pytest.mark.parametrize(
    ("word", "expected"),
    [("1", True), ("true", True), ("Yes", True), ("0", False), ("false", False)],
)
def test_boolean_words(word: str, expected: bool) -> None:
    assert typed_value(TABLE.c.enabled, Filter("enabled", word)) is expected


def test_a_date_column_keeps_the_day_of_a_date_time() -> None:
    value = typed_value(TABLE.c.from_date, Filter("from_date", "2026-09-01 10:00:00"))

    assert value == date(2026, 9, 1)


def test_one_bad_value_in_a_list_is_a_400() -> None:
    for column, raw in ((TABLE.c.id, "1,x"), (TABLE.c.enabled, "1,maybe")):
        with pytest.raises(InputError) as raised:
            typed_value(column, Filter(column.name, raw, "in"))

        assert raised.value.status_code == 400


def test_like_on_a_number_compares_its_text() -> None:
    clause = condition(TABLE.c.id, Filter("id", "1%", "like"))

    assert "CAST(sample.id AS VARCHAR) LIKE" in str(clause)


def test_like_on_text_is_a_plain_like() -> None:
    clause = condition(TABLE.c.sku, Filter("sku", "24-%", "like"))

    assert str(clause) == "sample.sku LIKE :sku_1"


def test_model_columns_are_keyed_by_attribute_name() -> None:
    class Sample:
        sku = TABLE.c.sku
        qty = TABLE.c.qty

    columns = model_columns(Sample, ("sku", "qty"))

    assert list(columns) == ["sku", "qty"]
    assert columns["sku"] is TABLE.c.sku and columns["qty"] is TABLE.c.qty
