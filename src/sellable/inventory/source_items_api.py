"""REST routes for source items."""

from typing import Any

from fastapi import APIRouter

from sellable.inventory import source_items
from sellable.inventory.schemas import SourceItemsBody
from sellable.inventory.serializers import source_item_dict
from sellable.kit.search_criteria import search_result
from sellable.kit.web import Criteria, DbSession, admin_for

router = APIRouter(tags=["inventory/source-items"])
READ = [admin_for("Magento_InventoryApi::source")]
EDIT = [admin_for("Magento_InventoryApi::stock_source_item_assign")]


@router.get("/V1/inventory/source-items", response_model=None, dependencies=READ)
def list_source_items(session: DbSession, criteria: Criteria) -> dict[str, Any]:
    """Search source items by sku, source_code, quantity or status."""
    items, total = source_items.list_source_items(session, criteria)
    return search_result([source_item_dict(i) for i in items], criteria, total)


@router.post("/V1/inventory/source-items", response_model=None, dependencies=EDIT)
def save_source_items(session: DbSession, body: SourceItemsBody) -> list[Any]:
    """Set quantities and statuses; every row or none."""
    source_items.save_source_items(session, body.source_items)
    return []


@router.post(
    "/V1/inventory/source-items-delete", response_model=None, dependencies=EDIT
)
def delete_source_items(session: DbSession, body: SourceItemsBody) -> list[Any]:
    """Unassign SKUs from sources."""
    source_items.delete_source_items(session, body.source_items)
    return []
