"""The replay's `apply_setup` hook applies every fixture setup through the CLI."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from sellable.catalog.models import Product
from sellable.inventory.models import Geoname
from sellable.salesrule.models import SalesRule
from sellable.store import config
from sellable.store.models import StoreGroup, StoreView, Website
from tests.replay.runner import FIXTURES_DIR

ApplySetup = Callable[[dict[str, Any]], None]


def _setup_entries(variant: str) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for path in sorted((FIXTURES_DIR / variant).glob("[0-9][0-9]-*.json")):
        step = json.loads(path.read_text())
        entries += step.get("setup", []) + step.get("setup_after", [])
    return entries


def _apply_all(apply_setup: ApplySetup, variant: str) -> None:
    for entry in _setup_entries(variant):
        apply_setup(entry)


def test_v2_3_setup_builds_two_websites_and_assigns_the_products(
    apply_setup: ApplySetup, open_session: sessionmaker[Session]
) -> None:
    _apply_all(apply_setup, "v2.3")

    with open_session() as session:
        websites = dict(session.execute(select(Website.code, Website.website_id)).all())
        groups = session.scalars(select(StoreGroup).order_by(StoreGroup.group_id)).all()
        views = session.scalars(select(StoreView).order_by(StoreView.store_id)).all()
        products = session.scalars(select(Product)).all()
        use_store = config.get_value(session, "web/url/use_store")
        bank_transfer = config.get_flag(session, "payment/banktransfer/active")
        assert websites == {"admin": 0, "base": 1, "na_site": 2, "eu_site": 3}
        assert [(g.code, g.website_id) for g in groups][2:] == [
            ("na_store", 2), ("eu_store", 3),
        ]  # fmt: skip
        assert [(v.code, v.group_id, v.is_active) for v in views][2:] == [
            ("us", 2, 1), ("de", 3, 1),
        ]  # fmt: skip
        assert {p.sku: [w.website_id for w in p.websites] for p in products} == {
            "24-WB01": [1, 2, 3], "24-WB03": [1, 2, 3], "240-LV06": [1, 2, 3],
        }  # fmt: skip
    assert (use_store, bank_transfer) == ("1", True)


def test_v2_4_setup_configures_methods_rules_and_geonames(
    apply_setup: ApplySetup, open_session: sessionmaker[Session]
) -> None:
    _apply_all(apply_setup, "v2.4")

    with open_session() as session:
        flags = {
            path: config.get_flag(session, path)
            for path in ("payment/banktransfer/active", "carriers/instore/active")
        }
        provider = config.get_value(
            session, "cataloginventory/source_selection_distance_based/provider"
        )
        active = dict(
            session.execute(select(SalesRule.rule_id, SalesRule.is_active)).all()
        )
        geonames = session.scalar(select(func.count()).select_from(Geoname))
    assert flags == {
        "payment/banktransfer/active": True,
        "carriers/instore/active": True,
    }
    assert provider == "offline"
    assert active == {1: True, 2: False, 3: True, 4: True}
    assert geonames and geonames > 1000


def test_a_wrong_expected_id_fails_the_setup(apply_setup: ApplySetup) -> None:
    entry = {"kind": "website", "code": "na_site", "name": "NA", "expected_id": 7}

    with pytest.raises(AssertionError):
        apply_setup(entry)


def test_an_unknown_setup_kind_fails_loudly(apply_setup: ApplySetup) -> None:
    with pytest.raises(AssertionError, match="unknown setup kind"):
        apply_setup({"kind": "theme", "code": "luma"})
