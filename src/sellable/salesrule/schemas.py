"""Request bodies of the cart price rule endpoints (Magento field names)."""

from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict

_LENIENT = ConfigDict(extra="ignore")


class ConditionIn(BaseModel):
    """`salesRuleDataConditionInterface`, nested as Magento nests it."""

    model_config = _LENIENT

    condition_type: str
    conditions: list["ConditionIn"] | None = None
    aggregator_type: str | None = None
    operator: str | None = None
    attribute_name: str | None = None
    value: str | int | float | None = None

    def stored(self) -> dict[str, Any]:
        """The condition as the rule keeps it: no empty keys, values as text."""
        body: dict[str, Any] = {"condition_type": self.condition_type}
        for key in ("aggregator_type", "operator", "attribute_name"):
            if getattr(self, key) is not None:
                body[key] = getattr(self, key)
        if self.value is not None:
            body["value"] = str(self.value)
        if self.conditions is not None:
            body["conditions"] = [c.stored() for c in self.conditions]
        return body


class RuleLabelIn(BaseModel):
    model_config = _LENIENT

    store_id: int
    store_label: str


class RuleIn(BaseModel):
    """`salesRuleDataRuleInterface`; on update, absent fields keep their value."""

    model_config = _LENIENT

    rule_id: int | None = None
    name: str | None = None
    store_labels: list[RuleLabelIn] | None = None
    description: str | None = None
    website_ids: list[int] | None = None
    customer_group_ids: list[int] | None = None
    from_date: str | None = None
    to_date: str | None = None
    uses_per_customer: int | None = None
    is_active: bool | None = None
    condition: ConditionIn | None = None
    action_condition: ConditionIn | None = None
    stop_rules_processing: bool | None = None
    is_advanced: bool | None = None
    sort_order: int | None = None
    simple_action: str | None = None
    discount_amount: Decimal | None = None
    discount_qty: Decimal | None = None
    discount_step: int | None = None
    apply_to_shipping: bool | None = None
    times_used: int | None = None
    is_rss: bool | None = None
    coupon_type: str | None = None
    use_auto_generation: bool | None = None
    uses_per_coupon: int | None = None
    simple_free_shipping: str | int | None = None
    # Not in Magento's rule interface (coupons have their own API); accepted
    # so a SPECIFIC_COUPON rule can be made in one call.
    coupon_code: str | None = None


class RuleSave(BaseModel):
    """Body of POST /V1/salesRules and PUT /V1/salesRules/{ruleId}."""

    model_config = _LENIENT

    rule: RuleIn
