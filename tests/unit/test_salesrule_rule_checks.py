"""Cart price rule checks that need no database."""

from datetime import date
from decimal import Decimal

import pytest

from sellable.kit.errors import InputError
from sellable.salesrule import domain


def test_percent_discount_above_100_is_refused() -> None:
    domain.check_action("by_percent", Decimal(100))
    domain.check_action("by_fixed", Decimal(150))

    with pytest.raises(InputError) as error:
        domain.check_action("by_percent", Decimal("100.01"))

    assert error.value.template == "Percentage discount should be between 0 and 100."


def test_unknown_action_names_the_field() -> None:
    with pytest.raises(InputError) as error:
        domain.check_action("free_lunch", Decimal(1))

    assert error.value.parameters == {
        "value": "free_lunch",
        "fieldName": "simple_action",
    }


def test_required_fields_are_checked_in_magento_order() -> None:
    with pytest.raises(InputError) as error:
        domain.check_required("Rule", None, None)

    assert error.value.parameters == {"fieldName": "website_ids"}


def test_dates_accept_date_time_and_refuse_reversed_ranges() -> None:
    start = domain.parse_date("from_date", "2026-09-01 00:00:00")
    end = domain.parse_date("to_date", "2026-08-31")

    assert start == date(2026, 9, 1)
    assert domain.parse_date("to_date", "") is None
    with pytest.raises(InputError):
        domain.check_dates(start, end)
