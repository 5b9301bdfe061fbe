"""Request bodies of the sales routes (Magento field names)."""

from decimal import Decimal

from pydantic import BaseModel, Field


class ItemQuantity(BaseModel):
    order_item_id: int
    qty: Decimal


class CommentCreate(BaseModel):
    comment: str
    is_visible_on_front: int = 0


class TrackCreate(BaseModel):
    track_number: str
    title: str | None = None
    carrier_code: str | None = None


class InvoiceOrder(BaseModel):
    capture: bool = False
    notify: bool = False
    items: list[ItemQuantity] | None = None
    appendComment: bool = False  # noqa: N815 - Magento's name
    comment: CommentCreate | None = None


class SourceCodeExtension(BaseModel):
    source_code: str | None = None


class ShipmentArguments(BaseModel):
    extension_attributes: SourceCodeExtension | None = None


class ShipOrder(BaseModel):
    items: list[ItemQuantity] = Field(default_factory=list)
    notify: bool = False
    appendComment: bool = False  # noqa: N815 - Magento's name
    comment: CommentCreate | None = None
    tracks: list[TrackCreate] = Field(default_factory=list)
    arguments: ShipmentArguments | None = None

    @property
    def source_code(self) -> str | None:
        extension = self.arguments.extension_attributes if self.arguments else None
        return extension.source_code if extension else None


class ShipmentEntity(BaseModel):
    """The raw shipment of `POST /V1/shipment`; the order's data wins."""

    entity_id: int | None = None
    order_id: int
    items: list[ItemQuantity] = Field(default_factory=list)
    tracks: list[TrackCreate] = Field(default_factory=list)
    comments: list[CommentCreate] = Field(default_factory=list)
    extension_attributes: SourceCodeExtension | None = None


class ShipmentSave(BaseModel):
    entity: ShipmentEntity


class NotifyOrdersReadyForPickup(BaseModel):
    orderIds: list[int]  # noqa: N815 - Magento's name


class ReturnToStockExtension(BaseModel):
    return_to_stock_items: list[int] = Field(default_factory=list)


class CreditMemoArguments(BaseModel):
    shipping_amount: Decimal | None = Field(default=None, ge=0)
    adjustment_positive: Decimal = Field(default=Decimal(0), ge=0)
    adjustment_negative: Decimal = Field(default=Decimal(0), ge=0)
    extension_attributes: ReturnToStockExtension | None = None


class RefundOrder(BaseModel):
    """Body of `/V1/order/{id}/refund` and `/V1/invoice/{id}/refund`."""

    items: list[ItemQuantity] = Field(default_factory=list)
    notify: bool = False
    appendComment: bool = False  # noqa: N815 - Magento's name
    comment: CommentCreate | None = None
    arguments: CreditMemoArguments | None = None

    @property
    def return_to_stock_items(self) -> list[int]:
        extension = self.arguments.extension_attributes if self.arguments else None
        return extension.return_to_stock_items if extension else []
