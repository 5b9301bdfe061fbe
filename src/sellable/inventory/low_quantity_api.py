"""REST routes of low-quantity notification per source item."""

from typing import Any

from fastapi import APIRouter

from sellable.inventory import low_quantity
from sellable.inventory.schemas import SourceItemConfigurationsBody, SourceItemsBody
from sellable.inventory.serializers import number
from sellable.kit.web import DbSession, admin_for

router = APIRouter(tags=["inventory/low-quantity-notification"])
READ = [admin_for("Magento_InventoryApi::source")]
EDIT = [admin_for("Magento_InventoryApi::source_edit")]


@router.get(
    "/V1/inventory/low-quantity-notification/{sourceCode}/{sku:path}",
    response_model=None,
    dependencies=READ,
)
def get_notification(session: DbSession, sourceCode: str, sku: str) -> dict[str, Any]:  # noqa: N803
    """The notify quantity in force for one source item."""
    found = low_quantity.get_configuration(session, sourceCode, sku)
    return {
        "source_code": found.source_code,
        "notify_stock_qty": number(found.notify_stock_qty),
        "sku": found.sku,
    }


@router.post(
    "/V1/inventory/low-quantity-notification", response_model=None, dependencies=EDIT
)
def save_notifications(
    session: DbSession, body: SourceItemConfigurationsBody
) -> list[Any]:
    """Set source items' notify quantities; every row or none."""
    low_quantity.save_configurations(session, body.source_item_configurations)
    return []


@router.post(
    "/V1/inventory/low-quantity-notifications-delete",
    response_model=None,
    dependencies=EDIT,
)
def delete_notifications(session: DbSession, body: SourceItemsBody) -> list[Any]:
    """Drop source items' own notify quantities (the default applies again)."""
    low_quantity.delete_configurations(session, body.source_items)
    return []
