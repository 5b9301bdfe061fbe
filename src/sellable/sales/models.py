"""Orders and their documents: invoices, shipments, credit memos."""

from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sellable.kit.database import Base
from sellable.kit.types import Money, Quantity, Timestamp, utcnow


class Order(Base):
    __tablename__ = "sales_order"

    entity_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    increment_id: Mapped[str] = mapped_column(String(50), unique=True)
    state: Mapped[str] = mapped_column(String(32), default="new")
    status: Mapped[str] = mapped_column(String(32), default="pending")
    store_id: Mapped[int] = mapped_column(ForeignKey("store_view.store_id"))
    store_name: Mapped[str | None] = mapped_column(String(255), default=None)
    stock_id: Mapped[int]
    quote_id: Mapped[int | None] = mapped_column(default=None)
    customer_id: Mapped[int | None] = mapped_column(default=None, index=True)
    customer_email: Mapped[str] = mapped_column(String(128))
    customer_firstname: Mapped[str | None] = mapped_column(String(128), default=None)
    customer_lastname: Mapped[str | None] = mapped_column(String(128), default=None)
    customer_group_id: Mapped[int] = mapped_column(default=0)
    customer_is_guest: Mapped[int] = mapped_column(default=0)
    order_currency_code: Mapped[str] = mapped_column(String(3), default="USD")
    subtotal: Mapped[Money]
    discount_amount: Mapped[Money]
    discount_description: Mapped[str | None] = mapped_column(String(255), default=None)
    shipping_amount: Mapped[Money]
    shipping_discount_amount: Mapped[Money]
    tax_amount: Mapped[Money]
    grand_total: Mapped[Money]
    total_qty_ordered: Mapped[Quantity]
    total_item_count: Mapped[int] = mapped_column(default=0)
    total_invoiced: Mapped[Money]
    total_paid: Mapped[Money]
    total_refunded: Mapped[Money]
    total_canceled: Mapped[Money]
    is_virtual: Mapped[int] = mapped_column(default=0)
    weight: Mapped[Decimal] = mapped_column(Numeric(12, 4), default=Decimal(0))
    shipping_method: Mapped[str | None] = mapped_column(String(120), default=None)
    shipping_description: Mapped[str | None] = mapped_column(String(255), default=None)
    applied_rule_ids: Mapped[str | None] = mapped_column(String(128), default=None)
    pickup_location_code: Mapped[str | None] = mapped_column(String(255), default=None)
    email_sent: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    updated_at: Mapped[Timestamp] = mapped_column(default=utcnow, onupdate=utcnow)

    items: Mapped[list["OrderItem"]] = relationship(
        back_populates="order",
        cascade="all, delete-orphan",
        order_by="OrderItem.item_id",
    )
    addresses: Mapped[list["OrderAddress"]] = relationship(
        cascade="all, delete-orphan", order_by="OrderAddress.entity_id"
    )
    payment: Mapped["OrderPayment | None"] = relationship(
        cascade="all, delete-orphan", uselist=False
    )
    history: Mapped[list["OrderStatusHistory"]] = relationship(
        cascade="all, delete-orphan", order_by="OrderStatusHistory.entity_id"
    )


class OrderItem(Base):
    __tablename__ = "sales_order_item"

    item_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    order_id: Mapped[int] = mapped_column(
        ForeignKey("sales_order.entity_id", ondelete="CASCADE"), index=True
    )
    quote_item_id: Mapped[int | None] = mapped_column(default=None)
    product_id: Mapped[int | None] = mapped_column(default=None)
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255))
    product_type: Mapped[str] = mapped_column(String(32))
    is_virtual: Mapped[int] = mapped_column(default=0)
    weight: Mapped[Decimal | None] = mapped_column(Numeric(12, 4), default=None)
    qty_ordered: Mapped[Quantity]
    qty_invoiced: Mapped[Quantity]
    qty_shipped: Mapped[Quantity]
    qty_refunded: Mapped[Quantity]
    # The refunded units that had not left a source: their hold was released.
    qty_refunded_unshipped: Mapped[Quantity]
    qty_canceled: Mapped[Quantity]
    price: Mapped[Money]
    original_price: Mapped[Money]
    row_total: Mapped[Money]
    discount_amount: Mapped[Money]
    discount_percent: Mapped[Money]
    discount_invoiced: Mapped[Money]
    row_invoiced: Mapped[Money]
    amount_refunded: Mapped[Money]
    tax_amount: Mapped[Money]
    applied_rule_ids: Mapped[str | None] = mapped_column(String(128), default=None)
    product_options: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)

    order: Mapped[Order] = relationship(back_populates="items")


class OrderAddress(Base):
    __tablename__ = "sales_order_address"

    entity_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    parent_id: Mapped[int] = mapped_column(
        ForeignKey("sales_order.entity_id", ondelete="CASCADE"), index=True
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


class OrderPayment(Base):
    __tablename__ = "sales_order_payment"

    entity_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    parent_id: Mapped[int] = mapped_column(
        ForeignKey("sales_order.entity_id", ondelete="CASCADE"), unique=True
    )
    method: Mapped[str] = mapped_column(String(64))
    amount_ordered: Mapped[Money]
    amount_paid: Mapped[Money]
    amount_refunded: Mapped[Money]
    shipping_amount: Mapped[Money]
    po_number: Mapped[str | None] = mapped_column(String(64), default=None)
    additional_information: Mapped[list[str]] = mapped_column(JSON, default=list)


class OrderStatusHistory(Base):
    __tablename__ = "sales_order_status_history"

    entity_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    parent_id: Mapped[int] = mapped_column(
        ForeignKey("sales_order.entity_id", ondelete="CASCADE"), index=True
    )
    comment: Mapped[str | None] = mapped_column(Text, default=None)
    status: Mapped[str | None] = mapped_column(String(32), default=None)
    entity_name: Mapped[str] = mapped_column(String(32), default="order")
    is_customer_notified: Mapped[int] = mapped_column(default=0)
    is_visible_on_front: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)


class Invoice(Base):
    __tablename__ = "sales_invoice"

    entity_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    order_id: Mapped[int] = mapped_column(
        ForeignKey("sales_order.entity_id", ondelete="CASCADE"), index=True
    )
    increment_id: Mapped[str] = mapped_column(String(50), unique=True)
    store_id: Mapped[int]
    state: Mapped[int] = mapped_column(default=2)
    subtotal: Mapped[Money]
    discount_amount: Mapped[Money]
    shipping_amount: Mapped[Money]
    tax_amount: Mapped[Money]
    grand_total: Mapped[Money]
    total_qty: Mapped[Quantity]
    email_sent: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    updated_at: Mapped[Timestamp] = mapped_column(default=utcnow, onupdate=utcnow)

    items: Mapped[list["InvoiceItem"]] = relationship(
        cascade="all, delete-orphan", order_by="InvoiceItem.entity_id"
    )


class InvoiceItem(Base):
    __tablename__ = "sales_invoice_item"

    entity_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    parent_id: Mapped[int] = mapped_column(
        ForeignKey("sales_invoice.entity_id", ondelete="CASCADE"), index=True
    )
    order_item_id: Mapped[int]
    product_id: Mapped[int | None] = mapped_column(default=None)
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255))
    qty: Mapped[Quantity]
    price: Mapped[Money]
    row_total: Mapped[Money]
    discount_amount: Mapped[Money]
    tax_amount: Mapped[Money]


class Shipment(Base):
    __tablename__ = "sales_shipment"

    entity_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    order_id: Mapped[int] = mapped_column(
        ForeignKey("sales_order.entity_id", ondelete="CASCADE"), index=True
    )
    increment_id: Mapped[str] = mapped_column(String(50), unique=True)
    store_id: Mapped[int]
    customer_id: Mapped[int | None] = mapped_column(default=None)
    source_code: Mapped[str] = mapped_column(String(255))
    total_qty: Mapped[Quantity]
    billing_address_id: Mapped[int | None] = mapped_column(default=None)
    shipping_address_id: Mapped[int | None] = mapped_column(default=None)
    email_sent: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    updated_at: Mapped[Timestamp] = mapped_column(default=utcnow, onupdate=utcnow)

    items: Mapped[list["ShipmentItem"]] = relationship(
        cascade="all, delete-orphan", order_by="ShipmentItem.entity_id"
    )
    comments: Mapped[list["ShipmentComment"]] = relationship(
        cascade="all, delete-orphan", order_by="ShipmentComment.entity_id"
    )
    tracks: Mapped[list["ShipmentTrack"]] = relationship(
        cascade="all, delete-orphan", order_by="ShipmentTrack.entity_id"
    )


class ShipmentItem(Base):
    __tablename__ = "sales_shipment_item"

    entity_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    parent_id: Mapped[int] = mapped_column(
        ForeignKey("sales_shipment.entity_id", ondelete="CASCADE"), index=True
    )
    order_item_id: Mapped[int]
    product_id: Mapped[int | None] = mapped_column(default=None)
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255))
    qty: Mapped[Quantity]
    price: Mapped[Money]
    weight: Mapped[Decimal | None] = mapped_column(Numeric(12, 4), default=None)


class ShipmentComment(Base):
    __tablename__ = "sales_shipment_comment"

    entity_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    parent_id: Mapped[int] = mapped_column(
        ForeignKey("sales_shipment.entity_id", ondelete="CASCADE"), index=True
    )
    comment: Mapped[str] = mapped_column(Text)
    is_customer_notified: Mapped[int] = mapped_column(default=0)
    is_visible_on_front: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)


class ShipmentTrack(Base):
    __tablename__ = "sales_shipment_track"

    entity_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    parent_id: Mapped[int] = mapped_column(
        ForeignKey("sales_shipment.entity_id", ondelete="CASCADE"), index=True
    )
    track_number: Mapped[str] = mapped_column(String(255))
    title: Mapped[str | None] = mapped_column(String(255), default=None)
    carrier_code: Mapped[str | None] = mapped_column(String(32), default=None)


class CreditMemo(Base):
    __tablename__ = "sales_creditmemo"

    entity_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    order_id: Mapped[int] = mapped_column(
        ForeignKey("sales_order.entity_id", ondelete="CASCADE"), index=True
    )
    invoice_id: Mapped[int | None] = mapped_column(default=None)
    increment_id: Mapped[str] = mapped_column(String(50), unique=True)
    store_id: Mapped[int]
    state: Mapped[int] = mapped_column(default=2)
    subtotal: Mapped[Money]
    discount_amount: Mapped[Money]
    shipping_amount: Mapped[Money]
    adjustment_positive: Mapped[Money]
    adjustment_negative: Mapped[Money]
    tax_amount: Mapped[Money]
    grand_total: Mapped[Money]
    email_sent: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    updated_at: Mapped[Timestamp] = mapped_column(default=utcnow, onupdate=utcnow)

    items: Mapped[list["CreditMemoItem"]] = relationship(
        cascade="all, delete-orphan", order_by="CreditMemoItem.entity_id"
    )


class CreditMemoItem(Base):
    __tablename__ = "sales_creditmemo_item"

    entity_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    parent_id: Mapped[int] = mapped_column(
        ForeignKey("sales_creditmemo.entity_id", ondelete="CASCADE"), index=True
    )
    order_item_id: Mapped[int]
    product_id: Mapped[int | None] = mapped_column(default=None)
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255))
    qty: Mapped[Quantity]
    price: Mapped[Money]
    row_total: Mapped[Money]
    discount_amount: Mapped[Money]
    tax_amount: Mapped[Money]
    back_to_stock: Mapped[bool] = mapped_column(default=False)
    # Units whose stock hold this refund released (they had not shipped).
    qty_released: Mapped[Quantity]
    # Units put back at each source they had shipped from: {source_code: qty}.
    returned_to_sources: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)


class SalesSequence(Base):
    """The last increment id issued per document type and store view."""

    __tablename__ = "sales_sequence"

    entity_type: Mapped[str] = mapped_column(String(32), primary_key=True)
    store_id: Mapped[int] = mapped_column(primary_key=True)
    last_value: Mapped[int] = mapped_column(default=0)


class IdempotencyRecord(Base):
    """The first answer to a request carrying an Idempotency-Key."""

    __tablename__ = "idempotency_record"
    __table_args__ = (UniqueConstraint("scope", "idempotency_key"),)

    record_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    scope: Mapped[str] = mapped_column(String(255))
    idempotency_key: Mapped[str] = mapped_column(String(255))
    request_hash: Mapped[str] = mapped_column(String(64))
    response_status: Mapped[int]
    response_body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)
