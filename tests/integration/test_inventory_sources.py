"""Sources through REST: create, read, update, search, and what is refused."""

from fastapi.testclient import TestClient

from tests.integration.inventory_setup import API, add_source, source_body

Headers = dict[str, str]


def test_created_source_reads_back_with_pickup_and_region_fields(
    client: TestClient, admin_headers: Headers
) -> None:
    pickup = {
        "is_pickup_location_active": True,
        "frontend_name": "Brooklyn Store",
        "frontend_description": "Williamsburg",
    }
    body = source_body(
        "brooklyn",
        city="Brooklyn",
        street="263 S 4th St",
        region_id=43,
        region="New York",
        latitude=40.71007,
        longitude=-73.95716,
        extension_attributes=pickup,
    )

    created = client.post(f"{API}/sources", json=body, headers=admin_headers)
    found = client.get(f"{API}/sources/brooklyn", headers=admin_headers).json()

    assert created.status_code == 200 and created.json() == []
    assert found["region_id"] == 43 and found["region"] == "New York"
    assert found["latitude"] == 40.71007 and found["longitude"] == -73.95716
    assert found["extension_attributes"] == pickup
    assert found["enabled"] is True


def test_source_without_required_fields_is_refused_with_magento_messages(
    client: TestClient, admin_headers: Headers
) -> None:
    response = client.post(
        f"{API}/sources", json={"source": {"name": " "}}, headers=admin_headers
    )
    listed = client.get(f"{API}/sources", headers=admin_headers).json()

    assert response.status_code == 400
    assert response.json()["message"] == "Validation Failed"
    fields = {e["parameters"]["field"] for e in response.json()["errors"]}
    assert fields == {"name", "source_code", "country_id", "postcode"}
    assert response.json()["errors"][0]["message"] == '"%field" can not be empty.'
    assert listed["total_count"] == 1


def test_posting_an_existing_code_updates_that_source(
    client: TestClient, admin_headers: Headers
) -> None:
    add_source(client, admin_headers, "hq", city="New York")

    add_source(client, admin_headers, "hq", name="Headquarters")
    listed = client.get(
        f"{API}/sources", params={"searchCriteria": ""}, headers=admin_headers
    )

    found = client.get(f"{API}/sources/hq", headers=admin_headers).json()
    assert found["name"] == "Headquarters" and found["city"] == "New York"
    assert listed.json()["total_count"] == 2


def test_put_changes_a_source_but_never_its_code(
    client: TestClient, admin_headers: Headers
) -> None:
    add_source(client, admin_headers, "hq")

    changed = client.put(
        f"{API}/sources/hq", json={"source": {"city": "Boston"}}, headers=admin_headers
    )
    renamed = client.put(
        f"{API}/sources/hq",
        json={"source": {"source_code": "hq2"}},
        headers=admin_headers,
    )
    unknown = client.put(
        f"{API}/sources/nowhere", json=source_body("nowhere"), headers=admin_headers
    )

    assert changed.status_code == 200
    assert (
        client.get(f"{API}/sources/hq", headers=admin_headers).json()["city"]
        == "Boston"
    )
    assert renamed.status_code == 400
    assert unknown.status_code == 404
    assert unknown.json() == {
        "message": 'Source with code "%value" does not exist.',
        "parameters": {"value": "nowhere"},
    }
    assert client.get(f"{API}/sources/hq2", headers=admin_headers).status_code == 404


def test_default_source_cannot_be_disabled(
    client: TestClient, admin_headers: Headers
) -> None:
    body = {"source": {"source_code": "default", "enabled": False}}

    response = client.put(f"{API}/sources/default", json=body, headers=admin_headers)

    assert response.status_code == 400
    assert (
        response.json()["errors"][0]["message"] == "Default source can not be disabled."
    )
    assert (
        client.get(f"{API}/sources/default", headers=admin_headers).json()["enabled"]
        is True
    )


def test_a_second_source_with_the_same_name_is_refused(
    client: TestClient, admin_headers: Headers
) -> None:
    add_source(client, admin_headers, "hq", name="HQ")

    response = client.post(
        f"{API}/sources", json=source_body("hq2", name="HQ"), headers=admin_headers
    )

    assert response.status_code == 400
    assert response.json()["message"] == "Could not save Source"
    assert client.get(f"{API}/sources/hq2", headers=admin_headers).status_code == 404


def test_pickup_location_needs_street_and_city(
    client: TestClient, admin_headers: Headers
) -> None:
    body = source_body(
        "store", extension_attributes={"is_pickup_location_active": True}
    )

    response = client.post(f"{API}/sources", json=body, headers=admin_headers)

    assert response.status_code == 400
    fields = {e["parameters"]["field"] for e in response.json()["errors"]}
    assert fields == {"city", "street"}


def test_source_search_filters_and_pages(
    client: TestClient, admin_headers: Headers
) -> None:
    add_source(client, admin_headers, "berlin", country_id="DE")
    add_source(client, admin_headers, "frankfurt", country_id="DE")
    prefix = "searchCriteria[filterGroups][0][filters][0]"
    query = [
        (f"{prefix}[field]", "country_id"),
        (f"{prefix}[value]", "DE"),
        ("searchCriteria[pageSize]", "1"),
        ("searchCriteria[currentPage]", "2"),
    ]

    found = client.get(f"{API}/sources", params=query, headers=admin_headers).json()

    assert found["total_count"] == 2
    assert [s["source_code"] for s in found["items"]] == ["frankfurt"]


def test_sources_need_an_admin_token(client: TestClient) -> None:
    response = client.post(f"{API}/sources", json=source_body("hq"))

    assert response.status_code == 401
    assert client.get(f"{API}/sources").status_code == 401


def test_bad_coordinates_and_too_long_fields_are_400_not_500(
    client: TestClient, admin_headers: Headers
) -> None:
    far = client.post(
        f"{API}/sources", json=source_body("far", latitude=95), headers=admin_headers
    )
    long_name = client.post(
        f"{API}/sources",
        json=source_body("long", name="x" * 300),
        headers=admin_headers,
    )

    assert far.status_code == 400 and long_name.status_code == 400


def test_sources_filter_on_a_boolean_field(
    client: TestClient, admin_headers: Headers
) -> None:
    add_source(client, admin_headers, "closed", enabled=False)
    prefix = "searchCriteria[filter_groups][0][filters][0]"
    query = [(f"{prefix}[field]", "enabled"), (f"{prefix}[value]", "0")]

    found = client.get(f"{API}/sources", params=query, headers=admin_headers).json()

    assert [s["source_code"] for s in found["items"]] == ["closed"]
