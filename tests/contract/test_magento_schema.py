"""The validator helper finds what Magento's schema forbids, and only that."""

from __future__ import annotations

from tests.contract.magento_schema import (
    Mismatch,
    operation_key,
    operations,
    validate,
    validate_error,
)
from tests.contract.recorder import Allowance

STOCK = operations()[operation_key("GET", "/V1/inventory/stocks/{stockId}")]
ORDER = operations()[operation_key("GET", "/V1/orders/{id}")]


def test_path_templates_agree_whatever_their_parameter_names() -> None:
    assert operation_key("get", "/V1/orders/{order_id}/") == ("GET", "/V1/orders/{}")
    assert operation_key("GET", "/V1/orders/{id}") == ("GET", "/V1/orders/{}")


def test_a_valid_stock_has_no_mismatch() -> None:
    stock = {"stock_id": 2, "name": "US Stock", "extension_attributes": {}}

    assert validate(STOCK, stock) == []


def test_a_wrong_type_is_reported_with_its_place() -> None:
    found = validate(STOCK, {"stock_id": "2", "name": "US Stock"})

    assert [(m.where, m.rule) for m in found] == [("$.stock_id", "type")]


def test_references_into_definitions_are_followed() -> None:
    order = {"items": [{"sku": "24-WB01"}], "status_histories": [{"status": "new"}]}

    found = validate(ORDER, order)

    places = {(m.where, m.rule) for m in found}
    assert ("$.status_histories[0]", "required") in places
    assert ("$", "required") in places  # base_grand_total and friends


def test_error_answers_need_a_message() -> None:
    assert validate_error(STOCK, {"message": "Stock with id %1 does not exist."}) == []
    assert [m.rule for m in validate_error(STOCK, {"parameters": []})] == ["required"]


def test_a_null_allowance_allows_only_null() -> None:
    allowance = Allowance("payment.cc_last4", "type", "printed as null")
    null = Mismatch("GET /V1/orders/{id}", "$.payment.cc_last4", "type", "", True)
    text = Mismatch("GET /V1/orders/{id}", "$.payment.cc_last4", "type", "", False)
    other = Mismatch("GET /V1/orders/{id}", "$.payment.method", "type", "", True)

    assert allowance.allows(null)
    assert not allowance.allows(text)
    assert not allowance.allows(other)
