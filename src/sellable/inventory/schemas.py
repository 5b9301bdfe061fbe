"""Request bodies of the inventory REST API, with Magento's field names.

Fields a Magento validator checks are optional here, so that the validator,
not the parser, answers with Magento's message.
"""

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

Text = Annotated[str, Field(max_length=255)]
Code = Annotated[str, Field(max_length=255)]
Sku = Annotated[str, Field(max_length=64)]
Quantity = Annotated[Decimal, Field(gt=-(10**15), lt=10**15)]
Coordinate = Annotated[Decimal, Field(ge=-1000, le=1000)]


class Body(BaseModel):
    model_config = ConfigDict(populate_by_name=True)


class SourceExtension(Body):
    is_pickup_location_active: bool | None = None
    frontend_name: Text | None = None
    frontend_description: str | None = None


class SourceData(Body):
    source_code: Code | None = None
    name: Text | None = None
    email: Text | None = None
    contact_name: Text | None = None
    enabled: bool | None = None
    description: str | None = None
    latitude: Coordinate | None = None
    longitude: Coordinate | None = None
    country_id: Annotated[str, Field(max_length=2)] | None = None
    region_id: Annotated[int, Field(ge=0, lt=2**31)] | None = None
    region: Text | None = None
    city: Text | None = None
    street: Text | None = None
    postcode: Text | None = None
    phone: Text | None = None
    fax: Text | None = None
    use_default_carrier_config: bool | None = None
    carrier_links: list[Any] | None = None
    extension_attributes: SourceExtension | None = None


class SourceBody(Body):
    source: SourceData


class SalesChannelData(Body):
    type: Annotated[str, Field(max_length=64)] | None = None
    code: Annotated[str, Field(max_length=64)] | None = None


class StockExtension(Body):
    sales_channels: list[SalesChannelData] | None = None


class StockData(Body):
    stock_id: Annotated[int, Field(ge=0, lt=2**31)] | None = None
    name: Text | None = None
    extension_attributes: StockExtension | None = None


class StockBody(Body):
    stock: StockData


class LinkData(Body):
    stock_id: Annotated[int, Field(ge=0, lt=2**31)] | None = None
    source_code: Code | None = None
    priority: Annotated[int, Field(gt=-(2**31), lt=2**31)] | None = None


class LinksBody(Body):
    links: list[LinkData]


class SourceItemData(Body):
    sku: Sku | None = None
    source_code: Code | None = None
    quantity: Quantity | None = None
    status: int | None = None


class SourceItemsBody(Body):
    source_items: list[SourceItemData] = Field(alias="sourceItems")


class BulkTransferBody(Body):
    skus: list[Sku]
    origin_source: Code = Field(alias="originSource")
    destination_source: Code = Field(alias="destinationSource")
    unassign_from_origin: bool = Field(alias="unassignFromOrigin")


class PartialTransferItem(Body):
    sku: Sku
    qty: Quantity


class PartialTransferBody(Body):
    origin_source_code: Code = Field(alias="originSourceCode")
    destination_source_code: Code = Field(alias="destinationSourceCode")
    items: list[PartialTransferItem]


class BulkAssignBody(Body):
    skus: list[Sku]
    source_codes: list[Code] = Field(alias="sourceCodes")


class SourceItemConfigurationData(Body):
    """Magento's low-quantity notification setting of one source item."""

    sku: Sku | None = None
    source_code: Code | None = None
    notify_stock_qty: Quantity | None = None


class SourceItemConfigurationsBody(Body):
    source_item_configurations: list[SourceItemConfigurationData] = Field(
        alias="sourceItemConfigurations"
    )
