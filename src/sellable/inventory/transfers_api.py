"""REST routes for bulk transfers and bulk (un)assignment of sources."""

from typing import Any

from fastapi import APIRouter

from sellable.inventory import transfers
from sellable.inventory.schemas import (
    BulkAssignBody,
    BulkTransferBody,
    PartialTransferBody,
)
from sellable.kit.web import DbSession, admin_for

router = APIRouter(tags=["inventory/bulk"])
PRODUCTS = [admin_for("Magento_Catalog::products")]


@router.post(
    "/V1/inventory/bulk-product-source-transfer",
    response_model=None,
    dependencies=PRODUCTS,
)
def transfer_all(session: DbSession, body: BulkTransferBody) -> bool:
    """Move all of each SKU's stock from one source to another."""
    transfers.transfer_all(
        session,
        body.skus,
        body.origin_source,
        body.destination_source,
        body.unassign_from_origin,
    )
    return True


@router.post(
    "/V1/inventory/bulk-partial-source-transfer",
    response_model=None,
    dependencies=PRODUCTS,
)
def transfer_partially(session: DbSession, body: PartialTransferBody) -> list[Any]:
    """Move given quantities from one source to another."""
    transfers.transfer_partially(
        session, body.origin_source_code, body.destination_source_code, body.items
    )
    return []


@router.post(
    "/V1/inventory/bulk-product-source-assign",
    response_model=None,
    dependencies=PRODUCTS,
)
def assign(session: DbSession, body: BulkAssignBody) -> int:
    """Assign SKUs to sources (empty rows); answer how many rows were added."""
    return transfers.assign_sources(session, body.skus, body.source_codes)


@router.post(
    "/V1/inventory/bulk-product-source-unassign",
    response_model=None,
    dependencies=PRODUCTS,
)
def unassign(session: DbSession, body: BulkAssignBody) -> int:
    """Unassign SKUs from sources; answer how many rows were removed."""
    return transfers.unassign_sources(session, body.skus, body.source_codes)
