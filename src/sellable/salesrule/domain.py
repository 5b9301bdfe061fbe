"""Cart price rule checks that need no database."""

from datetime import date
from decimal import Decimal

from sellable.kit.errors import required_field
from sellable.salesrule.errors import InvalidRule

SIMPLE_ACTIONS = ("by_percent", "by_fixed", "cart_fixed", "buy_x_get_y")
COUPON_TYPES = ("NO_COUPON", "SPECIFIC_COUPON", "AUTO")
INVALID_VALUE = 'Invalid value of "%value" provided for the %fieldName field.'


def invalid(field: str, value: object) -> InvalidRule:
    return InvalidRule(INVALID_VALUE, {"value": str(value), "fieldName": field})


def check_required(
    name: str | None, website_ids: list[int] | None, group_ids: list[int] | None
) -> None:
    """A new rule needs a name, its websites and its customer groups."""
    if not (name or "").strip():
        raise required_field("name")
    if website_ids is None:
        raise required_field("website_ids")
    if group_ids is None:
        raise required_field("customer_group_ids")


def check_scopes(website_ids: list[int] | None, group_ids: list[int] | None) -> None:
    """Magento's validateData: an empty list of websites or groups is refused."""
    if website_ids is not None and not website_ids:
        raise InvalidRule("Please specify a website.")
    if group_ids is not None and not group_ids:
        raise InvalidRule("Please specify Customer Groups.")


def check_action(simple_action: str, discount_amount: Decimal) -> None:
    if simple_action not in SIMPLE_ACTIONS:
        raise invalid("simple_action", simple_action)
    if discount_amount < 0:
        raise invalid("discount_amount", discount_amount)
    if simple_action == "by_percent" and discount_amount > 100:
        raise InvalidRule("Percentage discount should be between 0 and 100.")


def check_coupon_type(coupon_type: str) -> None:
    if coupon_type not in COUPON_TYPES:
        raise invalid("coupon_type", coupon_type)


def parse_date(field: str, raw: str | None) -> date | None:
    """Magento accepts a date or a date-time; the rule keeps the date."""
    if raw is None or not raw.strip():
        return None
    try:
        return date.fromisoformat(raw.strip()[:10])
    except ValueError as error:
        raise invalid(field, raw) from error


def check_dates(from_date: date | None, to_date: date | None) -> None:
    if from_date and to_date and to_date < from_date:
        raise InvalidRule("End Date must follow Start Date.")
