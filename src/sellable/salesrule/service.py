"""Cart price rule use cases: save, load, search, delete, switch on or off."""

from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellable.customer.models import CustomerGroup
from sellable.kit.errors import InputError
from sellable.kit.logging import get_logger
from sellable.kit.search_criteria import SearchCriteria, search
from sellable.salesrule import domain
from sellable.salesrule.errors import RuleNotFound, WebsiteNotFound
from sellable.salesrule.models import (
    SalesRule,
    SalesRuleCustomerGroup,
    SalesRuleWebsite,
)
from sellable.salesrule.schemas import RuleIn
from sellable.store.models import Website

log = get_logger(__name__)

ADMIN_WEBSITE_ID = 0
SEARCH_COLUMNS: dict[str, Any] = {
    "rule_id": SalesRule.rule_id,
    "name": SalesRule.name,
    "description": SalesRule.description,
    "is_active": SalesRule.is_active,
    "from_date": SalesRule.from_date,
    "to_date": SalesRule.to_date,
    "simple_action": SalesRule.simple_action,
    "discount_amount": SalesRule.discount_amount,
    "coupon_type": SalesRule.coupon_type,
    "coupon_code": SalesRule.coupon_code,
    "sort_order": SalesRule.sort_order,
    "uses_per_customer": SalesRule.uses_per_customer,
    "times_used": SalesRule.times_used,
}
COPIED = (
    "name",
    "description",
    "uses_per_customer",
    "is_active",
    "stop_rules_processing",
    "is_advanced",
    "sort_order",
    "simple_action",
    "discount_amount",
    "discount_qty",
    "discount_step",
    "apply_to_shipping",
    "times_used",
    "is_rss",
    "coupon_type",
    "use_auto_generation",
    "uses_per_coupon",
    "coupon_code",
)


def get_rule(session: Session, rule_id: int) -> SalesRule:
    """The rule with this id; 404 when there is none."""
    rule = session.get(SalesRule, rule_id)
    if rule is None:
        raise RuleNotFound()
    return rule


def set_active(session: Session, rule_id: int, active: bool) -> None:
    """Switch a rule on or off."""
    rule = get_rule(session, rule_id)
    rule.is_active = active
    session.flush()
    log.info("sales_rule_activity_set", rule_id=rule_id, is_active=active)


def create_rule(session: Session, data: RuleIn) -> SalesRule:
    """A new cart price rule."""
    domain.check_required(data.name, data.website_ids, data.customer_group_ids)
    # Magento's salesrule.is_active defaults to 0: a rule sent without it is off.
    rule = SalesRule(name=data.name, store_labels=[], is_active=False)
    _apply(session, rule, data)
    session.add(rule)
    session.flush()
    log.info("sales_rule_created", rule_id=rule.rule_id, name=rule.name)
    return rule


def update_rule(session: Session, rule_id: int, data: RuleIn) -> SalesRule:
    """Change the fields sent; the others keep their value (Magento merges)."""
    rule = get_rule(session, rule_id)
    if "name" in data.model_fields_set and not (data.name or "").strip():
        domain.check_required(data.name, [], [])
    _apply(session, rule, data)
    session.flush()
    log.info("sales_rule_updated", rule_id=rule.rule_id)
    return rule


def delete_rule(session: Session, rule_id: int) -> None:
    session.delete(get_rule(session, rule_id))
    session.flush()
    log.info("sales_rule_deleted", rule_id=rule_id)


def search_rules(
    session: Session, criteria: SearchCriteria
) -> tuple[list[SalesRule], int]:
    """Rules matching Magento searchCriteria, and how many match in all."""
    return search(
        session, select(SalesRule), criteria, SEARCH_COLUMNS, SalesRule.rule_id
    )


def _apply(session: Session, rule: SalesRule, data: RuleIn) -> None:
    """Check the merged rule, then write what was sent."""
    sent = {f for f in data.model_fields_set if getattr(data, f) is not None}
    from_date = _date(data, "from_date", rule.from_date)
    to_date = _date(data, "to_date", rule.to_date)
    domain.check_dates(from_date, to_date)
    domain.check_scopes(data.website_ids, data.customer_group_ids)
    domain.check_action(
        data.simple_action or rule.simple_action or "by_percent",
        _amount(data.discount_amount, rule.discount_amount),
    )
    domain.check_coupon_type(data.coupon_type or rule.coupon_type or "NO_COUPON")

    for field in COPIED:
        if field in sent:
            setattr(rule, field, getattr(data, field))
    rule.from_date, rule.to_date = from_date, to_date
    _apply_structures(rule, data, sent)
    if data.website_ids is not None:
        _set_websites(session, rule, data.website_ids)
    if data.customer_group_ids is not None:
        _set_groups(session, rule, data.customer_group_ids)


def _date(data: RuleIn, field: str, current: Any) -> Any:
    if field not in data.model_fields_set:
        return current
    return domain.parse_date(field, getattr(data, field))


def _amount(sent: Decimal | None, current: Decimal | None) -> Decimal:
    if sent is not None:
        return sent
    return Decimal(current) if current is not None else Decimal(0)


def _apply_structures(rule: SalesRule, data: RuleIn, sent: set[str]) -> None:
    if "simple_free_shipping" in sent:
        rule.simple_free_shipping = str(data.simple_free_shipping)
    if "condition" in sent and data.condition is not None:
        rule.condition = data.condition.stored()
    if "action_condition" in sent and data.action_condition is not None:
        rule.action_condition = data.action_condition.stored()
    if data.store_labels is not None:
        rule.store_labels = [label.model_dump() for label in data.store_labels]


def _set_websites(session: Session, rule: SalesRule, website_ids: list[int]) -> None:
    wanted = list(dict.fromkeys(website_ids))
    known = set(
        session.scalars(
            select(Website.website_id).where(Website.website_id.in_(wanted))
        )
    )
    for website_id in wanted:
        if website_id not in known or website_id == ADMIN_WEBSITE_ID:
            raise WebsiteNotFound(parameters=[website_id])
    kept = [link for link in rule.websites if link.website_id in wanted]
    linked = {link.website_id for link in kept}
    rule.websites = kept + [
        SalesRuleWebsite(website_id=w) for w in wanted if w not in linked
    ]


def _set_groups(session: Session, rule: SalesRule, group_ids: list[int]) -> None:
    wanted = list(dict.fromkeys(group_ids))
    known = set(
        session.scalars(
            select(CustomerGroup.customer_group_id).where(
                CustomerGroup.customer_group_id.in_(wanted)
            )
        )
    )
    for group_id in wanted:
        if group_id not in known:
            raise InputError(
                "No such entity with %fieldName = %fieldValue",
                {"fieldName": "customer_group_id", "fieldValue": group_id},
            )
    kept = [link for link in rule.customer_groups if link.customer_group_id in wanted]
    linked = {link.customer_group_id for link in kept}
    rule.customer_groups = kept + [
        SalesRuleCustomerGroup(customer_group_id=g) for g in wanted if g not in linked
    ]
