"""Websites, store groups, store views and scoped configuration."""

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sellable.kit.database import Base


class Website(Base):
    __tablename__ = "store_website"

    website_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    default_group_id: Mapped[int] = mapped_column(default=0)
    sort_order: Mapped[int] = mapped_column(default=0)


class StoreGroup(Base):
    __tablename__ = "store_group"

    group_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    website_id: Mapped[int] = mapped_column(ForeignKey("store_website.website_id"))
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    root_category_id: Mapped[int] = mapped_column(default=2)
    default_store_id: Mapped[int] = mapped_column(default=0)


class StoreView(Base):
    __tablename__ = "store_view"

    store_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    website_id: Mapped[int] = mapped_column(ForeignKey("store_website.website_id"))
    group_id: Mapped[int] = mapped_column(ForeignKey("store_group.group_id"))
    name: Mapped[str] = mapped_column(String(255))
    sort_order: Mapped[int] = mapped_column(default=0)
    is_active: Mapped[int] = mapped_column(default=1)


class ConfigValue(Base):
    """A Magento config path set at default, website or store-view scope."""

    __tablename__ = "core_config_data"
    __table_args__ = (UniqueConstraint("scope", "scope_id", "path"),)

    config_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    scope: Mapped[str] = mapped_column(String(8), default="default")
    scope_id: Mapped[int] = mapped_column(default=0)
    path: Mapped[str] = mapped_column(String(255))
    value: Mapped[str | None] = mapped_column(Text)
