"""The products grid stays fast on a catalog of 100,000 products."""

import time
from decimal import Decimal

from fastapi.testclient import TestClient
from sqlalchemy import insert
from sqlalchemy.orm import Session, sessionmaker

from sellable.catalog.models import Product
from sellable.inventory.models import SourceItem
from tests.integration.admin_client import sign_in

PRODUCTS = 100_000
BUDGET_SECONDS = 2.0


def _seed_catalog(factory: sessionmaker[Session]) -> None:
    """Bulk rows: the catalog service would take minutes for 100,000 saves."""
    with factory() as session:
        products = [
            {
                "sku": f"BULK-{n:06d}",
                "name": f"Bulk product {n}",
                "price": Decimal(n % 97),
            }
            for n in range(PRODUCTS)
        ]
        session.execute(insert(Product), products)
        items = [
            {"source_code": "default", "sku": row["sku"], "quantity": Decimal(n % 50)}
            for n, row in enumerate(products)
        ]
        session.execute(insert(SourceItem), items)
        session.commit()


QUERIES = ["", "?page=2500", "?sort=name&dir=DESC&page=40", "?f_sku=BULK-09999"]


def test_a_products_page_renders_quickly_among_100000_products(
    client: TestClient,
    session_factory: sessionmaker[Session],
    admin_password: str,
    backend: str,
) -> None:
    _seed_catalog(session_factory)
    sign_in(client, admin_password)
    client.get("/admin/catalog/products")  # warm caches and the connection pool

    for query in QUERIES:
        started = time.perf_counter()
        response = client.get(f"/admin/catalog/products{query}")
        elapsed = time.perf_counter() - started

        shown = query or "(first page)"
        print(f"products grid {backend} {shown}: {elapsed * 1000:.0f} ms")
        assert response.status_code == 200
        assert "Default Source: " in response.text
        assert "Default Stock: " in response.text
        assert elapsed < BUDGET_SECONDS, query
