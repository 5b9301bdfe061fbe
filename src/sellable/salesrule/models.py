"""Cart price rules."""

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sellable.kit.database import Base


class SalesRule(Base):
    __tablename__ = "salesrule"

    rule_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text, default=None)
    is_active: Mapped[bool] = mapped_column(default=True)
    from_date: Mapped[date | None] = mapped_column(default=None)
    to_date: Mapped[date | None] = mapped_column(default=None)
    uses_per_customer: Mapped[int] = mapped_column(default=0)
    uses_per_coupon: Mapped[int] = mapped_column(default=0)
    coupon_type: Mapped[str] = mapped_column(String(32), default="NO_COUPON")
    coupon_code: Mapped[str | None] = mapped_column(String(255), default=None)
    use_auto_generation: Mapped[bool] = mapped_column(default=False)
    stop_rules_processing: Mapped[bool] = mapped_column(default=False)
    is_advanced: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(default=0)
    simple_action: Mapped[str] = mapped_column(String(32), default="by_percent")
    discount_amount: Mapped[Decimal] = mapped_column(Numeric(20, 4), default=Decimal(0))
    discount_qty: Mapped[Decimal | None] = mapped_column(Numeric(12, 4), default=None)
    discount_step: Mapped[int] = mapped_column(default=0)
    apply_to_shipping: Mapped[bool] = mapped_column(default=False)
    simple_free_shipping: Mapped[str] = mapped_column(String(32), default="0")
    times_used: Mapped[int] = mapped_column(default=0)
    is_rss: Mapped[bool] = mapped_column(default=False)
    condition: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    action_condition: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    store_labels: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    websites: Mapped[list["SalesRuleWebsite"]] = relationship(
        cascade="all, delete-orphan"
    )
    customer_groups: Mapped[list["SalesRuleCustomerGroup"]] = relationship(
        cascade="all, delete-orphan"
    )


class SalesRuleWebsite(Base):
    __tablename__ = "salesrule_website"

    rule_id: Mapped[int] = mapped_column(
        ForeignKey("salesrule.rule_id", ondelete="CASCADE"), primary_key=True
    )
    website_id: Mapped[int] = mapped_column(
        ForeignKey("store_website.website_id", ondelete="CASCADE"), primary_key=True
    )


class SalesRuleCustomerGroup(Base):
    __tablename__ = "salesrule_customer_group"

    rule_id: Mapped[int] = mapped_column(
        ForeignKey("salesrule.rule_id", ondelete="CASCADE"), primary_key=True
    )
    customer_group_id: Mapped[int] = mapped_column(primary_key=True)
