"""The cart price rules that may apply to a cart (loaded from `salesrule`)."""

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from sellable.kit.types import utcnow
from sellable.salesrule.discount import Rule
from sellable.salesrule.models import (
    SalesRule,
    SalesRuleCustomerGroup,
    SalesRuleWebsite,
)

NO_COUPON = "NO_COUPON"
DEFAULT_LABEL = "Discount"


def rules_for_cart(
    session: Session,
    website_id: int,
    customer_group_id: int,
    store_id: int,
    today: date | None = None,
) -> list[Rule]:
    """Active, dated, coupon-free rules of the website and customer group."""
    today = today or utcnow().date()
    rows = session.scalars(
        select(SalesRule)
        .join(SalesRuleWebsite, SalesRuleWebsite.rule_id == SalesRule.rule_id)
        .join(
            SalesRuleCustomerGroup, SalesRuleCustomerGroup.rule_id == SalesRule.rule_id
        )
        .where(
            SalesRule.is_active.is_(True),
            SalesRule.coupon_type == NO_COUPON,
            SalesRuleWebsite.website_id == website_id,
            SalesRuleCustomerGroup.customer_group_id == customer_group_id,
            or_(SalesRule.from_date.is_(None), SalesRule.from_date <= today),
            or_(SalesRule.to_date.is_(None), SalesRule.to_date >= today),
        )
        .order_by(SalesRule.sort_order, SalesRule.rule_id)
    ).unique()
    return [_rule(row, store_id) for row in rows]


def _rule(row: SalesRule, store_id: int) -> Rule:
    return Rule(
        rule_id=row.rule_id,
        label=store_label(row.store_labels, store_id),
        action=row.simple_action,
        amount=Decimal(row.discount_amount),
        discount_qty=Decimal(row.discount_qty)
        if row.discount_qty is not None
        else None,
        discount_step=row.discount_step,
        stop_rules_processing=row.stop_rules_processing,
        sort_order=row.sort_order,
        free_shipping=str(row.simple_free_shipping or "0"),
        apply_to_shipping=row.apply_to_shipping,
        condition=row.condition,
        action_condition=row.action_condition,
    )


def store_label(labels: list[dict[str, Any]] | None, store_id: int) -> str:
    """The rule's label for the store view, else its default label, else "Discount"."""
    by_store = {
        int(entry.get("store_id", 0)): entry.get("store_label")
        for entry in labels or []
    }
    return str(by_store.get(store_id) or by_store.get(0) or DEFAULT_LABEL)
