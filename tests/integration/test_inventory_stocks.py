"""Stocks, their sales channels, the stock resolver and stock-source links."""

from typing import Any

from fastapi.testclient import TestClient

from tests.integration.inventory_setup import API, add_source, add_stock, link

Headers = dict[str, str]


def _stock(client: TestClient, headers: Headers, stock_id: int) -> dict[str, Any]:
    response = client.get(f"{API}/stocks/{stock_id}", headers=headers)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_a_new_stock_takes_the_website_from_the_default_stock(
    client: TestClient, admin_headers: Headers
) -> None:
    stock_id = add_stock(client, admin_headers, "US Stock", "base")

    resolved = client.get(
        f"{API}/stock-resolver/website/base", headers=admin_headers
    ).json()
    default = _stock(client, admin_headers, 1)

    assert stock_id == 2
    assert resolved == {
        "stock_id": 2,
        "name": "US Stock",
        "extension_attributes": {
            "sales_channels": [{"type": "website", "code": "base"}]
        },
    }
    assert default["extension_attributes"]["sales_channels"] == []


def test_a_website_dropped_from_a_stock_goes_back_to_the_default_stock(
    client: TestClient, admin_headers: Headers
) -> None:
    stock_id = add_stock(client, admin_headers, "US Stock", "base")
    body = {
        "stock": {"name": "Renamed", "extension_attributes": {"sales_channels": []}}
    }

    response = client.put(f"{API}/stocks/{stock_id}", json=body, headers=admin_headers)

    assert response.status_code == 200 and response.json() == stock_id
    assert _stock(client, admin_headers, stock_id)["name"] == "Renamed"
    resolved = client.get(f"{API}/stock-resolver/website/base", headers=admin_headers)
    assert resolved.json()["stock_id"] == 1


def test_unknown_website_or_missing_name_creates_no_stock(
    client: TestClient, admin_headers: Headers
) -> None:
    channels = {"sales_channels": [{"type": "website", "code": "mars"}]}
    unknown = {"stock": {"name": "Mars", "extension_attributes": channels}}
    nameless = {"stock": {"name": ""}}

    first = client.post(f"{API}/stocks", json=unknown, headers=admin_headers)
    second = client.post(f"{API}/stocks", json=nameless, headers=admin_headers)
    listed = client.get(f"{API}/stocks", headers=admin_headers).json()

    assert first.status_code == 400
    assert first.json()["errors"] == [
        {
            "message": 'The website with code "%code" does not exist.',
            "parameters": {"code": "mars"},
        }
    ]
    assert second.status_code == 400
    assert listed["total_count"] == 1


def test_stock_deletion_rules(client: TestClient, admin_headers: Headers) -> None:
    serving = add_stock(client, admin_headers, "US Stock", "base")
    spare = add_stock(client, admin_headers, "Spare")

    default = client.delete(f"{API}/stocks/1", headers=admin_headers)
    busy = client.delete(f"{API}/stocks/{serving}", headers=admin_headers)
    unknown = client.delete(f"{API}/stocks/99", headers=admin_headers)
    deleted = client.delete(f"{API}/stocks/{spare}", headers=admin_headers)

    assert default.status_code == 400
    assert default.json()["message"] == "Default Stock could not be deleted."
    assert busy.status_code == 400
    assert unknown.status_code == 404
    assert deleted.status_code == 200
    assert client.get(f"{API}/stocks/{spare}", headers=admin_headers).status_code == 404


def test_unknown_stock_and_channel_answer_404(
    client: TestClient, admin_headers: Headers
) -> None:
    stock = client.get(f"{API}/stocks/42", headers=admin_headers)
    channel = client.get(f"{API}/stock-resolver/website/mars", headers=admin_headers)

    assert stock.status_code == 404
    assert stock.json() == {
        "message": 'Stock with id "%value" does not exist.',
        "parameters": {"value": 42},
    }
    assert channel.status_code == 404


def test_links_order_the_sources_by_priority_and_can_be_changed(
    client: TestClient, admin_headers: Headers
) -> None:
    for code in ("east", "west"):
        add_source(client, admin_headers, code)
    stock_id = add_stock(client, admin_headers, "US Stock")
    link(client, admin_headers, stock_id, "east", "west")

    link(client, admin_headers, stock_id, "west", "east")
    ordered = client.get(
        f"{API}/get-sources-assigned-to-stock-ordered-by-priority/{stock_id}",
        headers=admin_headers,
    ).json()
    prefix = "searchCriteria[filterGroups][0][filters][0]"
    query = [(f"{prefix}[field]", "stock_id"), (f"{prefix}[value]", str(stock_id))]
    listed = client.get(
        f"{API}/stock-source-links", params=query, headers=admin_headers
    )

    assert [source["source_code"] for source in ordered] == ["west", "east"]
    assert listed.json()["total_count"] == 2
    assert {(i["source_code"], i["priority"]) for i in listed.json()["items"]} == {
        ("west", 1),
        ("east", 2),
    }


def test_a_bad_link_anywhere_saves_no_link(
    client: TestClient, admin_headers: Headers
) -> None:
    add_source(client, admin_headers, "east")
    stock_id = add_stock(client, admin_headers, "US Stock")
    good = {"stock_id": stock_id, "source_code": "east", "priority": 1}
    cases = [
        {"stock_id": stock_id, "source_code": "nowhere", "priority": 2},
        {"stock_id": 77, "source_code": "east", "priority": 2},
        {"stock_id": 1, "source_code": "east", "priority": 2},
        {"stock_id": stock_id, "source_code": "default", "priority": 2},
        {"stock_id": stock_id, "source_code": "east", "priority": 0},
    ]

    answers = [
        client.post(
            f"{API}/stock-source-links",
            json={"links": [good, bad]},
            headers=admin_headers,
        )
        for bad in cases
    ]
    listed = client.get(f"{API}/stock-source-links", headers=admin_headers).json()

    assert [a.status_code for a in answers] == [400] * len(cases)
    assert answers[2].json()["errors"][0]["message"] == (
        "Can not save link related to Default Source or Default Stock"
    )
    assert [(i["stock_id"], i["source_code"]) for i in listed["items"]] == [
        (1, "default")
    ]


def test_links_can_be_deleted_except_the_default_one(
    client: TestClient, admin_headers: Headers
) -> None:
    add_source(client, admin_headers, "east")
    stock_id = add_stock(client, admin_headers, "US Stock")
    link(client, admin_headers, stock_id, "east")
    mine = {"links": [{"stock_id": stock_id, "source_code": "east", "priority": 1}]}
    default = {"links": [{"stock_id": 1, "source_code": "default", "priority": 1}]}

    refused = client.post(
        f"{API}/stock-source-links-delete", json=default, headers=admin_headers
    )
    deleted = client.post(
        f"{API}/stock-source-links-delete", json=mine, headers=admin_headers
    )
    listed = client.get(f"{API}/stock-source-links", headers=admin_headers).json()

    assert refused.status_code == 400
    assert deleted.status_code == 200 and deleted.json() == []
    assert listed["total_count"] == 1
