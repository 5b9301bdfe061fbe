"""The benchmark shop: schema, 10,000 products, customers with tokens, carts.

Carts are prepared through sellable's own services (the same code the REST
calls run: open the cart, add 5 items, set shipping information), only
without HTTP, so preparation is fast and not timed.
"""

import uuid
from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from bench.db import BenchDatabase
from sellable.auth.models import AccessToken
from sellable.bootstrap import bootstrap
from sellable.catalog.models import Product, ProductStockSettings, ProductWebsite
from sellable.checkout import addresses, carts, items
from sellable.checkout.schemas import AddressIn, ShippingInformation
from sellable.customer.models import Customer
from sellable.inventory.models import SourceItem
from sellable.kit import migrations
from sellable.kit.database import make_engine, make_session_factory, unit_of_work
from sellable.kit.security import new_token, token_digest
from sellable.kit.settings import Settings
from sellable.kit.types import utcnow
from sellable.store.scope import default_store

SKUS = 10_000
HOT_SKUS = 5
LINES = 5
STOCK = Decimal(1_000_000_000)
ADMIN_PASSWORD = "Bench-Admin-Password-1"

ADDRESS = {
    "region": "New York",
    "region_id": 43,
    "region_code": "NY",
    "country_id": "US",
    "street": ["160 1st St."],
    "postcode": "11501",
    "city": "Mineola",
    "firstname": "Jane",
    "lastname": "Doe",
    "email": "bench@example.com",
    "telephone": "516-555-1111",
}


def sku(number: int) -> str:
    return f"BENCH-{number:05d}"


def settings_for(database: BenchDatabase) -> Settings:
    return Settings(
        database_url=database.sqlalchemy_url,
        admin_password=ADMIN_PASSWORD,
        sample_data=False,
        run_outbox_worker=False,
    )


def install(database: BenchDatabase) -> None:
    """Migrate, bootstrap (no sample data), and add the 10,000 products."""
    settings = settings_for(database)
    migrations.upgrade(settings.resolved_database_url)
    engine = make_engine(settings.resolved_database_url)
    with unit_of_work(make_session_factory(engine)) as session:
        bootstrap(session, settings)
        _add_products(session, [sku(n) for n in range(1, SKUS + 1)])
    engine.dispose()


def _add_products(session: Session, skus: Sequence[str]) -> None:
    rows = [
        {"sku": s, "name": f"Bench product {s}", "price": Decimal(10), "weight": 1}
        for s in skus
    ]
    session.execute(insert(Product), rows)
    ids = session.execute(select(Product.entity_id).where(Product.sku.in_(skus)))
    product_ids = [product_id for (product_id,) in ids]
    session.execute(
        insert(ProductWebsite),
        [{"product_id": i, "website_id": 1} for i in product_ids],
    )
    session.execute(
        insert(ProductStockSettings), [{"product_id": i} for i in product_ids]
    )
    session.execute(
        insert(SourceItem),
        [{"source_code": "default", "sku": s, "quantity": STOCK} for s in skus],
    )


def add_customers(session: Session, how_many: int) -> list[tuple[int, str]]:
    """New customers of website `base`, each with a bearer token."""
    batch = uuid.uuid4().hex[:12]
    rows = [
        {
            "email": f"bench-{batch}-{n}@example.com",
            "firstname": "Bench",
            "lastname": f"Customer {n}",
            "website_id": 1,
            "store_id": 1,
            "group_id": 1,
        }
        for n in range(how_many)
    ]
    ids = list(session.scalars(insert(Customer).returning(Customer.entity_id), rows))
    tokens = [new_token() for _ in ids]
    expires = utcnow() + timedelta(hours=4)
    session.execute(
        insert(AccessToken),
        [
            {
                "token_digest": token_digest(token),
                "user_type": "customer",
                "customer_id": customer_id,
                "expires_at": expires,
            }
            for customer_id, token in zip(ids, tokens, strict=True)
        ],
    )
    return list(zip(ids, tokens, strict=True))


def prepare_cart(session: Session, customer_id: int, line_skus: Sequence[str]) -> None:
    """Open the customer's cart, add the lines, set address and flat rate."""
    scope = default_store(session)
    customer = carts.get_customer(session, customer_id)
    cart = carts.open_cart(session, customer_id, scope)
    for line_sku in line_skus:
        items.add_item(session, cart, line_sku, Decimal(1))
    info = ShippingInformation(
        shipping_address=AddressIn(**ADDRESS),
        billing_address=AddressIn(**ADDRESS),
        shipping_carrier_code="flatrate",
        shipping_method_code="flatrate",
    )
    addresses.set_shipping_information(session, cart, customer, info)
