"""REST route listing the reservation ledger (sellable's own)."""

from typing import Any

from fastapi import APIRouter

from sellable.inventory.reservations import list_reservations
from sellable.inventory.serializers import reservation_dict
from sellable.kit.search_criteria import search_result
from sellable.kit.web import Criteria, DbSession, admin_for

router = APIRouter(tags=["inventory/reservations"])


@router.get(
    "/V1/inventory/reservations",
    response_model=None,
    dependencies=[admin_for("Magento_InventoryApi::stock")],
)
def reservations(session: DbSession, criteria: Criteria) -> dict[str, Any]:
    """Search the ledger by sku, stock_id or reservation_id."""
    items, total = list_reservations(session, criteria)
    return search_result([reservation_dict(r) for r in items], criteria, total)
