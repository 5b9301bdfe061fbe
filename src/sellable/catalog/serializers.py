"""Products as Magento's catalogDataProductInterface JSON."""

from datetime import datetime
from typing import Any

from sellable.catalog.models import DownloadableLink, Product, ProductStockSettings
from sellable.inventory.models import SOURCE_ITEM_IN_STOCK, SourceItem

LEGACY_STOCK_ID = 1
MAGENTO_TIME = "%Y-%m-%d %H:%M:%S"


def magento_time(moment: datetime | None) -> str | None:
    return moment.strftime(MAGENTO_TIME) if moment is not None else None


def product_json(
    product: Product, source_item: SourceItem | None, config: dict[str, Any]
) -> dict[str, Any]:
    """The product as GET /V1/products/{sku} answers it."""
    body: dict[str, Any] = {
        "id": product.entity_id,
        "sku": product.sku,
        "name": product.name,
        "attribute_set_id": product.attribute_set_id,
        "price": product.price,
        "status": product.status,
        "visibility": product.visibility,
        "type_id": product.type_id,
        "created_at": magento_time(product.created_at),
        "updated_at": magento_time(product.updated_at),
    }
    if product.weight is not None:
        body["weight"] = product.weight
    body["extension_attributes"] = _extension(product, source_item, config)
    body.update(product_links=[], options=[], media_gallery_entries=[], tier_prices=[])
    body["custom_attributes"] = _custom_attributes(product)
    return body


def _extension(
    product: Product, source_item: SourceItem | None, config: dict[str, Any]
) -> dict[str, Any]:
    extension: dict[str, Any] = {
        "website_ids": [link.website_id for link in product.websites],
        "stock_item": stock_item_json(product, source_item, config),
    }
    if product.type_id == "downloadable":
        extension["downloadable_product_links"] = [link_json(x) for x in product.links]
        extension["downloadable_product_samples"] = []
    return extension


def stock_item_json(
    product: Product, source_item: SourceItem | None, config: dict[str, Any]
) -> dict[str, Any]:
    """The legacy stock item: default-source quantity, settings with config applied."""
    settings = product.stock_settings or ProductStockSettings(
        manage_stock=True,
        use_config_manage_stock=True,
        min_qty=0,
        use_config_min_qty=True,
        backorders=0,
        use_config_backorders=True,
        min_sale_qty=1,
        use_config_min_sale_qty=True,
        max_sale_qty=10000,
        use_config_max_sale_qty=True,
        qty_increments=1,
        enable_qty_increments=False,
        use_config_enable_qty_inc=True,
        is_qty_decimal=False,
        notify_stock_qty=1,
        use_config_notify_stock_qty=True,
    )

    def pick(field: str, flag: str) -> Any:
        return config[field] if getattr(settings, flag) else getattr(settings, field)

    in_stock = source_item is not None and source_item.status == SOURCE_ITEM_IN_STOCK
    return {
        "item_id": product.entity_id,
        "product_id": product.entity_id,
        "stock_id": LEGACY_STOCK_ID,
        "qty": source_item.quantity if source_item is not None else 0,
        "is_in_stock": in_stock,
        "is_qty_decimal": bool(settings.is_qty_decimal),
        "show_default_notification_message": False,
        "use_config_min_qty": bool(settings.use_config_min_qty),
        "min_qty": pick("min_qty", "use_config_min_qty"),
        "use_config_min_sale_qty": int(bool(settings.use_config_min_sale_qty)),
        "min_sale_qty": pick("min_sale_qty", "use_config_min_sale_qty"),
        "use_config_max_sale_qty": bool(settings.use_config_max_sale_qty),
        "max_sale_qty": pick("max_sale_qty", "use_config_max_sale_qty"),
        "use_config_backorders": bool(settings.use_config_backorders),
        "backorders": pick("backorders", "use_config_backorders"),
        "use_config_notify_stock_qty": bool(settings.use_config_notify_stock_qty),
        "notify_stock_qty": pick("notify_stock_qty", "use_config_notify_stock_qty"),
        "use_config_qty_increments": True,
        "qty_increments": settings.qty_increments,
        "use_config_enable_qty_inc": bool(settings.use_config_enable_qty_inc),
        "enable_qty_increments": bool(
            pick("enable_qty_increments", "use_config_enable_qty_inc")
        ),
        "use_config_manage_stock": bool(settings.use_config_manage_stock),
        "manage_stock": bool(pick("manage_stock", "use_config_manage_stock")),
        "low_stock_date": None,
        "is_decimal_divided": False,
        "stock_status_changed_auto": 0,
    }


def link_json(link: DownloadableLink) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": link.link_id,
        "title": link.title,
        "sort_order": link.sort_order,
        "is_shareable": link.is_shareable,
        "price": link.price,
        "number_of_downloads": link.number_of_downloads,
        "link_type": link.link_type,
        # Required by linkInterface: Magento prints it as null when there is no sample.
        "sample_type": None,
    }
    if link.link_url is not None:
        body["link_url"] = link.link_url
    if link.link_file is not None:
        body["link_file"] = link.link_file
    return body


def _custom_attributes(product: Product) -> list[dict[str, Any]]:
    attributes = list(product.custom_attributes or [])
    if product.type_id == "downloadable":
        attributes += [
            {"attribute_code": "links_title", "value": product.links_title or ""},
            {
                "attribute_code": "links_purchased_separately",
                "value": str(product.links_purchased_separately),
            },
        ]
    return attributes
