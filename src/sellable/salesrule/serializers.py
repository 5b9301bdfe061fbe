"""Cart price rules as Magento's salesRuleDataRuleInterface JSON."""

from typing import Any

from sellable.salesrule.models import SalesRule

COMBINE = "Magento\\SalesRule\\Model\\Rule\\Condition\\Combine"
PRODUCT_COMBINE = "Magento\\SalesRule\\Model\\Rule\\Condition\\Product\\Combine"


def empty_condition(condition_type: str) -> dict[str, Any]:
    """What Magento shows for a rule without conditions: an empty 'all' block."""
    return {
        "condition_type": condition_type,
        "conditions": [],
        "aggregator_type": "all",
        "value": "1",
    }


def condition_json(condition: dict[str, Any]) -> dict[str, Any]:
    """A condition tree with the keys Magento's ConditionInterface requires.

    `operator` and `value` are required by the interface, so Magento prints them
    as null on a combine block that has none.
    """
    body = {"condition_type": condition.get("condition_type")}
    if "conditions" in condition:
        body["conditions"] = [condition_json(c) for c in condition["conditions"]]
    rest = {k: v for k, v in condition.items() if k not in ("conditions", "value")}
    return {
        **body,
        **rest,
        "operator": condition.get("operator"),
        "value": condition.get("value"),
    }


def rule_json(rule: SalesRule) -> dict[str, Any]:
    """The rule as GET /V1/salesRules/{ruleId} answers it (nulls left out)."""
    body: dict[str, Any] = {
        "rule_id": rule.rule_id,
        "name": rule.name,
        "store_labels": list(rule.store_labels or []),
        "description": rule.description,
        "website_ids": sorted(link.website_id for link in rule.websites),
        "customer_group_ids": sorted(g.customer_group_id for g in rule.customer_groups),
        "from_date": rule.from_date.isoformat() if rule.from_date else None,
        "to_date": rule.to_date.isoformat() if rule.to_date else None,
        "uses_per_customer": rule.uses_per_customer,
        "is_active": rule.is_active,
        "condition": condition_json(rule.condition or empty_condition(COMBINE)),
        "action_condition": condition_json(
            rule.action_condition or empty_condition(PRODUCT_COMBINE)
        ),
        "stop_rules_processing": rule.stop_rules_processing,
        "is_advanced": rule.is_advanced,
        "sort_order": rule.sort_order,
        "simple_action": rule.simple_action,
        "discount_amount": rule.discount_amount,
        "discount_qty": rule.discount_qty if rule.discount_qty is not None else 0,
        "discount_step": rule.discount_step,
        "apply_to_shipping": rule.apply_to_shipping,
        "times_used": rule.times_used,
        "is_rss": rule.is_rss,
        "coupon_type": rule.coupon_type,
        "use_auto_generation": rule.use_auto_generation,
        "uses_per_coupon": rule.uses_per_coupon,
        "simple_free_shipping": rule.simple_free_shipping,
    }
    return {key: value for key, value in body.items() if value is not None}
