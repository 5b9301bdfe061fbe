"""REST routes for sources."""

from typing import Any

from fastapi import APIRouter

from sellable.inventory import sources
from sellable.inventory.schemas import SourceBody
from sellable.inventory.serializers import source_dict
from sellable.kit.search_criteria import search_result
from sellable.kit.web import Criteria, DbSession, admin_for

router = APIRouter(tags=["inventory/sources"])
READ = [admin_for("Magento_InventoryApi::source")]
EDIT = [admin_for("Magento_InventoryApi::source_edit")]


@router.get("/V1/inventory/sources", response_model=None, dependencies=READ)
def list_sources(session: DbSession, criteria: Criteria) -> dict[str, Any]:
    """Search sources."""
    items, total = sources.list_sources(session, criteria)
    return search_result([source_dict(s) for s in items], criteria, total)


@router.get(
    "/V1/inventory/sources/{source_code}", response_model=None, dependencies=READ
)
def get_source(session: DbSession, source_code: str) -> dict[str, Any]:
    """One source by its code."""
    return source_dict(sources.get_source(session, source_code))


@router.post("/V1/inventory/sources", response_model=None, dependencies=EDIT)
def save_source(session: DbSession, body: SourceBody) -> list[Any]:
    """Create a source (or update the one with the same code)."""
    sources.save_source(session, body.source)
    return []


@router.put(
    "/V1/inventory/sources/{source_code}", response_model=None, dependencies=EDIT
)
def update_source(session: DbSession, source_code: str, body: SourceBody) -> list[Any]:
    """Change an existing source."""
    sources.update_source(session, source_code, body.source)
    return []
