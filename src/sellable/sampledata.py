"""The sample data the tutorial assumes: three Luma products and two cart rules."""

from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellable.catalog.models import (
    DownloadableLink,
    Product,
    ProductStockSettings,
    ProductWebsite,
)
from sellable.inventory.models import SourceItem
from sellable.kit.errors import StateConflict
from sellable.kit.logging import get_logger
from sellable.salesrule.models import (
    SalesRule,
    SalesRuleCustomerGroup,
    SalesRuleWebsite,
)
from sellable.store.models import Website

log = get_logger(__name__)

COMBINE = "Magento\\SalesRule\\Model\\Rule\\Condition\\Combine"
ADDRESS = "Magento\\SalesRule\\Model\\Rule\\Condition\\Address"
PRODUCT_FOUND = "Magento\\SalesRule\\Model\\Rule\\Condition\\Product\\Found"
PRODUCT = "Magento\\SalesRule\\Model\\Rule\\Condition\\Product"

PRODUCTS: list[dict[str, Any]] = [
    {
        "sku": "24-WB01",
        "name": "Voyage Yoga Bag",
        "type_id": "simple",
        "price": 32,
        "attribute_set_id": 15,
        "qty": 100,
    },
    {
        "sku": "24-WB03",
        "name": "Driven Backpack",
        "type_id": "simple",
        "price": 36,
        "attribute_set_id": 15,
        "qty": 100,
    },
    {
        "sku": "240-LV06",
        "name": "Yoga Adventure",
        "type_id": "downloadable",
        "price": 22,
        "attribute_set_id": 11,
        "qty": 100,
        "links_title": "Downloads",
        "links": [{"title": "Yoga Adventure", "price": 22}],
    },
]
SKUS = [spec["sku"] for spec in PRODUCTS]


def _subtotal_at_least(amount: str) -> dict[str, Any]:
    return {
        "condition_type": COMBINE,
        "aggregator_type": "all",
        "value": "1",
        "conditions": [
            {
                "condition_type": ADDRESS,
                "attribute_name": "base_subtotal",
                "operator": ">=",
                "value": amount,
            }
        ],
    }


def _category_items(category_id: str) -> dict[str, Any]:
    return {
        "condition_type": COMBINE,
        "aggregator_type": "all",
        "value": "1",
        "conditions": [
            {
                "condition_type": PRODUCT,
                "attribute_name": "category_ids",
                "operator": "==",
                "value": category_id,
            }
        ],
    }


RULES: list[dict[str, Any]] = [
    {
        "name": "Buy 3 tee shirts and get the 4th free",
        "simple_action": "buy_x_get_y",
        "discount_amount": "1",
        "discount_step": 3,
        "action_condition": _category_items("25"),
        "label": "Buy 3 tee shirts and get the 4th free",
    },
    {
        "name": "Spend $50 or more - shipping is free!",
        "simple_action": "by_percent",
        "discount_amount": "0",
        "simple_free_shipping": "2",
        "condition": _subtotal_at_least("50"),
        "label": "Free Shipping",
    },
    {
        "name": "20% OFF Ever $200-plus purchase!*",
        "simple_action": "by_percent",
        "discount_amount": "20",
        "condition": _subtotal_at_least("200"),
        "label": "Discount",
    },
    {
        "name": "$4 Luma water bottle (save 70%)",
        "simple_action": "by_fixed",
        "discount_amount": "10",
        "coupon_type": "SPECIFIC_COUPON",
        "coupon_code": "H20",
        "action_condition": _category_items("47"),
        "label": "$4 Luma water bottle",
    },
]


class SampleDataInstalled(StateConflict):
    template = "The sample data is already installed (product %1 exists)."


def install_sample_data(
    session: Session, website_codes: tuple[str, ...] = ("base",)
) -> None:
    """Products with 100 units each in the default source, and Luma's cart rules."""
    existing = session.scalar(select(Product.sku).where(Product.sku.in_(SKUS)))
    if existing is not None:
        raise SampleDataInstalled(parameters=[existing])
    website_ids = tuple(
        session.scalars(
            select(Website.website_id).where(Website.code.in_(website_codes))
        )
    )
    for spec in PRODUCTS:
        _add_product(session, spec, website_ids)
    for spec in RULES:
        _add_rule(session, spec, website_ids)
    session.flush()
    log.info("sample_data_installed", products=len(PRODUCTS), rules=len(RULES))


def _add_product(
    session: Session, spec: dict[str, Any], website_ids: tuple[int, ...]
) -> None:
    product = Product(
        sku=spec["sku"],
        name=spec["name"],
        type_id=spec["type_id"],
        attribute_set_id=spec["attribute_set_id"],
        price=Decimal(spec["price"]),
        status=1,
        visibility=4,
        links_title=spec.get("links_title"),
    )
    product.websites = [ProductWebsite(website_id=w) for w in website_ids]
    # The tutorial needs the downloadable product stock-managed (see the spec).
    product.stock_settings = ProductStockSettings()
    product.links = [
        DownloadableLink(
            title=link["title"],
            price=Decimal(link["price"]),
            is_shareable=0,
            number_of_downloads=0,
            link_type="url",
            link_url="https://example.com/yoga-adventure.mp4",
        )
        for link in spec.get("links", [])
    ]
    session.add(product)
    session.add(
        SourceItem(
            source_code="default",
            sku=spec["sku"],
            quantity=Decimal(spec["qty"]),
            status=1,
        )
    )


def _add_rule(
    session: Session, spec: dict[str, Any], website_ids: tuple[int, ...]
) -> None:
    rule = SalesRule(
        name=spec["name"],
        is_active=True,
        simple_action=spec["simple_action"],
        discount_amount=Decimal(spec["discount_amount"]),
        discount_step=spec.get("discount_step", 0),
        simple_free_shipping=spec.get("simple_free_shipping", "0"),
        coupon_type=spec.get("coupon_type", "NO_COUPON"),
        coupon_code=spec.get("coupon_code"),
        condition=spec.get("condition"),
        action_condition=spec.get("action_condition"),
        store_labels=[{"store_id": 0, "store_label": spec["label"]}],
    )
    rule.websites = [SalesRuleWebsite(website_id=w) for w in website_ids]
    rule.customer_groups = [
        SalesRuleCustomerGroup(customer_group_id=g) for g in range(4)
    ]
    session.add(rule)
    session.flush()
