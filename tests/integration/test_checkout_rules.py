"""Cart price rules on real carts: thresholds, activity, website, group, dates."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from sellable.catalog.models import Product
from sellable.kit.database import unit_of_work
from sellable.kit.settings import Settings
from sellable.salesrule.models import (
    SalesRule,
    SalesRuleCustomerGroup,
    SalesRuleWebsite,
)
from tests.integration.checkout_factory import (
    MINEOLA,
    Shopper,
    add_customer,
    fill_cart,
    tutorial_v23,
    tutorial_v24,
    update_rule,
)


@pytest.fixture
def jane(
    client: TestClient, session_factory: sessionmaker[Session], settings: Settings
) -> Shopper:
    tutorial_v24(session_factory)
    return add_customer(session_factory, settings)


def _totals(client: TestClient, shopper: Shopper, store: str = "default") -> Any:
    response = client.get(
        f"/rest/{store}/V1/carts/mine/totals", headers=shopper.headers
    )
    assert response.status_code == 200, response.text
    return response.json()


def _set_price(factory: sessionmaker[Session], sku: str, price: str) -> None:
    with unit_of_work(factory) as session:
        product = session.query(Product).filter_by(sku=sku).one()
        product.price = Decimal(price)


def test_subtotal_just_below_200_gets_no_discount(
    client: TestClient, jane: Shopper, session_factory: sessionmaker[Session]
) -> None:
    _set_price(session_factory, "24-WB01", "199.99")
    fill_cart(client, jane, [("24-WB01", 1)])

    totals = _totals(client, jane)

    assert (totals["subtotal"], totals["discount_amount"]) == (199.99, 0)
    assert "discount" not in {s["code"] for s in totals["total_segments"]}


def test_subtotal_of_200_or_more_gets_twenty_percent(
    client: TestClient, jane: Shopper, session_factory: sessionmaker[Session]
) -> None:
    _set_price(session_factory, "24-WB01", "199.99")
    fill_cart(client, jane, [("24-WB01", 2)])

    totals = _totals(client, jane)

    assert (totals["subtotal"], totals["discount_amount"]) == (399.98, -80)
    segment = next(s for s in totals["total_segments"] if s["code"] == "discount")
    assert (segment["title"], segment["value"]) == ("Discount (Discount)", -80)


@pytest.mark.parametrize(
    "change",
    [
        {"is_active": False},
        {"to_date": date.today() - timedelta(days=1)},
        {"from_date": date.today() + timedelta(days=1)},
        {"coupon_type": "SPECIFIC_COUPON", "coupon_code": "SAVE20"},
    ],
)
def test_inactive_expired_future_or_coupon_rule_gives_nothing(
    client: TestClient,
    jane: Shopper,
    session_factory: sessionmaker[Session],
    change: dict[str, Any],
) -> None:
    update_rule(session_factory, 3, **change)
    fill_cart(client, jane, [("24-WB01", 40)])

    assert _totals(client, jane)["discount_amount"] == 0


def test_rule_of_another_customer_group_gives_nothing(
    client: TestClient, jane: Shopper, session_factory: sessionmaker[Session]
) -> None:
    with unit_of_work(session_factory) as session:
        rule = session.get(SalesRule, 3)
        assert rule is not None
        rule.customer_groups = [SalesRuleCustomerGroup(customer_group_id=2)]
    fill_cart(client, jane, [("24-WB01", 40)])

    assert _totals(client, jane)["discount_amount"] == 0


def test_rule_applies_only_on_its_own_website(
    client: TestClient, session_factory: sessionmaker[Session], settings: Settings
) -> None:
    tutorial_v23(session_factory)
    with unit_of_work(session_factory) as session:
        rule = session.get(SalesRule, 3)
        assert rule is not None
        rule.websites = [SalesRuleWebsite(website_id=2)]
    us_shopper = add_customer(session_factory, settings, "us@example.com", 2, 2)
    base_shopper = add_customer(session_factory, settings, "base@example.com", 1, 1)
    fill_cart(client, us_shopper, [("24-WB01", 10)], store="us")
    fill_cart(client, base_shopper, [("24-WB01", 10)])

    assert _totals(client, us_shopper, "us")["discount_amount"] == -64
    assert _totals(client, base_shopper)["discount_amount"] == 0


def test_free_shipping_rule_makes_flat_rate_free(
    client: TestClient, jane: Shopper, session_factory: sessionmaker[Session]
) -> None:
    update_rule(session_factory, 2, is_active=True)
    fill_cart(client, jane, [("24-WB01", 2)])

    methods = client.post(
        "/rest/default/V1/carts/mine/estimate-shipping-methods",
        headers=jane.headers,
        json={"address": MINEOLA},
    ).json()

    assert [(m["carrier_code"], m["amount"]) for m in methods] == [("flatrate", 0)]


def test_stop_rules_processing_stops_a_later_rule(
    client: TestClient, jane: Shopper, session_factory: sessionmaker[Session]
) -> None:
    update_rule(session_factory, 3, stop_rules_processing=True, sort_order=1)
    with unit_of_work(session_factory) as session:
        extra = SalesRule(
            name="Ten more",
            simple_action="by_percent",
            discount_amount=Decimal(10),
            sort_order=2,
            store_labels=[{"store_id": 0, "store_label": "Ten"}],
        )
        extra.websites = [SalesRuleWebsite(website_id=1)]
        extra.customer_groups = [SalesRuleCustomerGroup(customer_group_id=1)]
        session.add(extra)
    fill_cart(client, jane, [("24-WB01", 10)])

    assert _totals(client, jane)["discount_amount"] == -64
