"""Store endpoints: websites, store groups, store views and store configs."""

from typing import Annotated, Any

from fastapi import APIRouter, Request

from sellable.auth.service import Caller
from sellable.kit.web import DbSession, admin_for
from sellable.store import listing
from sellable.store.serializers import (
    store_config_dict,
    store_group_dict,
    store_view_dict,
    website_dict,
)

router = APIRouter(tags=["store"])

StoresAdmin = Annotated[Caller, admin_for("Magento_Backend::stores")]


@router.get("/V1/store/websites")
def get_websites(_caller: StoresAdmin, session: DbSession) -> list[dict[str, Any]]:
    """Retrieve the list of all websites."""
    return [website_dict(website) for website in listing.list_websites(session)]


@router.get("/V1/store/storeGroups")
def get_store_groups(_caller: StoresAdmin, session: DbSession) -> list[dict[str, Any]]:
    """Retrieve the list of all store groups."""
    return [store_group_dict(group) for group in listing.list_store_groups(session)]


@router.get("/V1/store/storeViews")
def get_store_views(_caller: StoresAdmin, session: DbSession) -> list[dict[str, Any]]:
    """Retrieve the list of all store views."""
    return [store_view_dict(view) for view in listing.list_store_views(session)]


@router.get("/V1/store/storeConfigs")
def get_store_configs(
    _caller: StoresAdmin, session: DbSession, request: Request
) -> list[dict[str, Any]]:
    """Retrieve the store configs of every store view, or of `storeCodes` only."""
    codes = [
        value
        for name, value in request.query_params.multi_items()
        if name == "storeCodes" or name.startswith("storeCodes[")
    ]
    views = listing.storefront_views(session, codes)
    host_url = str(request.base_url)
    return [store_config_dict(session, view, host_url) for view in views]
