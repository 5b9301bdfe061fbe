"""Products, their websites, stock settings and downloadable links."""

from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sellable.kit.database import Base
from sellable.kit.types import Money, Timestamp, utcnow

VIRTUAL_TYPES = frozenset({"virtual", "downloadable"})


class Product(Base):
    __tablename__ = "catalog_product_entity"

    entity_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    type_id: Mapped[str] = mapped_column(String(32), default="simple")
    attribute_set_id: Mapped[int] = mapped_column(default=4)
    price: Mapped[Money]
    weight: Mapped[Decimal | None] = mapped_column(Numeric(12, 4), default=None)
    status: Mapped[int] = mapped_column(default=1)
    visibility: Mapped[int] = mapped_column(default=4)
    links_title: Mapped[str | None] = mapped_column(String(255), default=None)
    links_purchased_separately: Mapped[int] = mapped_column(default=0)
    # Other custom_attributes as sent ({attribute_code, value}), echoed back.
    custom_attributes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    updated_at: Mapped[Timestamp] = mapped_column(default=utcnow, onupdate=utcnow)

    websites: Mapped[list["ProductWebsite"]] = relationship(
        cascade="all, delete-orphan", order_by="ProductWebsite.website_id"
    )
    stock_settings: Mapped["ProductStockSettings | None"] = relationship(
        cascade="all, delete-orphan", uselist=False
    )
    links: Mapped[list["DownloadableLink"]] = relationship(
        cascade="all, delete-orphan", order_by="DownloadableLink.link_id"
    )

    @property
    def is_virtual(self) -> bool:
        return self.type_id in VIRTUAL_TYPES


class ProductWebsite(Base):
    __tablename__ = "catalog_product_website"

    product_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_product_entity.entity_id", ondelete="CASCADE"),
        primary_key=True,
    )
    website_id: Mapped[int] = mapped_column(
        ForeignKey("store_website.website_id", ondelete="CASCADE"), primary_key=True
    )


class ProductStockSettings(Base):
    """Per-product stock options; a `use_config_*` flag defers to config."""

    __tablename__ = "catalog_product_stock_settings"

    product_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_product_entity.entity_id", ondelete="CASCADE"),
        primary_key=True,
    )
    manage_stock: Mapped[bool] = mapped_column(default=True)
    use_config_manage_stock: Mapped[bool] = mapped_column(default=True)
    min_qty: Mapped[Decimal] = mapped_column(Numeric(12, 4), default=Decimal(0))
    use_config_min_qty: Mapped[bool] = mapped_column(default=True)
    backorders: Mapped[int] = mapped_column(default=0)
    use_config_backorders: Mapped[bool] = mapped_column(default=True)
    min_sale_qty: Mapped[Decimal] = mapped_column(Numeric(12, 4), default=Decimal(1))
    use_config_min_sale_qty: Mapped[bool] = mapped_column(default=True)
    max_sale_qty: Mapped[Decimal] = mapped_column(
        Numeric(12, 4), default=Decimal(10000)
    )
    use_config_max_sale_qty: Mapped[bool] = mapped_column(default=True)
    qty_increments: Mapped[Decimal] = mapped_column(Numeric(12, 4), default=Decimal(1))
    enable_qty_increments: Mapped[bool] = mapped_column(default=False)
    use_config_enable_qty_inc: Mapped[bool] = mapped_column(default=True)
    is_qty_decimal: Mapped[bool] = mapped_column(default=False)
    notify_stock_qty: Mapped[Decimal] = mapped_column(
        Numeric(12, 4), default=Decimal(1)
    )
    use_config_notify_stock_qty: Mapped[bool] = mapped_column(default=True)


class DownloadableLink(Base):
    __tablename__ = "downloadable_link"

    link_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    product_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_product_entity.entity_id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(255), default="")
    price: Mapped[Money]
    sort_order: Mapped[int] = mapped_column(default=0)
    is_shareable: Mapped[int] = mapped_column(default=0)
    number_of_downloads: Mapped[int] = mapped_column(default=0)
    link_type: Mapped[str] = mapped_column(String(20), default="url")
    link_url: Mapped[str | None] = mapped_column(String(255), default=None)
    link_file: Mapped[str | None] = mapped_column(String(255), default=None)
