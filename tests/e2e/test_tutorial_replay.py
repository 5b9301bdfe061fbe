"""Magento's MSI REST tutorial, replayed call by call against sellable.

Fixture contract (provided by tests/conftest.py):

* ``client`` (function scope): an ``httpx.Client`` bound to sellable on a fresh,
  migrated database holding the tutorial's starting data (Luma-equivalent store,
  default source and stock, the three products with managed stock, admin user,
  config defaults and cart price rules of ``00-preconditions.json``). Starlette's
  ``TestClient(app)`` is one, so is ``httpx.Client(base_url=live_server_url)``.
  Parametrized over SQLite and PostgreSQL; each test gets its own database.
* ``admin_password`` (str): the password of the ``admin`` user; it replaces
  ``<admin-password>`` in request bodies.
* ``apply_setup`` (``Callable[[dict], None]``): applies one ``setup`` or
  ``setup_after`` entry of a step file, called in file order with a deep copy of
  the entry exactly as the fixture spells it, before the step's calls (``setup``)
  or after them (``setup_after``). Kinds: ``config``, ``cli``, ``website``,
  ``store_group``, ``store_view``, ``product_websites``, ``cart_price_rule``.
  Magento-only CLI commands (``indexer:reindex``, ``cache:flush``) may be no-ops.

Optional: ``pytest --strict-ssa-body`` (if conftest registers the option) also
compares the full source-selection response with Magento 2.4's row layout.
"""

from __future__ import annotations

import copy
from typing import Any

import httpx
import pytest

from tests.replay.matching import compare
from tests.replay.runner import (
    TUTORIAL_SKUS,
    ApplySetup,
    Call,
    TutorialReplay,
    load_steps,
)

FOUNDING_NUMBERS = {
    "total_qty_ordered": 71,
    "subtotal": 2462,
    "discount_amount": 0,
    "shipping_amount": 350,
    "grand_total": 2812,
}
V2_4_NUMBERS = {
    "total_qty_ordered": 61,
    "subtotal": 2022,
    "discount_amount": -404.40,
    "shipping_amount": 300,
    "grand_total": 1917.60,
}


def test_v2_3_tutorial_replays_every_call_and_state(
    client: httpx.Client,
    admin_password: str,
    apply_setup: ApplySetup,
    request: pytest.FixtureRequest,
) -> None:
    replay = _replay(client, "v2.3", admin_password, apply_setup, request)

    result = replay.run()

    print(result.summary())
    assert len(result.records) == _runnable_calls("v2.3")


def test_v2_4_tutorial_replays_every_call_and_state(
    client: httpx.Client,
    admin_password: str,
    apply_setup: ApplySetup,
    request: pytest.FixtureRequest,
) -> None:
    replay = _replay(client, "v2.4", admin_password, apply_setup, request)

    result = replay.run()

    print(result.summary())
    assert len(result.records) == _runnable_calls("v2.4")


def test_v2_3_order_shows_the_founding_numbers(
    client: httpx.Client,
    admin_password: str,
    apply_setup: ApplySetup,
    request: pytest.FixtureRequest,
) -> None:
    replay = _replay(client, "v2.3", admin_password, apply_setup, request)

    result = replay.run()
    order = _order(client, result.captures)

    assert compare(FOUNDING_NUMBERS, order) == []


def test_v2_4_order_shows_its_own_numbers(
    client: httpx.Client,
    admin_password: str,
    apply_setup: ApplySetup,
    request: pytest.FixtureRequest,
) -> None:
    replay = _replay(client, "v2.4", admin_password, apply_setup, request)

    result = replay.run()
    order = _order(client, result.captures)

    assert compare(V2_4_NUMBERS, order) == []


def test_v2_4_literal_second_shipment_body_is_refused(
    client: httpx.Client,
    admin_password: str,
    apply_setup: ApplySetup,
    request: pytest.FixtureRequest,
) -> None:
    replay = _replay(client, "v2.4", admin_password, apply_setup, request)
    replay.run(until_call="ship-ne")
    reader = replay.reader()
    rows_before = _sorted_rows(reader.source_items(TUTORIAL_SKUS))
    ledger_before = reader.reservations()

    response = replay.send(_literal_second_shipment(replay))

    assert response.status_code == 400, response.text
    error = response.json()
    assert isinstance(error, dict), error
    assert isinstance(error.get("message"), str), error
    assert _sorted_rows(reader.source_items(TUTORIAL_SKUS)) == rows_before
    assert reader.reservations() == ledger_before


def _replay(
    client: httpx.Client,
    variant: str,
    admin_password: str,
    apply_setup: ApplySetup,
    request: pytest.FixtureRequest,
) -> TutorialReplay:
    strict = bool(request.config.getoption("--strict-ssa-body", default=False))
    return TutorialReplay(
        client, variant, admin_password, apply_setup, strict_ssa_body=strict
    )


def _runnable_calls(variant: str) -> int:
    return sum(len(step.calls) for step in load_steps(variant))


def _order(client: httpx.Client, captures: dict[str, Any]) -> dict[str, Any]:
    headers = {
        "Authorization": f"Bearer {captures['admin_token']}",
        "Content-Type": "application/json",
    }
    url = f"/rest/all/V1/orders/{captures['order_id']}"
    response = client.request("GET", url, headers=headers)
    assert response.status_code == 200, response.text
    order: dict[str, Any] = response.json()
    return order


def _literal_second_shipment(replay: TutorialReplay) -> Call:
    """ship-west as the doc prints it: 5 of order item "3", i.e. 24-WB03.

    `doc_literal_body` only lists the keys the doc gets wrong, so it is laid over
    the corrected body (notify, comment, source west_wh stay). The doc's item id 3
    is mapped to this database's id through the doc's invoice example.
    """
    _, call = replay.find_call("ship-west")
    _, invoice = replay.find_call("get-invoice")
    doc_ids = invoice["expect"]["doc_example"]["order_item_ids"]
    placeholders = {
        doc_id: f"{{order_item_id:{sku}}}" for sku, doc_id in doc_ids.items()
    }

    literal = copy.deepcopy(call["doc_literal_body"])
    for item in literal["items"]:
        item["order_item_id"] = placeholders[item["order_item_id"]]
    body = {**call["body"], **literal}
    return {**call, "id": "ship-west-doc-literal", "body": body}


def _sorted_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda row: (row["sku"], row["source_code"]))
