"""The tutorial's product calls answer what their fixture `expect` blocks check."""

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.replay.expectations import check_response

FIXTURES = Path(__file__).parents[1] / "fixtures" / "msi-tutorial"


def product_calls(variant: str, step: str) -> list[dict[str, Any]]:
    steps = json.loads((FIXTURES / variant / step).read_text())
    return [c for c in steps["calls"] if "/V1/products" in c["path"]]


def replay(
    client: TestClient, headers: dict[str, str], call: dict[str, Any]
) -> list[str]:
    response = client.request(
        call["method"], call["path"], json=call["body"], headers=headers
    )
    return check_response(call["expect"], response.status_code, response.json())


def test_seed_calls_create_the_products_on_an_empty_catalog(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    calls = product_calls("v2.4", "00-preconditions.json")
    for call in calls:
        sku = call["body"]["product"]["sku"]
        client.delete(f"/rest/default/V1/products/{sku}", headers=admin_headers)

    problems = [p for call in calls for p in replay(client, admin_headers, call)]

    assert len(calls) == 3 and problems == []
    video = client.get("/rest/default/V1/products/240-LV06", headers=admin_headers)
    extension = video.json()["extension_attributes"]
    assert extension["stock_item"]["qty"] == 100
    assert extension["downloadable_product_links"][0]["title"] == "Yoga Adventure"


def test_seed_calls_update_the_sample_products(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    calls = product_calls("v2.4", "00-preconditions.json")

    problems = [p for call in calls for p in replay(client, admin_headers, call)]

    assert problems == []


@pytest.mark.parametrize("variant", ["v2.3", "v2.4"])
def test_cart_step_reads_the_video_product(
    client: TestClient, admin_headers: dict[str, str], variant: str
) -> None:
    (call,) = product_calls(variant, "07-cart.json")
    # v2.3 reads through the `us` store view, which only its step 1 creates.
    call["path"] = call["path"].replace("/rest/us/", "/rest/default/")

    assert replay(client, admin_headers, call) == []
