"""Customers, their groups and address books."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sellable.kit.database import Base
from sellable.kit.types import Timestamp, utcnow


class CustomerGroup(Base):
    __tablename__ = "customer_group"

    customer_group_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    customer_group_code: Mapped[str] = mapped_column(String(32), unique=True)
    tax_class_id: Mapped[int] = mapped_column(default=3)


class Customer(Base):
    __tablename__ = "customer_entity"
    __table_args__ = (UniqueConstraint("email", "website_id"),)

    entity_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(255))
    firstname: Mapped[str] = mapped_column(String(255))
    lastname: Mapped[str] = mapped_column(String(255))
    middlename: Mapped[str | None] = mapped_column(String(255), default=None)
    prefix: Mapped[str | None] = mapped_column(String(40), default=None)
    suffix: Mapped[str | None] = mapped_column(String(40), default=None)
    dob: Mapped[str | None] = mapped_column(String(32), default=None)
    gender: Mapped[int] = mapped_column(default=0)
    website_id: Mapped[int] = mapped_column(ForeignKey("store_website.website_id"))
    store_id: Mapped[int] = mapped_column(ForeignKey("store_view.store_id"))
    group_id: Mapped[int] = mapped_column(default=1)
    created_in: Mapped[str] = mapped_column(String(255), default="")
    password_hash: Mapped[str | None] = mapped_column(String(255), default=None)
    default_billing: Mapped[int | None] = mapped_column(default=None)
    default_shipping: Mapped[int | None] = mapped_column(default=None)
    is_active: Mapped[bool] = mapped_column(default=True)
    failures_num: Mapped[int] = mapped_column(default=0)
    lock_expires: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    updated_at: Mapped[Timestamp] = mapped_column(default=utcnow, onupdate=utcnow)

    addresses: Mapped[list["CustomerAddress"]] = relationship(
        back_populates="customer",
        order_by="CustomerAddress.entity_id",
        cascade="all, delete-orphan",
    )


class CustomerAddress(Base):
    __tablename__ = "customer_address_entity"

    entity_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    parent_id: Mapped[int] = mapped_column(
        ForeignKey("customer_entity.entity_id", ondelete="CASCADE"), index=True
    )
    firstname: Mapped[str] = mapped_column(String(255))
    lastname: Mapped[str] = mapped_column(String(255))
    company: Mapped[str | None] = mapped_column(String(255), default=None)
    street: Mapped[list[str]] = mapped_column(JSON, default=list)
    city: Mapped[str] = mapped_column(String(255))
    region: Mapped[str | None] = mapped_column(String(255), default=None)
    region_code: Mapped[str | None] = mapped_column(String(32), default=None)
    region_id: Mapped[int | None] = mapped_column(default=None)
    postcode: Mapped[str | None] = mapped_column(String(32), default=None)
    country_id: Mapped[str] = mapped_column(String(2))
    telephone: Mapped[str | None] = mapped_column(String(64), default=None)

    customer: Mapped[Customer] = relationship(back_populates="addresses")
