"""First start: what the tutorial's step 0 assumes, idempotence, sequences."""

import json

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellable.bootstrap import bootstrap
from sellable.catalog.models import Product
from sellable.customer.models import CustomerGroup
from sellable.kit.settings import Settings
from sellable.salesrule.models import SalesRule
from sellable.store.models import StoreGroup, StoreView, Website
from sellable.store.service import create_store_group, create_store_view, create_website
from tests.replay.runner import FIXTURES_DIR

PRECONDITIONS = json.loads(
    (FIXTURES_DIR / "v2.4" / "00-preconditions.json").read_text()
)


def _counts(session: Session) -> dict[str, int]:
    models = [Website, StoreGroup, StoreView, CustomerGroup, Product, SalesRule]
    return {
        model.__tablename__: session.scalar(select(func.count()).select_from(model))
        or 0
        for model in models
    }


def test_bootstrap_matches_the_tutorials_starting_store(session: Session) -> None:
    environment = PRECONDITIONS["environment"]

    base = session.scalar(select(Website).where(Website.code == "base"))
    group = session.get(StoreGroup, 1)
    views = {v.store_id: v for v in session.scalars(select(StoreView))}

    assert base is not None and group is not None
    expected_site = environment["websites"][0]
    assert (base.website_id, base.name, base.default_group_id) == (
        expected_site["website_id"], expected_site["name"],
        expected_site["default_group_id"],
    )  # fmt: skip
    expected_group = environment["store_groups"][0]
    assert (group.code, group.website_id, group.default_store_id) == (
        expected_group["code"], expected_group["website_id"],
        expected_group["default_store_id"],
    )  # fmt: skip
    for expected in environment["store_views"]:
        view = views[expected["id"]]
        assert (view.code, view.website_id, view.group_id) == (
            expected["code"], expected["website_id"], expected["store_group_id"],
        )  # fmt: skip


def test_bootstrap_binds_lumas_rules_to_base_in_their_order(session: Session) -> None:
    expected = {
        rule["rule_id"]: rule["name"]
        for rule in PRECONDITIONS["environment"]["cart_price_rules"]
    }

    rules = session.scalars(select(SalesRule).order_by(SalesRule.rule_id)).all()

    assert {rule.rule_id: rule.name for rule in rules} == expected
    assert all([w.website_id for w in rule.websites] == [1] for rule in rules)
    assert all(rule.is_active for rule in rules)


def test_bootstrap_twice_adds_nothing(session: Session, settings: Settings) -> None:
    before = _counts(session)

    report = bootstrap(session, settings)

    assert _counts(session) == before
    assert report.created_scope is False and report.admin_password is None


def test_new_rows_after_explicit_ids_get_the_next_ids(session: Session) -> None:
    website = create_website(session, "na_site", "North America Site")
    group = create_store_group(session, "na_store", "North America Store", "na_site")
    view = create_store_view(session, "us", "US Store View", "na_store")
    customer_group = CustomerGroup(customer_group_code="VIP", tax_class_id=3)
    session.add(customer_group)
    session.flush()

    ids = (website.website_id, group.group_id, view.store_id)
    assert ids == (2, 2, 2)
    assert customer_group.customer_group_id == 4
