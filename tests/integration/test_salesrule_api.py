"""Cart price rule CRUD over REST, as a merchant checks it in Magento's admin."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from sellable.salesrule import service
from sellable.salesrule.errors import RuleNotFound

RULES = "/rest/default/V1/salesRules"
COMBINE = "Magento\\SalesRule\\Model\\Rule\\Condition\\Combine"
ADDRESS = "Magento\\SalesRule\\Model\\Rule\\Condition\\Address"


def rule(**fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "10% off orders over $100",
        "description": "Autumn promotion",
        "website_ids": [1],
        "customer_group_ids": [0, 1],
        "from_date": "2026-09-01",
        "to_date": "2026-11-30",
        "is_active": True,
        "simple_action": "by_percent",
        "discount_amount": 10,
        "stop_rules_processing": True,
        "sort_order": 2,
        "coupon_type": "NO_COUPON",
        "store_labels": [{"store_id": 0, "store_label": "Autumn -10%"}],
        "condition": {
            "condition_type": COMBINE,
            "aggregator_type": "all",
            "value": "1",
            "conditions": [
                {
                    "condition_type": ADDRESS,
                    "attribute_name": "base_subtotal",
                    "operator": ">=",
                    "value": "100",
                }
            ],
        },
    }
    body.update(fields)
    return {"rule": {k: v for k, v in body.items() if v is not None}}


def create(
    client: TestClient, headers: dict[str, str], **fields: Any
) -> dict[str, Any]:
    response = client.post(RULES, json=rule(**fields), headers=headers)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_created_rule_reads_back_as_sent(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    created = create(client, admin_headers)

    fetched = client.get(f"{RULES}/{created['rule_id']}", headers=admin_headers).json()

    assert fetched == created
    assert fetched["name"] == "10% off orders over $100"
    assert (fetched["website_ids"], fetched["customer_group_ids"]) == ([1], [0, 1])
    assert (fetched["from_date"], fetched["to_date"]) == ("2026-09-01", "2026-11-30")
    assert (fetched["simple_action"], fetched["discount_amount"]) == ("by_percent", 10)
    assert fetched["is_active"] is True and fetched["stop_rules_processing"] is True
    assert fetched["store_labels"] == [{"store_id": 0, "store_label": "Autumn -10%"}]
    condition = fetched["condition"]["conditions"][0]
    assert (condition["attribute_name"], condition["operator"], condition["value"]) == (
        "base_subtotal",
        ">=",
        "100",
    )
    assert fetched["action_condition"]["conditions"] == []


@pytest.mark.parametrize(
    ("action", "amount", "extra"),
    [
        ("by_fixed", 5, {}),
        ("cart_fixed", 20, {"apply_to_shipping": True}),
        ("buy_x_get_y", 1, {"discount_step": 3, "discount_qty": 2}),
    ],
)
def test_each_action_is_kept(
    client: TestClient,
    admin_headers: dict[str, str],
    action: str,
    amount: int,
    extra: dict[str, Any],
) -> None:
    created = create(
        client, admin_headers, simple_action=action, discount_amount=amount, **extra
    )

    fetched = client.get(f"{RULES}/{created['rule_id']}", headers=admin_headers).json()

    assert (fetched["simple_action"], fetched["discount_amount"]) == (action, amount)
    for key, value in extra.items():
        assert fetched[key] == value


def test_rule_sent_without_is_active_is_off_as_in_magento(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    body = rule()
    del body["rule"]["is_active"]

    response = client.post(RULES, json=body, headers=admin_headers)

    assert response.json()["is_active"] is False


def test_specific_coupon_rule_keeps_its_code(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    created = create(
        client, admin_headers, coupon_type="SPECIFIC_COUPON", coupon_code="AUTUMN10"
    )

    assert created["coupon_type"] == "SPECIFIC_COUPON"
    query = [
        ("searchCriteria[filter_groups][0][filters][0][field]", "coupon_code"),
        ("searchCriteria[filter_groups][0][filters][0][value]", "AUTUMN10"),
    ]
    found = client.get(f"{RULES}/search", params=query, headers=admin_headers).json()
    assert [item["rule_id"] for item in found["items"]] == [created["rule_id"]]


def test_update_changes_only_the_fields_sent(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    created = create(client, admin_headers)
    change = {"rule": {"discount_amount": 15, "is_active": False, "website_ids": [1]}}

    response = client.put(
        f"{RULES}/{created['rule_id']}", json=change, headers=admin_headers
    )

    updated = response.json()
    assert response.status_code == 200, response.text
    assert (updated["discount_amount"], updated["is_active"]) == (15, False)
    assert updated["name"] == created["name"]
    assert updated["condition"] == created["condition"]
    assert updated["customer_group_ids"] == [0, 1]


def test_search_finds_active_percent_rules(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    query = [
        ("searchCriteria[filter_groups][0][filters][0][field]", "is_active"),
        ("searchCriteria[filter_groups][0][filters][0][value]", "1"),
        ("searchCriteria[filter_groups][1][filters][0][field]", "simple_action"),
        ("searchCriteria[filter_groups][1][filters][0][value]", "by_percent"),
        ("searchCriteria[sortOrders][0][field]", "rule_id"),
        ("searchCriteria[sortOrders][0][direction]", "DESC"),
    ]

    response = client.get(f"{RULES}/search", params=query, headers=admin_headers)

    body = response.json()
    assert response.status_code == 200, response.text
    assert [item["name"] for item in body["items"]] == [
        "20% OFF Ever $200-plus purchase!*",
        "Spend $50 or more - shipping is free!",
    ]
    assert body["total_count"] == 2


def test_deleted_rule_is_gone(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    created = create(client, admin_headers)

    response = client.delete(f"{RULES}/{created['rule_id']}", headers=admin_headers)

    assert response.status_code == 200 and response.json() is True
    again = client.get(f"{RULES}/{created['rule_id']}", headers=admin_headers)
    assert again.status_code == 404
    assert again.json() == {"message": "No such entity."}


def test_unknown_rule_answers_404(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    for method, body in (("get", None), ("delete", None), ("put", rule())):
        response = client.request(
            method.upper(), f"{RULES}/999", json=body, headers=admin_headers
        )

        assert response.status_code == 404, method
        assert response.json() == {"message": "No such entity."}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": None}, '"%fieldName" is required. Enter and try again.'),
        ({"name": " "}, '"%fieldName" is required. Enter and try again.'),
        ({"website_ids": None}, '"%fieldName" is required. Enter and try again.'),
        (
            {"customer_group_ids": None},
            '"%fieldName" is required. Enter and try again.',
        ),
        ({"website_ids": []}, "Please specify a website."),
        ({"customer_group_ids": []}, "Please specify Customer Groups."),
        (
            {"website_ids": [1, 77]},
            "The website with id %1 that was requested wasn't found. "
            "Verify the website and try again.",
        ),
        ({"customer_group_ids": [9]}, "No such entity with %fieldName = %fieldValue"),
        ({"discount_amount": 120}, "Percentage discount should be between 0 and 100."),
        (
            {"discount_amount": -1},
            'Invalid value of "%value" provided for the %fieldName field.',
        ),
        (
            {"simple_action": "half_off"},
            'Invalid value of "%value" provided for the %fieldName field.',
        ),
        (
            {"coupon_type": "MAYBE"},
            'Invalid value of "%value" provided for the %fieldName field.',
        ),
        (
            {"from_date": "2026-12-01", "to_date": "2026-11-01"},
            "End Date must follow Start Date.",
        ),
        (
            {"from_date": "someday"},
            'Invalid value of "%value" provided for the %fieldName field.',
        ),
    ],
)
def test_bad_rule_is_refused_and_not_saved(
    client: TestClient,
    admin_headers: dict[str, str],
    fields: dict[str, Any],
    message: str,
) -> None:
    before = client.get(f"{RULES}/search", headers=admin_headers).json()["total_count"]

    response = client.post(RULES, json=rule(**fields), headers=admin_headers)

    assert response.status_code == 400, response.text
    assert response.json()["message"] == message
    after = client.get(f"{RULES}/search", headers=admin_headers).json()["total_count"]
    assert after == before


def test_bad_update_leaves_the_rule_unchanged(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    change = {"rule": {"name": "Renamed", "discount_amount": 150}}

    response = client.put(f"{RULES}/3", json=change, headers=admin_headers)

    assert response.status_code == 400
    kept = client.get(f"{RULES}/3", headers=admin_headers).json()
    assert (kept["name"], kept["discount_amount"]) == (
        "20% OFF Ever $200-plus purchase!*",
        20,
    )


def test_rule_endpoints_need_an_admin_token(client: TestClient) -> None:
    assert client.get(f"{RULES}/1").status_code == 401
    assert client.post(RULES, json=rule()).status_code == 401
    assert client.get(f"{RULES}/search").status_code == 401


def test_set_active_switches_a_rule_off_and_on(session: Session) -> None:
    service.set_active(session, 2, False)
    assert service.get_rule(session, 2).is_active is False

    service.set_active(session, 2, True)
    assert service.get_rule(session, 2).is_active is True


def test_set_active_on_an_unknown_rule_is_404(session: Session) -> None:
    with pytest.raises(RuleNotFound) as error:
        service.set_active(session, 999, False)

    assert error.value.status_code == 404
