"""A small catalogue, inventory and placed order for the sales tests.

The shape follows the v2.4 tutorial: stock 2 with ne_wh, west_wh, the
brooklyn pickup store and hq; an order of 20 x 24-WB03, 40 x 24-WB01 and
one downloadable 240-LV06, already holding its stock with reservations.
"""

import json
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sellable.catalog.models import Product
from sellable.inventory.domain import ReservationEntry, order_metadata
from sellable.inventory.ledger import append_reservations
from sellable.inventory.models import (
    Reservation,
    Source,
    SourceItem,
    Stock,
    StockSourceLink,
)
from sellable.kit.database import unit_of_work
from sellable.sales.models import Order, OrderAddress, OrderItem, OrderPayment
from sellable.sales.sequence import next_increment_id

D = Decimal
SOURCES = {"ne_wh": 1, "west_wh": 2, "brooklyn": 3, "hq": 4}
PRODUCTS = {
    "24-WB01": ("Voyage Yoga Bag", "simple", D(32)),
    "24-WB03": ("Driven Backpack", "simple", D(36)),
    "240-LV06": ("Yoga Adventure", "downloadable", D(22)),
}
STOCK = {
    ("ne_wh", "24-WB01"): 35,
    ("ne_wh", "24-WB03"): 50,
    ("west_wh", "24-WB01"): 15,
    ("west_wh", "24-WB03"): 10,
    ("brooklyn", "24-WB01"): 10,
    ("brooklyn", "24-WB03"): 0,
    ("hq", "240-LV06"): 9999,
}
TUTORIAL_LINES = [
    ("24-WB03", 20, D(144)),
    ("24-WB01", 40, D(256)),
    ("240-LV06", 1, D("4.4")),
]


@dataclass
class PlacedOrder:
    order_id: int
    increment_id: str
    item_ids: dict[str, int] = field(default_factory=dict)


def install_inventory(factory: sessionmaker[Session]) -> int:
    """Stock 2 with four linked sources, one unlinked; products unless present."""
    with unit_of_work(factory) as session:
        stock = Stock(name="US Stock")
        session.add(stock)
        for code in [*SOURCES, "eu_wh"]:
            session.add(
                Source(source_code=code, name=code, country_id="US", postcode="10001")
            )
        session.flush()
        for code, priority in SOURCES.items():
            session.add(
                StockSourceLink(
                    stock_id=stock.stock_id, source_code=code, priority=priority
                )
            )
        for sku, (name, type_id, price) in PRODUCTS.items():
            if session.scalar(select(Product.sku).where(Product.sku == sku)) is None:
                session.add(Product(sku=sku, name=name, type_id=type_id, price=price))
        for (code, sku), qty in STOCK.items():
            session.add(
                SourceItem(source_code=code, sku=sku, quantity=D(qty), status=1)
            )
        return stock.stock_id


def place_order(
    factory: sessionmaker[Session],
    stock_id: int,
    lines: list[tuple[str, int, Decimal]] | None = None,
    pickup_location_code: str | None = None,
) -> PlacedOrder:
    """Insert an order as checkout would, holding its stock."""
    lines = TUTORIAL_LINES if lines is None else lines
    with unit_of_work(factory) as session:
        order = _order(session, stock_id, lines, pickup_location_code)
        session.add(order)
        session.flush()
        metadata = order_metadata("order_placed", order.entity_id, order.increment_id)
        append_reservations(
            session,
            [
                ReservationEntry(stock_id, sku, -D(qty), metadata)
                for sku, qty, _ in lines
            ],
        )
        return PlacedOrder(
            order.entity_id, order.increment_id, {i.sku: i.item_id for i in order.items}
        )


def _order(
    session: Session,
    stock_id: int,
    lines: list[tuple[str, int, Decimal]],
    pickup_location_code: str | None,
) -> Order:
    items = [_item(session, sku, qty, discount) for sku, qty, discount in lines]
    subtotal = sum((item.row_total for item in items), D(0))
    discount = sum((item.discount_amount for item in items), D(0))
    physical = any(not item.is_virtual for item in items)
    shipping = (
        D(0)
        if pickup_location_code or not physical
        else D(5)
        * sum((item.qty_ordered for item in items if not item.is_virtual), D(0))
    )
    method = "instore_pickup" if pickup_location_code else "flatrate_flatrate"
    grand_total = subtotal - discount + shipping
    return Order(
        increment_id=next_increment_id(session, "order", 1),
        store_id=1,
        store_name="Main Website\nMain Website Store\nDefault Store View",
        stock_id=stock_id,
        customer_id=None,
        customer_email="jdoe@example.com",
        customer_firstname="Jane",
        customer_lastname="Doe",
        customer_is_guest=1,
        subtotal=subtotal,
        discount_amount=-discount,
        shipping_amount=shipping,
        shipping_discount_amount=D(0),
        tax_amount=D(0),
        grand_total=grand_total,
        total_qty_ordered=sum((item.qty_ordered for item in items), D(0)),
        total_item_count=len(items),
        is_virtual=int(not physical),
        shipping_method=method if physical else None,
        shipping_description="Flat Rate - Fixed",
        pickup_location_code=pickup_location_code,
        items=items,
        addresses=[_address("billing"), *([_address("shipping")] if physical else [])],
        payment=OrderPayment(
            method="banktransfer",
            amount_ordered=grand_total,
            additional_information=["Bank Transfer Payment"],
        ),
    )


def _item(session: Session, sku: str, qty: int, discount: Decimal) -> OrderItem:
    product = session.scalars(select(Product).where(Product.sku == sku)).one()
    return OrderItem(
        product_id=product.entity_id,
        sku=sku,
        name=product.name,
        product_type=product.type_id,
        is_virtual=int(product.is_virtual),
        qty_ordered=D(qty),
        price=product.price,
        original_price=product.price,
        row_total=product.price * qty,
        discount_amount=discount,
    )


def _address(address_type: str) -> OrderAddress:
    return OrderAddress(
        address_type=address_type,
        email="jdoe@example.com",
        firstname="Jane",
        lastname="Doe",
        street=["160 1st St."],
        city="Mineola",
        region="New York",
        region_id=43,
        region_code="NY",
        postcode="11501",
        country_id="US",
        telephone="516-555-1111",
    )


def source_quantity(factory: sessionmaker[Session], code: str, sku: str) -> Decimal:
    with factory() as session:
        return session.scalars(
            select(SourceItem.quantity).where(
                SourceItem.source_code == code, SourceItem.sku == sku
            )
        ).one()


def ledger(factory: sessionmaker[Session]) -> list[tuple[str, Decimal, str]]:
    """(sku, quantity, event_type) in insertion order."""
    with factory() as session:
        rows = session.scalars(select(Reservation).order_by(Reservation.reservation_id))
        return [
            (row.sku, row.quantity, json.loads(row.metadata_json or "{}")["event_type"])
            for row in rows
        ]
