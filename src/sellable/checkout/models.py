"""Carts (Magento's quotes), their items and addresses."""

from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sellable.kit.database import Base
from sellable.kit.types import Money, Quantity, Timestamp, utcnow


class Cart(Base):
    __tablename__ = "quote"

    entity_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store_view.store_id"))
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customer_entity.entity_id", ondelete="CASCADE"), index=True
    )
    masked_id: Mapped[str | None] = mapped_column(String(32), unique=True)
    is_active: Mapped[bool] = mapped_column(default=True)
    customer_email: Mapped[str | None] = mapped_column(String(255), default=None)
    customer_group_id: Mapped[int] = mapped_column(default=0)
    customer_is_guest: Mapped[bool] = mapped_column(default=False)
    shipping_carrier_code: Mapped[str | None] = mapped_column(String(64), default=None)
    shipping_method_code: Mapped[str | None] = mapped_column(String(64), default=None)
    payment_method: Mapped[str | None] = mapped_column(String(64), default=None)
    reserved_order_id: Mapped[str | None] = mapped_column(String(64), default=None)
    order_id: Mapped[int | None] = mapped_column(default=None)
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    updated_at: Mapped[Timestamp] = mapped_column(default=utcnow, onupdate=utcnow)

    items: Mapped[list["CartItem"]] = relationship(
        back_populates="cart", cascade="all, delete-orphan", order_by="CartItem.item_id"
    )
    addresses: Mapped[list["CartAddress"]] = relationship(
        cascade="all, delete-orphan", order_by="CartAddress.address_id"
    )


class CartItem(Base):
    __tablename__ = "quote_item"

    item_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    quote_id: Mapped[int] = mapped_column(
        ForeignKey("quote.entity_id", ondelete="CASCADE"), index=True
    )
    product_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_product_entity.entity_id", ondelete="CASCADE")
    )
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255))
    product_type: Mapped[str] = mapped_column(String(32))
    is_virtual: Mapped[bool] = mapped_column(default=False)
    qty: Mapped[Quantity]
    price: Mapped[Money]
    product_option: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)

    cart: Mapped[Cart] = relationship(back_populates="items")


class CartAddress(Base):
    __tablename__ = "quote_address"

    address_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    quote_id: Mapped[int] = mapped_column(
        ForeignKey("quote.entity_id", ondelete="CASCADE"), index=True
    )
    address_type: Mapped[str] = mapped_column(String(10))
    customer_address_id: Mapped[int | None] = mapped_column(default=None)
    email: Mapped[str | None] = mapped_column(String(255), default=None)
    firstname: Mapped[str | None] = mapped_column(String(255), default=None)
    lastname: Mapped[str | None] = mapped_column(String(255), default=None)
    company: Mapped[str | None] = mapped_column(String(255), default=None)
    street: Mapped[list[str]] = mapped_column(JSON, default=list)
    city: Mapped[str | None] = mapped_column(String(255), default=None)
    region: Mapped[str | None] = mapped_column(String(255), default=None)
    region_id: Mapped[int | None] = mapped_column(default=None)
    region_code: Mapped[str | None] = mapped_column(String(32), default=None)
    postcode: Mapped[str | None] = mapped_column(String(32), default=None)
    country_id: Mapped[str | None] = mapped_column(String(2), default=None)
    telephone: Mapped[str | None] = mapped_column(String(64), default=None)
    same_as_billing: Mapped[int] = mapped_column(default=0)
    pickup_location_code: Mapped[str | None] = mapped_column(String(255), default=None)
