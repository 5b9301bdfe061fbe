"""REST routes of the inventory core: one router, made of one per use case."""

from fastapi import APIRouter

from sellable.inventory import (
    low_quantity_api,
    reservations_api,
    salability_api,
    source_items_api,
    sources_api,
    stocks_api,
    transfers_api,
)

router = APIRouter()
for part in (
    low_quantity_api,
    sources_api,
    stocks_api,
    source_items_api,
    salability_api,
    transfers_api,
    reservations_api,
):
    router.include_router(part.router)
