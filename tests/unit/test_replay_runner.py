"""The tutorial replay runner's matching rules, on small hand-made documents."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.replay.expectations import check_response, field_values, ssa_problems
from tests.replay.matching import compare, numbers_equal
from tests.replay.placeholders import (
    PLACEHOLDER,
    Captured,
    CapturePathError,
    MissingCapture,
    read_path,
    stored_capture,
    substitute,
    substitute_expected,
)
from tests.replay.runner import TutorialReplay, load_steps
from tests.replay.state import TUTORIAL_SKUS, check_state

Row = dict[str, Any]

ORDER = {
    "increment_id": "000000003",
    "items": [
        {"sku": "24-WB03", "item_id": 3, "qty_ordered": 20},
        {"sku": "24-WB01", "item_id": 4, "qty_ordered": 40},
    ],
    "extension_attributes": {"pickup_location_code": "brooklyn"},
}


# Placeholders and captures


def test_whole_string_placeholder_with_numeric_capture_becomes_a_number() -> None:
    body = {"orderIds": ["{pickup_order_id}"], "billing_address": {"id": "{a}"}}

    sent = substitute(body, {"pickup_order_id": 6, "a": 2})

    assert sent == {"orderIds": [6], "billing_address": {"id": 2}}


def test_placeholder_inside_a_string_is_interpolated_as_text() -> None:
    path = "/rest/us/V1/order/{order_id}/ship"

    assert substitute(path, {"order_id": 3}) == "/rest/us/V1/order/3/ship"


def test_placeholder_names_may_carry_a_sku() -> None:
    body = {"order_item_id": "{order_item_id:24-WB01}"}

    assert substitute(body, {"order_item_id:24-WB01": 4}) == {"order_item_id": 4}


def test_admin_password_placeholder_is_replaced_in_bodies() -> None:
    body = {"username": "admin", "password": "<admin-password>"}

    sent = substitute(body, {}, admin_password="s3cret")

    assert sent == {"username": "admin", "password": "s3cret"}


def test_json_text_with_braces_is_not_a_placeholder() -> None:
    options = '[{"value":"Yoga Adventure","label":"Downloads"}]'

    assert substitute({"options": options}, {}) == {"options": options}
    assert not PLACEHOLDER.search(options)


def test_placeholder_without_capture_fails_naming_it() -> None:
    with pytest.raises(MissingCapture, match=r"\{order_id\}"):
        substitute("/V1/orders/{order_id}", {"quote_id": 3})


def test_numeric_string_id_of_an_integer_or_numeric_string_call_is_stored_as_int() -> (
    None
):
    assert stored_capture("3", "integer_or_numeric_string") == 3
    assert stored_capture(3, "integer_or_numeric_string") == 3


def test_other_captured_strings_stay_strings() -> None:
    assert stored_capture("000000003", None) == "000000003"
    assert stored_capture("3", "string") == "3"


def test_capture_path_reads_the_whole_body_members_and_indexes() -> None:
    body = {"id": 2, "addresses": [{"id": 5}], "a": {"b": "c"}}

    assert read_path("token", "$") == "token"
    assert read_path(body, "$.id") == 2
    assert read_path(body, "$.addresses[0].id") == 5
    assert read_path(body, "$.a.b") == "c"


def test_capture_path_selects_the_first_element_whose_field_equals_the_value() -> None:
    assert read_path(ORDER, "$.items[sku=24-WB01].item_id") == 4
    assert read_path(ORDER, "$.items[sku=24-WB03].item_id") == 3


def test_capture_path_to_a_missing_member_fails_readably() -> None:
    with pytest.raises(CapturePathError, match="240-LV06"):
        read_path(ORDER, "$.items[sku=240-LV06].item_id")


def test_expected_whole_placeholder_matches_the_id_as_number_or_numeric_string() -> (
    None
):
    expected = substitute_expected({"quote_id": "{quote_id}"}, {"quote_id": 3})

    assert expected == {"quote_id": Captured("quote_id", 3)}
    assert compare(expected, {"quote_id": "3"}) == []
    assert compare(expected, {"quote_id": 3}) == []
    assert compare(expected, {"quote_id": "4"}) != []


# Comparison


@pytest.mark.parametrize(
    ("expected", "actual"),
    [(100, 100.0), (1917.6, 1917.60), (-404.4, -404.40000001), (0, 0.0)],
)
def test_numbers_compare_numerically(expected: float, actual: float) -> None:
    assert compare(expected, actual) == []
    assert numbers_equal(expected, actual)


def test_different_numbers_and_booleans_do_not_match() -> None:
    assert compare(1917.6, 1917.7) != []
    assert compare(1, True) != []
    assert compare(True, 1) != []
    assert compare(2, "2") != []


def test_body_subset_allows_extra_keys_at_every_depth() -> None:
    expected = {"totals": {"grand_total": 2812}}
    actual = {"totals": {"grand_total": 2812.0, "subtotal": 2462}, "x": 1}

    assert compare(expected, actual) == []


def test_exact_body_rejects_extra_and_missing_keys() -> None:
    problems = compare({"a": 1, "b": 2}, {"a": 1, "c": 3}, exact=True)

    assert "$.b: missing" in problems
    assert "$.c: unexpected key" in problems


def test_arrays_compare_element_wise_and_need_the_same_length() -> None:
    assert compare([{"sku": "a"}, {"sku": "b"}], [{"sku": "a"}, {"sku": "b"}]) == []
    assert compare([{"sku": "a"}, {"sku": "b"}], [{"sku": "b"}, {"sku": "a"}]) != []
    assert compare([{"sku": "a"}], [{"sku": "a"}, {"sku": "b"}]) != []


def test_unordered_path_matches_elements_in_any_order() -> None:
    expected = {"items": [{"sku": "a", "qty": 1}, {"sku": "b", "qty": 2}]}
    actual = {"items": [{"sku": "b", "qty": 2.0}, {"sku": "a", "qty": 1}]}

    assert compare(expected, actual, unordered=["items"]) == []


def test_unordered_elements_each_need_a_distinct_match() -> None:
    expected = {"items": [{"status": 1}, {"status": 1}]}
    one = {"items": [{"status": 1, "sku": "a"}]}
    two = {"items": [{"status": 1, "sku": "a"}, {"status": 1, "sku": "b"}]}

    assert compare(expected, one, unordered=["items"]) != []
    assert compare(expected, two, unordered=["items"]) == []


def test_unordered_applies_to_nested_dotted_paths_only() -> None:
    expected = {"totals": {"items": [{"item_id": 1}, {"item_id": 2}]}}
    actual = {"totals": {"items": [{"item_id": 2}, {"item_id": 1}]}}

    assert compare(expected, actual, unordered=["totals.items"]) == []
    assert compare(expected, actual, unordered=["items"]) != []


def test_mismatch_names_the_json_path_and_both_values() -> None:
    actual = {"totals": {"items": [{"price": 35}]}}

    problems = compare({"totals": {"items": [{"price": 36}]}}, actual)

    assert problems == ["$.totals.items[0].price: expected 36, got 35"]


# Expectation keys


def test_status_mismatch_is_reported_alone() -> None:
    problems = check_response({"status": 200, "body": []}, 400, {"message": "no"})

    assert problems == ["status: expected 200, got 400"]


@pytest.mark.parametrize(
    ("body_type", "good", "bad"),
    [
        ("integer", [2, 2.0], [2.5, "2", True]),
        ("number", [9998, 9998.0, 0.5], ["9998", None, False]),
        ("string", ["token"], [3, None]),
        ("integer_or_numeric_string", [3, "3", "12"], ["3a", "", True, 3.5, None]),
    ],
)
def test_type_accepts_only_its_json_type(
    body_type: str, good: list[Any], bad: list[Any]
) -> None:
    expect = {"status": 200, "type": body_type}

    assert all(check_response(expect, 200, body) == [] for body in good)
    assert all(check_response(expect, 200, body) != [] for body in bad)


def test_body_is_exact_json_equality_with_numeric_numbers() -> None:
    expect = {"status": 200, "body": {"stock_id": 2, "name": "US Stock"}}

    assert check_response(expect, 200, {"stock_id": 2.0, "name": "US Stock"}) == []
    assert check_response(expect, 200, {"stock_id": 2, "name": "US", "x": 1}) != []


def test_body_subset_uses_the_unordered_paths() -> None:
    expect = {
        "status": 200,
        "body_subset": {"items": [{"source_code": "a"}, {"source_code": "b"}]},
        "unordered": ["items"],
    }
    body = {"items": [{"source_code": "b"}, {"source_code": "a"}], "total_count": 2}

    assert check_response(expect, 200, body) == []


def test_body_contains_items_finds_each_item_somewhere_in_the_array() -> None:
    expect = {"status": 200, "body_contains_items": [{"code": "us"}, {"code": "de"}]}
    body = [{"code": "admin"}, {"code": "de", "id": 3}, {"code": "us", "id": 2}]

    assert check_response(expect, 200, body) == []
    assert check_response(expect, 200, body[:2]) != []


def test_body_contains_item_needs_one_matching_element() -> None:
    expect = {"status": 200, "body_contains_item": {"carrier_code": "flatrate"}}
    body = [{"carrier_code": "instore"}, {"carrier_code": "flatrate", "amount": 300}]

    assert check_response(expect, 200, body) == []
    assert check_response(expect, 200, body[:1]) != []


def test_ordered_field_reads_a_field_of_every_element_in_order() -> None:
    expect = {"status": 200, "ordered_field": {"source_code": ["ne_wh", "west_wh"]}}

    good = [{"source_code": "ne_wh"}, {"source_code": "west_wh"}]
    assert check_response(expect, 200, good) == []
    assert check_response(expect, 200, good[::-1]) != []


def test_ordered_field_path_goes_through_a_member_array() -> None:
    body = {"items": [{"pickup_location_code": "manhattan"}, {"code": "x"}]}

    assert field_values(body, ["items", "pickup_location_code"]) == [
        "manhattan",
        "<missing>",
    ]


def test_payment_method_codes_compare_as_a_set() -> None:
    expect = {"status": 200, "payment_method_codes": ["banktransfer", "checkmo"]}
    body = {"payment_methods": [{"code": "checkmo"}, {"code": "banktransfer"}]}

    assert check_response(expect, 200, body) == []
    more = {"payment_methods": [*body["payment_methods"], {"code": "free"}]}
    assert check_response(expect, 200, more) != []


def test_total_segments_subset_allows_other_segments() -> None:
    expect = {
        "status": 200,
        "total_segments_subset": [{"code": "grand_total", "value": 1917.6}],
    }
    segments = [{"code": "giftwrapping"}, {"code": "grand_total", "value": 1917.60}]
    body = {"totals": {"total_segments": segments}}

    assert check_response(expect, 200, body) == []
    assert check_response(expect, 200, {"totals": {"total_segments": []}}) != []


def test_unknown_expectation_key_fails_instead_of_being_skipped() -> None:
    problems = check_response({"status": 200, "body_superset": {}}, 200, {})

    assert problems and "body_superset" in problems[0]


def test_informative_keys_are_not_checked() -> None:
    expect = {
        "status": 200,
        "doc_example": 3,
        "doc_body": {"failed": []},
        "doc_body_length": 1,
        "magento_2_4_body": [],
    }

    assert check_response(expect, 200, {"successful": True}) == []


# Source selection


def _row(source: str, sku: str, deduct: float, available: float) -> Row:
    return {
        "source_code": source,
        "sku": sku,
        "qty_to_deduct": deduct,
        "qty_available": available,
    }


SSA_EXPECTED = {
    "shippable": True,
    "deductions": [_row("ne_wh", "24-WB01", 35, 35), _row("west_wh", "24-WB01", 5, 15)],
}


def test_ssa_compares_deductions_as_a_set_and_ignores_zero_rows() -> None:
    rows = [
        _row("west_wh", "24-WB01", 5.0, 15.0),
        _row("brooklyn", "24-WB01", 0, 10),
        _row("ne_wh", "24-WB01", 35, 35),
    ]

    assert (
        ssa_problems(SSA_EXPECTED, {"source_selection_items": rows, "shippable": True})
        == []
    )


def test_ssa_fails_on_a_missing_or_an_extra_deduction() -> None:
    only_one = [_row("ne_wh", "24-WB01", 35, 35)]
    three = [*only_one, _row("west_wh", "24-WB01", 5, 15), _row("hq", "24-WB01", 1, 1)]

    for rows in (only_one, three):
        body = {"source_selection_items": rows, "shippable": True}
        assert ssa_problems(SSA_EXPECTED, body) != []


def test_ssa_fails_when_shippable_differs() -> None:
    rows = [_row("ne_wh", "24-WB01", 35, 35), _row("west_wh", "24-WB01", 5, 15)]

    body = {"source_selection_items": rows, "shippable": False}
    assert ssa_problems(SSA_EXPECTED, body) == ["$.shippable: expected true, got false"]


def test_ssa_full_body_is_checked_only_in_strict_mode() -> None:
    rows = [_row("west_wh", "24-WB01", 5, 15), _row("ne_wh", "24-WB01", 35, 35)]
    body = {"source_selection_items": rows, "shippable": True}
    layout = {"source_selection_items": rows[::-1], "shippable": True}
    expect = {"status": 200, "ssa": SSA_EXPECTED, "body": layout}

    assert check_response(expect, 200, body) == []
    assert check_response(expect, 200, body, strict_ssa_body=True) != []
    assert check_response(expect, 200, layout, strict_ssa_body=True) == []


# State after a step


@dataclass
class FakeReader:
    """A StateReader over in-memory rows."""

    rows: list[Row] = field(default_factory=list)
    salable: dict[tuple[int, str], float | None] = field(default_factory=dict)
    ledger: list[Row] = field(default_factory=list)
    orders: dict[str, Row] = field(default_factory=dict)

    def source_items(self, skus: Sequence[str]) -> list[Row]:
        return [row for row in self.rows if row["sku"] in skus]

    def salable_qty(self, stock_id: int, sku: str) -> float | int | None:
        return self.salable[(stock_id, sku)]

    def reservations(self) -> list[Row]:
        return list(self.ledger)

    def order(self, order_id: int | str) -> Row:
        return self.orders[str(order_id)]


def _source(sku: str, code: str, quantity: float = 10, status: int = 1) -> Row:
    return {"sku": sku, "source_code": code, "quantity": quantity, "status": status}


def _reservation(quantity: float, event: str, order_id: Any = "3") -> Row:
    metadata = {"event_type": event, "object_id": order_id}
    return {"stock_id": 2, "sku": "24-WB01", "quantity": quantity, "metadata": metadata}


def test_source_items_must_be_the_complete_list_for_the_tutorial_skus() -> None:
    reader = FakeReader(rows=[_source("24-WB01", "ne_wh"), _source("24-WB01", "hq")])
    expected = {"source_items": [_source("24-WB01", "ne_wh")]}

    problems = check_state(expected, reader, {})

    assert "source_items: unexpected row 24-WB01 @ hq" in problems


def test_source_items_report_missing_rows_and_wrong_quantities() -> None:
    reader = FakeReader(rows=[_source("24-WB01", "ne_wh", quantity=9)])
    expected = {
        "source_items": [_source("24-WB01", "ne_wh"), _source("24-WB03", "ne_wh")]
    }

    problems = check_state(expected, reader, {})

    assert "source_items: missing row 24-WB03 @ ne_wh" in problems
    assert "source_items[24-WB01 @ ne_wh].quantity: expected 10, got 9" in problems


def test_source_row_without_quantity_or_status_checks_only_its_presence() -> None:
    reader = FakeReader(rows=[_source("24-WB01", "ne_wh", quantity=0, status=0)])
    expected = {"source_items": [{"sku": "24-WB01", "source_code": "ne_wh"}]}

    assert check_state(expected, reader, {}) == []


def test_reservations_compare_in_ledger_order_with_metadata_as_text() -> None:
    reader = FakeReader(
        ledger=[
            _reservation(-2, "order_placed", 3),
            _reservation(2.0, "shipment_created"),
        ]
    )
    expected = {
        "reservations": [
            _reservation(-2, "order_placed", "{order_id}"),
            _reservation(2, "shipment_created", "{order_id}"),
        ]
    }

    assert check_state(expected, reader, {"order_id": 3}) == []
    reader.ledger.reverse()
    assert check_state(expected, reader, {"order_id": 3}) != []


def test_reservation_sums_are_per_stock_and_sku() -> None:
    reader = FakeReader(
        ledger=[_reservation(-40, "order_placed"), _reservation(35, "shipment_created")]
    )

    assert (
        check_state({"reservation_sums": {"2:24-WB01": -5, "2:24-WB03": 0}}, reader, {})
        == []
    )
    assert check_state({"reservation_sums": {"2:24-WB01": 0}}, reader, {}) != []


def test_salable_quantity_is_read_per_stock_and_null_accepts_none_or_zero() -> None:
    salable: dict[tuple[int, str], float | None] = {
        (2, "24-WB01"): 58.0,
        (3, "24-WB03"): 0,
        (3, "24-WB01"): None,
    }
    expected = {
        "salable_qty": {"2": {"24-WB01": 58}, "3": {"24-WB03": None, "24-WB01": None}}
    }

    assert check_state(expected, FakeReader(salable=salable), {}) == []
    salable[(2, "24-WB01")] = 60
    assert check_state(expected, FakeReader(salable=salable), {}) != []


def test_orders_are_checked_as_a_subset_of_the_captured_order() -> None:
    reader = FakeReader(orders={"6": {"state": "new", "grand_total": 64.0, "x": 1}})
    expected = {"orders": {"{pickup_order_id}": {"state": "new", "grand_total": 64}}}

    assert check_state(expected, reader, {"pickup_order_id": 6}) == []


def test_tutorial_skus_are_the_three_products() -> None:
    assert TUTORIAL_SKUS == ("24-WB01", "24-WB03", "240-LV06")


# The real fixtures


@pytest.mark.parametrize("variant", ["v2.3", "v2.4"])
def test_every_fixture_placeholder_is_captured_by_an_earlier_call(variant: str) -> None:
    captured: set[str] = set()
    used_too_early: list[str] = []

    for step in load_steps(variant):
        for call in step.calls:
            text = json.dumps([call["path"], call.get("query"), call.get("body")])
            names = set(PLACEHOLDER.findall(text + json.dumps(call["expect"])))
            used_too_early += [
                f"{step.file} {call['id']} {n}" for n in names - captured
            ]
            captured |= set(call.get("capture", {}))
        states = [step.data.get(key) for key in ("state_after", "state_after_order")]
        names = set(PLACEHOLDER.findall(json.dumps(states)))
        used_too_early += [f"{step.file} state {name}" for name in names - captured]

    assert used_too_early == []


@pytest.mark.parametrize("variant", ["v2.3", "v2.4"])
def test_every_fixture_expectation_uses_known_keys(variant: str) -> None:
    for step in load_steps(variant):
        for call in step.calls:
            problems = check_response(call["expect"], 599, None)
            assert problems == [f"status: expected {call['expect']['status']}, got 599"]


# The runner, against a fake server


def _call(call_id: str, method: str, path: str, expect: Row, **extra: Any) -> Row:
    return {
        "id": call_id,
        "method": method,
        "path": path,
        "token": "admin",
        "body": None,
        "expect": {"status": 200, **expect},
        **extra,
    }


STEP_0 = {
    "variant": "t",
    "step": 0,
    "calls": [
        _call(
            "admin-token",
            "POST",
            "/rest/all/V1/integration/admin/token",
            {"type": "string"},
            token="none",
            body={"username": "admin", "password": "<admin-password>"},
            capture={"admin_token": "$"},
        ),
        _call("seed", "POST", "/rest/all/V1/products", {}, optional=True),
        _call("alt", "POST", "/rest/all/V1/shipment", {}, alternative=True),
    ],
    "state_after": {"salable_qty": {"2": {"24-WB01": 10}}},
}

ORDERED = {"event_type": "order_placed", "object_id": "{order_id}"}
SHIPPED = {"event_type": "shipment_created", "object_id": "{order_id}"}
STEP_1 = {
    "variant": "t",
    "step": 1,
    "setup": [{"kind": "config", "path": "carriers/instore/active", "value": 1}],
    "calls": [
        _call(
            "place-order",
            "POST",
            "/rest/us/V1/carts/mine/payment-information",
            {"type": "integer_or_numeric_string"},
            body={"paymentMethod": {"method": "banktransfer"}},
            capture={"order_id": "$"},
        ),
        _call(
            "get-order",
            "GET",
            "/rest/us/V1/orders/{order_id}",
            {"body_subset": {"entity_id": "{order_id}"}},
            query=[["searchCriteria[b]", "2"], ["a", "New York"]],
            capture={
                "order_increment_id": "$.increment_id",
                "order_item_id:24-WB01": "$.items[sku=24-WB01].item_id",
            },
        ),
        _call(
            "ship",
            "POST",
            "/rest/us/V1/order/{order_id}/ship",
            {"type": "integer_or_numeric_string"},
            body={"items": [{"order_item_id": "{order_item_id:24-WB01}", "qty": 2}]},
        ),
    ],
    "setup_after": [{"kind": "cli", "command": "bin/magento cache:flush"}],
    "state_after_order": {
        "reservations": [
            {"sku": "24-WB01", "quantity": -2, "metadata": ORDERED},
        ]
    },
    "state_after": {
        "reservations": [
            {"sku": "24-WB01", "quantity": -2, "metadata": ORDERED},
            {"sku": "24-WB01", "quantity": 2, "metadata": SHIPPED},
        ],
        "reservation_sums": {"2:24-WB01": 0},
        "orders": {"{order_id}": {"state": "complete"}},
    },
}


@dataclass
class FakeShop:
    """Answers the mini tutorial like sellable would, keeping a ledger."""

    reader: FakeReader
    requests: list[httpx.Request] = field(default_factory=list)

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self._answer(request.method, request.url.path, request)
        return httpx.Response(200, json=answer)

    def _answer(self, method: str, path: str, request: httpx.Request) -> Any:
        if path.endswith("/token"):
            return "admin-token-value"
        if path.endswith("/payment-information"):
            self._reserve(-2, "order_placed")
            return "7"
        if path.endswith("/orders/7"):
            return {
                "entity_id": 7,
                "increment_id": "000000007",
                "items": [{"sku": "24-WB01", "item_id": 11}],
            }
        if path.endswith("/ship"):
            self._reserve(2, "shipment_created")
            self.reader.orders["7"] = {"state": "complete"}
            return 5
        return {"message": f"unexpected {method} {path}"}

    def _reserve(self, quantity: float, event: str) -> None:
        metadata = {"event_type": event, "object_id": "7"}
        row = {
            "stock_id": 2,
            "sku": "24-WB01",
            "quantity": quantity,
            "metadata": metadata,
        }
        self.reader.ledger.append(row)


@pytest.fixture
def mini_tutorial(tmp_path: Path) -> Path:
    index = {
        "variants": {"t": {"files": [{"file": "t/00.json"}, {"file": "t/01.json"}]}}
    }
    (tmp_path / "t").mkdir()
    (tmp_path / "index.json").write_text(json.dumps(index))
    (tmp_path / "t" / "00.json").write_text(json.dumps(STEP_0))
    (tmp_path / "t" / "01.json").write_text(json.dumps(STEP_1))
    return tmp_path


@pytest.fixture
def shop() -> FakeShop:
    return FakeShop(FakeReader(salable={(2, "24-WB01"): 10}))


def _mini_replay(shop: FakeShop, fixtures: Path, applied: list[Row]) -> TutorialReplay:
    client = httpx.Client(
        transport=httpx.MockTransport(shop.handle), base_url="http://shop"
    )
    return TutorialReplay(
        client,
        "t",
        "s3cret",
        applied.append,
        state_reader=shop.reader,
        fixtures_dir=fixtures,
    )


def test_replay_runs_every_call_but_alternatives_and_optional_ones(
    shop: FakeShop, mini_tutorial: Path
) -> None:
    result = _mini_replay(shop, mini_tutorial, []).run()

    ids = [record.call_id for record in result.records]
    assert ids == ["admin-token", "place-order", "get-order", "ship"]
    assert "admin-token" in result.summary()


def test_replay_applies_setup_before_the_calls_and_setup_after_after_them(
    shop: FakeShop, mini_tutorial: Path
) -> None:
    applied: list[Row] = []

    _mini_replay(shop, mini_tutorial, applied).run()

    assert [entry["kind"] for entry in applied] == ["config", "cli"]


def test_replay_sends_tokens_json_content_type_and_the_admin_password(
    shop: FakeShop, mini_tutorial: Path
) -> None:
    _mini_replay(shop, mini_tutorial, []).run()

    token_request, order_request = shop.requests[0], shop.requests[1]
    assert json.loads(token_request.content)["password"] == "s3cret"
    assert "authorization" not in token_request.headers
    assert order_request.headers["authorization"] == "Bearer admin-token-value"
    assert all(r.headers["content-type"] == "application/json" for r in shop.requests)


def test_replay_encodes_query_pairs_in_order(
    shop: FakeShop, mini_tutorial: Path
) -> None:
    _mini_replay(shop, mini_tutorial, []).run()

    query = shop.requests[2].url.query.decode()
    assert query == "searchCriteria%5Bb%5D=2&a=New%20York"


def test_numeric_string_id_is_captured_as_a_number_and_sent_back_as_one(
    shop: FakeShop, mini_tutorial: Path
) -> None:
    result = _mini_replay(shop, mini_tutorial, []).run()

    assert result.captures["order_id"] == 7
    assert shop.requests[2].url.path == "/rest/us/V1/orders/7"
    ship_body = json.loads(shop.requests[3].content)
    assert ship_body["items"] == [{"order_item_id": 11, "qty": 2}]


def test_intermediate_state_is_checked_before_the_next_state_changing_call(
    shop: FakeShop, mini_tutorial: Path
) -> None:
    replay = _mini_replay(shop, mini_tutorial, [])

    replay.run()  # state_after_order sees one reservation, not two

    assert len(shop.reader.ledger) == 2


def test_replay_can_stop_after_a_given_call(
    shop: FakeShop, mini_tutorial: Path
) -> None:
    result = _mini_replay(shop, mini_tutorial, []).run(until_call="get-order")

    assert [r.call_id for r in result.records][-1] == "get-order"
    assert result.stopped_after == "get-order"
    assert result.captures["order_increment_id"] == "000000007"


def test_failure_names_the_variant_the_step_file_and_the_call(
    shop: FakeShop, mini_tutorial: Path
) -> None:
    shop.reader.ledger.append(
        {"stock_id": 2, "sku": "x", "quantity": 1, "metadata": {}}
    )

    with pytest.raises(AssertionError) as failure:
        _mini_replay(shop, mini_tutorial, []).run()

    message = str(failure.value)
    assert "variant t, step file t/01.json, state_after_order" in message
    assert "actual reservation ledger" in message


def test_failed_call_shows_expected_and_response_bodies(
    shop: FakeShop, mini_tutorial: Path
) -> None:
    broken = json.loads(json.dumps(STEP_1))
    broken["calls"][1]["expect"]["body_subset"] = {"increment_id": "000000008"}
    (mini_tutorial / "t" / "01.json").write_text(json.dumps(broken))

    with pytest.raises(AssertionError) as failure:
        _mini_replay(shop, mini_tutorial, []).run()

    message = str(failure.value)
    assert "variant t, step file t/01.json, call get-order" in message
    assert '$.increment_id: expected "000000008", got "000000007"' in message
    assert "response 200:" in message and "GET /rest/us/V1/orders/7?" in message
