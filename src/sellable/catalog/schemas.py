"""Request bodies of the product endpoints (Magento field names)."""

from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict

_LENIENT = ConfigDict(extra="ignore")


class StockItemIn(BaseModel):
    """`extension_attributes.stock_item`: only the fields sent are applied."""

    model_config = _LENIENT

    qty: Decimal | None = None
    is_in_stock: bool | None = None
    manage_stock: bool | None = None
    use_config_manage_stock: bool | None = None
    min_qty: Decimal | None = None
    use_config_min_qty: bool | None = None
    backorders: int | None = None
    use_config_backorders: bool | None = None
    min_sale_qty: Decimal | None = None
    use_config_min_sale_qty: bool | None = None
    max_sale_qty: Decimal | None = None
    use_config_max_sale_qty: bool | None = None
    qty_increments: Decimal | None = None
    enable_qty_increments: bool | None = None
    use_config_enable_qty_inc: bool | None = None
    is_qty_decimal: bool | None = None
    notify_stock_qty: Decimal | None = None
    use_config_notify_stock_qty: bool | None = None


class DownloadableLinkIn(BaseModel):
    model_config = _LENIENT

    id: int | None = None
    title: str | None = None
    price: Decimal = Decimal(0)
    sort_order: int = 0
    is_shareable: int = 0
    number_of_downloads: int = 0
    link_type: str = "url"
    link_url: str | None = None
    link_file: str | None = None


class ProductExtensionIn(BaseModel):
    model_config = _LENIENT

    website_ids: list[int] | None = None
    stock_item: StockItemIn | None = None
    downloadable_product_links: list[DownloadableLinkIn] | None = None


class CustomAttributeIn(BaseModel):
    model_config = _LENIENT

    attribute_code: str
    value: Any = None


class ProductIn(BaseModel):
    """`catalogDataProductInterface`; absent fields keep their stored value."""

    model_config = _LENIENT

    sku: str | None = None
    name: str | None = None
    attribute_set_id: int | None = None
    price: Decimal | None = None
    status: int | None = None
    visibility: int | None = None
    type_id: str | None = None
    weight: Decimal | None = None
    extension_attributes: ProductExtensionIn | None = None
    custom_attributes: list[CustomAttributeIn] | None = None
    # Magento keeps these two as custom attributes; accepted here as well.
    links_title: str | None = None
    links_purchased_separately: int | None = None


class ProductSave(BaseModel):
    """Body of POST /V1/products and PUT /V1/products/{sku}."""

    model_config = _LENIENT

    product: ProductIn
    saveOptions: bool | None = None  # noqa: N815 - Magento's field name


class ProductWebsiteLinkIn(BaseModel):
    model_config = _LENIENT

    sku: str | None = None
    website_id: int


class ProductWebsiteLinkSave(BaseModel):
    """Body of POST /V1/products/{sku}/websites."""

    model_config = _LENIENT

    productWebsiteLink: ProductWebsiteLinkIn  # noqa: N815 - Magento's field name
