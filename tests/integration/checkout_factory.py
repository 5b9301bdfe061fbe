"""Customers, tokens and worlds for the checkout tests, written as model rows.

The default world is the bootstrap's sample data: website `base`, the Default
Stock, 100 units of each tutorial SKU in `default` and Luma's cart rules. The
v2.3 world adds website `na_site` (store view `us`) selling from its own stock.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from sellable.auth.service import issue_customer_token
from sellable.catalog.models import Product, ProductWebsite
from sellable.checkout.models import Cart
from sellable.customer.models import Customer, CustomerAddress
from sellable.inventory.models import (
    Reservation,
    Source,
    SourceItem,
    Stock,
    StockSalesChannel,
    StockSourceLink,
)
from sellable.inventory.salability import salable_quantities
from sellable.kit.database import unit_of_work
from sellable.kit.security import hash_password
from sellable.kit.settings import Settings
from sellable.mail.models import OutboxMessage
from sellable.sales.models import Order
from sellable.salesrule.models import SalesRule
from sellable.store import config
from sellable.store.models import StoreGroup, StoreView, Website

PASSWORD = "Password1"
MINEOLA: dict[str, Any] = {
    "region": "New York",
    "region_id": 43,
    "region_code": "NY",
    "country_id": "US",
    "street": ["160 1st St."],
    "postcode": "11501",
    "city": "Mineola",
    "firstname": "Jane",
    "lastname": "Doe",
    "email": "jdoe@example.com",
    "telephone": "516-555-1111",
}


@dataclass
class Shopper:
    customer_id: int
    address_id: int
    headers: dict[str, str]


def add_customer(
    factory: sessionmaker[Session],
    settings: Settings,
    email: str = "jdoe@example.com",
    website_id: int = 1,
    store_id: int = 1,
) -> Shopper:
    """A customer with one saved address and a customer token."""
    with unit_of_work(factory) as session:
        customer = Customer(
            email=email,
            firstname="Jane",
            lastname="Doe",
            website_id=website_id,
            store_id=store_id,
            group_id=1,
            password_hash=hash_password(PASSWORD),
        )
        address = CustomerAddress(
            firstname="Jane",
            lastname="Doe",
            street=["160 1st St."],
            city="Mineola",
            region="New York",
            region_code="NY",
            region_id=43,
            postcode="11501",
            country_id="US",
            telephone="516-555-1111",
        )
        customer.addresses.append(address)
        session.add(customer)
        session.flush()
        token = issue_customer_token(session, settings, email, PASSWORD, website_id)
        return Shopper(
            customer.entity_id, address.entity_id, {"Authorization": f"Bearer {token}"}
        )


def set_config(factory: sessionmaker[Session], values: dict[str, str]) -> None:
    with unit_of_work(factory) as session:
        for path, value in values.items():
            config.set_value(session, path, value)


def update_rule(factory: sessionmaker[Session], rule_id: int, **fields: Any) -> None:
    with unit_of_work(factory) as session:
        rule = session.get(SalesRule, rule_id)
        assert rule is not None
        for name, value in fields.items():
            setattr(rule, name, value)


def tutorial_v24(factory: sessionmaker[Session]) -> None:
    """Step 1 of v2.4: bank transfer on, the free-shipping rule 2 off."""
    set_config(factory, {"payment/banktransfer/active": "1"})
    update_rule(factory, 2, is_active=False)


def tutorial_v23(factory: sessionmaker[Session]) -> None:
    """Website na_site / store view us (ids 2) with stock 2 and the v2.3 quantities."""
    set_config(factory, {"payment/banktransfer/active": "1"})
    with unit_of_work(factory) as session:
        website = Website(code="na_site", name="North America Site")
        session.add(website)
        session.flush()
        group = StoreGroup(
            website_id=website.website_id, code="na_store", name="North America Store"
        )
        session.add(group)
        session.flush()
        session.add(
            StoreView(
                code="us",
                website_id=website.website_id,
                group_id=group.group_id,
                name="US Store View",
            )
        )
        stock = Stock(name="North America Stock")
        session.add(stock)
        session.flush()
        session.add(
            StockSalesChannel(type="website", code="na_site", stock_id=stock.stock_id)
        )
        for code, priority in (("baltimore_wh", 1), ("reno_wh", 2), ("hq", 3)):
            session.add(
                Source(source_code=code, name=code, country_id="US", postcode="1")
            )
            session.flush()
            session.add(
                StockSourceLink(
                    stock_id=stock.stock_id, source_code=code, priority=priority
                )
            )
        for code, sku, qty in (
            ("baltimore_wh", "24-WB01", 35),
            ("reno_wh", "24-WB01", 35),
            ("baltimore_wh", "24-WB03", 19),
            ("reno_wh", "24-WB03", 42),
            ("hq", "240-LV06", 9999),
        ):
            session.add(SourceItem(source_code=code, sku=sku, quantity=Decimal(qty)))
        for product in session.scalars(select(Product)):
            product.websites.append(ProductWebsite(website_id=website.website_id))


def add_pickup_store(factory: sessionmaker[Session], code: str = "brooklyn") -> None:
    """A pickup location of the Default Stock holding 10 bags."""
    with unit_of_work(factory) as session:
        session.add(
            Source(
                source_code=code,
                name="Brooklyn Store",
                country_id="US",
                postcode="11211",
                city="Brooklyn",
                street="263 S 4th St",
                region="New York",
                region_id=43,
                is_pickup_location_active=True,
                frontend_name="Brooklyn (Williamsburg) Store",
            )
        )
        session.flush()
        session.add(StockSourceLink(stock_id=1, source_code=code, priority=2))
        session.add(SourceItem(source_code=code, sku="24-WB01", quantity=Decimal(10)))


def fill_cart(
    client: TestClient,
    shopper: Shopper,
    lines: list[tuple[str, int]],
    store: str = "default",
) -> int:
    """Create the cart and add the lines; answer the cart id."""
    response = client.post(f"/rest/{store}/V1/carts/mine", headers=shopper.headers)
    assert response.status_code == 200, response.text
    cart_id = int(response.json())
    for sku, qty in lines:
        added = client.post(
            f"/rest/{store}/V1/carts/mine/items",
            headers=shopper.headers,
            json={"cartItem": {"sku": sku, "qty": qty, "quote_id": str(cart_id)}},
        )
        assert added.status_code == 200, added.text
    return cart_id


def ship_flatrate(
    client: TestClient,
    shopper: Shopper,
    address: dict[str, Any],
    store: str = "default",
) -> Any:
    response = client.post(
        f"/rest/{store}/V1/carts/mine/shipping-information",
        headers=shopper.headers,
        json={
            "addressInformation": {
                "shipping_address": address,
                "billing_address": address,
                "shipping_carrier_code": "flatrate",
                "shipping_method_code": "flatrate",
            }
        },
    )
    assert response.status_code == 200, response.text
    return response.json()


def place(
    client: TestClient,
    shopper: Shopper,
    method: str = "banktransfer",
    store: str = "default",
    **extra: Any,
) -> Any:
    return client.post(
        f"/rest/{store}/V1/carts/mine/payment-information",
        headers=shopper.headers,
        json={"paymentMethod": {"method": method, **extra}, "billing_address": MINEOLA},
    )


def counts(factory: sessionmaker[Session]) -> dict[str, int]:
    """How many orders, reservations, outbox messages and active carts exist."""
    with unit_of_work(factory) as session:
        return {
            "orders": _count(session, Order),
            "reservations": _count(session, Reservation),
            "mails": _count(session, OutboxMessage),
            "active_carts": int(
                session.scalar(
                    select(func.count())
                    .select_from(Cart)
                    .where(Cart.is_active.is_(True))
                )
                or 0
            ),
        }


def _count(session: Session, model: type) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def salable(factory: sessionmaker[Session], sku: str, stock_id: int = 1) -> Decimal:
    """The salable quantity of a SKU in a stock, read through the inventory service."""
    with unit_of_work(factory) as session:
        return salable_quantities(session, stock_id, [sku])[sku]
