"""Sources, stocks, source items and the reservation ledger."""

from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sellable.kit.database import Base
from sellable.kit.types import Quantity, Timestamp, utcnow

SOURCE_ITEM_IN_STOCK = 1
SOURCE_ITEM_OUT_OF_STOCK = 0


class Source(Base):
    __tablename__ = "inventory_source"

    source_code: Mapped[str] = mapped_column(String(255), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    enabled: Mapped[bool] = mapped_column(default=True)
    description: Mapped[str | None] = mapped_column(Text, default=None)
    latitude: Mapped[Decimal | None] = mapped_column(Numeric(8, 6), default=None)
    longitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6), default=None)
    country_id: Mapped[str] = mapped_column(String(2))
    region_id: Mapped[int | None] = mapped_column(default=None)
    region: Mapped[str | None] = mapped_column(String(255), default=None)
    city: Mapped[str | None] = mapped_column(String(255), default=None)
    street: Mapped[str | None] = mapped_column(String(255), default=None)
    postcode: Mapped[str] = mapped_column(String(255))
    contact_name: Mapped[str | None] = mapped_column(String(255), default=None)
    email: Mapped[str | None] = mapped_column(String(255), default=None)
    phone: Mapped[str | None] = mapped_column(String(255), default=None)
    fax: Mapped[str | None] = mapped_column(String(255), default=None)
    use_default_carrier_config: Mapped[bool] = mapped_column(default=True)
    is_pickup_location_active: Mapped[bool] = mapped_column(default=False)
    frontend_name: Mapped[str | None] = mapped_column(String(255), default=None)
    frontend_description: Mapped[str | None] = mapped_column(Text, default=None)


class Stock(Base):
    __tablename__ = "inventory_stock"

    stock_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(255))


class StockSalesChannel(Base):
    """A sales channel (a website) belongs to exactly one stock."""

    __tablename__ = "inventory_stock_sales_channel"

    type: Mapped[str] = mapped_column(String(64), primary_key=True)
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    stock_id: Mapped[int] = mapped_column(
        ForeignKey("inventory_stock.stock_id", ondelete="CASCADE"), index=True
    )


class StockSourceLink(Base):
    __tablename__ = "inventory_source_stock_link"
    __table_args__ = (UniqueConstraint("stock_id", "source_code"),)

    link_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    stock_id: Mapped[int] = mapped_column(
        ForeignKey("inventory_stock.stock_id", ondelete="CASCADE")
    )
    source_code: Mapped[str] = mapped_column(
        ForeignKey("inventory_source.source_code", ondelete="CASCADE"), index=True
    )
    priority: Mapped[int] = mapped_column(default=0)


class SourceItem(Base):
    """The physical quantity of one SKU at one source."""

    __tablename__ = "inventory_source_item"
    __table_args__ = (UniqueConstraint("source_code", "sku"), Index(None, "sku"))

    source_item_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    source_code: Mapped[str] = mapped_column(
        ForeignKey("inventory_source.source_code", ondelete="CASCADE")
    )
    sku: Mapped[str] = mapped_column(String(64))
    quantity: Mapped[Quantity]
    status: Mapped[int] = mapped_column(default=SOURCE_ITEM_IN_STOCK)
    notify_stock_qty: Mapped[Decimal | None] = mapped_column(
        Numeric(12, 4), default=None
    )


class Reservation(Base):
    """One append-only entry of the reservation ledger."""

    __tablename__ = "inventory_reservation"
    __table_args__ = (Index(None, "stock_id", "sku"),)

    reservation_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    stock_id: Mapped[int]
    sku: Mapped[str] = mapped_column(String(64))
    quantity: Mapped[Quantity]
    metadata_json: Mapped[str | None] = mapped_column("metadata", Text, default=None)
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)


class ReservationTotal(Base):
    """The ledger's running sum per stock and SKU, kept in the same transaction.

    Reading salable quantity must not cost more as the ledger grows.
    """

    __tablename__ = "inventory_reservation_total"

    stock_id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    quantity: Mapped[Quantity]


class Geoname(Base):
    """Offline geocodes (postcode -> coordinates) for distance-based selection."""

    __tablename__ = "inventory_geoname"
    __table_args__ = (
        Index("ix_inventory_geoname_country_postcode", "country_code", "postcode"),
        Index("ix_inventory_geoname_country_city", "country_code", "city"),
    )

    entity_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    country_code: Mapped[str] = mapped_column(String(2))
    postcode: Mapped[str] = mapped_column(String(20))
    city: Mapped[str] = mapped_column(String(180))
    region: Mapped[str] = mapped_column(String(100))
    province: Mapped[str] = mapped_column(String(64))
    latitude: Mapped[Decimal] = mapped_column(Numeric(10, 6))
    longitude: Mapped[Decimal] = mapped_column(Numeric(10, 6))
