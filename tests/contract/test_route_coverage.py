"""Every sellable REST route is an operation of Magento's admin REST schema."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from sellable.app import create_app
from sellable.kit.settings import Settings
from tests.contract import extract_schema
from tests.contract.magento_schema import (
    document,
    in_scope_operations,
    operation_key,
    operations,
)
from tests.contract.routes import Route, match, rest_routes

# sellable's own routes, which Magento does not have.
OWN_ROUTES = {
    "POST /V1/integration/admin/revoke-admin-token": (
        "revokes the caller's admin token; Magento 2.4 revokes admin tokens only"
        " from the admin UI or by integration id"
    ),
    "GET /V1/inventory/reservations": (
        "the reservation ledger as a search result (Magento has no REST read of"
        " inventory_reservation); the replay's state checks read it"
    ),
    "GET /V1/inventory/reservations/inconsistencies": (
        "the ledger checker (Magento's inventory:reservation:list-inconsistencies"
        " CLI) over REST"
    ),
}


@pytest.fixture(scope="module")
def routes(tmp_path_factory: pytest.TempPathFactory) -> list[Route]:
    path = tmp_path_factory.mktemp("routes") / "unused.sqlite3"
    settings = Settings(database_url=f"sqlite:///{path}", run_outbox_worker=False)
    app: FastAPI = create_app(settings)
    found = rest_routes(app)
    app.state.engine.dispose()
    return found


def test_every_route_is_a_schema_operation_or_allow_listed(
    routes: list[Route],
) -> None:
    unmapped = {route.name for route in routes if route.operation is None}

    assert unmapped - set(OWN_ROUTES) == set(), (
        "routes with no operation in Magento's schema: add them to OWN_ROUTES with"
        " a reason, or re-run tests/contract/extract_schema.py if the schema"
        " subset lacks their family"
    )


def test_allow_listed_routes_exist_and_are_not_magento_operations(
    routes: list[Route],
) -> None:
    names = {route.name for route in routes}

    assert set(OWN_ROUTES) <= names
    assert all(route.operation is None for route in routes if route.name in OWN_ROUTES)


def test_routes_are_found_from_request_urls(routes: list[Route]) -> None:
    salable = match(
        routes, "GET", "/rest/all/V1/inventory/get-product-salable-quantity/A/B/2"
    )
    default_store = match(routes, "GET", "/rest/V1/orders/7")

    assert salable is not None and salable.operation is not None
    assert salable.operation.path.endswith("{sku}/{stockId}")
    assert default_store is not None and default_store.path == "/V1/orders/{order_id}"


def test_missing_in_scope_operations_are_listed(routes: list[Route]) -> None:
    served = {operation_key(route.method, route.path) for route in routes}
    missing = [
        f"{method} {path}"
        for method, path in in_scope_operations()
        if operation_key(method, path) not in served
    ]

    print(f"{len(missing)} in-scope Magento operations sellable does not serve:")
    print("\n".join(f"  {name}" for name in missing))
    assert all(operation_key(*name.split()) in operations() for name in missing)


def test_every_reference_resolves() -> None:
    definitions = document()["definitions"]

    dangling = extract_schema.referenced(document()) - set(definitions)

    assert dangling == set()
