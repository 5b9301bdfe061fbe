"""Websites, store groups, store views and store configs as Magento JSON."""

from typing import Any

from sqlalchemy.orm import Session

from sellable.store.listing import config_value
from sellable.store.models import StoreGroup, StoreView, Website


def website_dict(website: Website) -> dict[str, Any]:
    return {
        "id": website.website_id,
        "code": website.code,
        "name": website.name,
        "default_group_id": website.default_group_id,
    }


def store_group_dict(group: StoreGroup) -> dict[str, Any]:
    return {
        "id": group.group_id,
        "website_id": group.website_id,
        "root_category_id": group.root_category_id,
        "default_store_id": group.default_store_id,
        "name": group.name,
        "code": group.code,
    }


def store_view_dict(view: StoreView) -> dict[str, Any]:
    return {
        "id": view.store_id,
        "code": view.code,
        "name": view.name,
        "website_id": view.website_id,
        "store_group_id": view.group_id,
        "is_active": view.is_active,
    }


def store_config_dict(
    session: Session, view: StoreView, host_url: str
) -> dict[str, Any]:
    """One store view's locale, currencies and URLs (`host_url` ends with `/`)."""

    def value(path: str) -> str | None:
        return config_value(session, path, view.store_id)

    base_currency = value("currency/options/base") or "USD"
    return {
        "id": view.store_id,
        "code": view.code,
        "website_id": view.website_id,
        "locale": value("general/locale/code"),
        "base_currency_code": base_currency,
        "default_display_currency_code": value("currency/options/default")
        or base_currency,
        "timezone": value("general/locale/timezone"),
        "weight_unit": value("general/locale/weight_unit"),
        **_urls(value("web/unsecure/base_url") or host_url, view, value, ""),
        **_urls(value("web/secure/base_url") or host_url, view, value, "secure_"),
    }


def _urls(base: str, view: StoreView, value: Any, prefix: str) -> dict[str, str]:
    base = base if base.endswith("/") else base + "/"
    uses_store_code = str(value("web/url/use_store") or "0") == "1"
    return {
        f"{prefix}base_url": base,
        f"{prefix}base_link_url": base + (f"{view.code}/" if uses_store_code else ""),
        f"{prefix}base_static_url": base + "static/",
        f"{prefix}base_media_url": base + "media/",
    }
