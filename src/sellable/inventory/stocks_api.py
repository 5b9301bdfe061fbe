"""REST routes for stocks, their sales channels and their source links."""

from typing import Annotated, Any

from fastapi import APIRouter, Path

from sellable.inventory import links, stocks
from sellable.inventory.models import Stock
from sellable.inventory.schemas import LinksBody, StockBody
from sellable.inventory.serializers import link_dict, source_dict, stock_dict
from sellable.kit.search_criteria import search_result
from sellable.kit.web import Criteria, DbSession, admin_for

router = APIRouter(tags=["inventory/stocks"])
READ = [admin_for("Magento_InventoryApi::stock")]
EDIT = [admin_for("Magento_InventoryApi::stock_edit")]
DELETE = [admin_for("Magento_InventoryApi::stock_delete")]
SALES = [admin_for("Magento_InventorySalesApi::stock")]
LINKS = [admin_for("Magento_InventoryApi::stock_source_link")]
StockId = Annotated[int, Path(alias="stockId", ge=0, lt=2**31)]


def _rendered(session: DbSession, found: list[Stock]) -> list[dict[str, Any]]:
    channels = stocks.channels_of(session, [stock.stock_id for stock in found])
    return [stock_dict(stock, channels.get(stock.stock_id, [])) for stock in found]


@router.get("/V1/inventory/stocks", response_model=None, dependencies=READ)
def list_stocks(session: DbSession, criteria: Criteria) -> dict[str, Any]:
    """Search stocks."""
    items, total = stocks.list_stocks(session, criteria)
    return search_result(_rendered(session, items), criteria, total)


@router.get("/V1/inventory/stocks/{stockId}", response_model=None, dependencies=READ)
def get_stock(session: DbSession, stock_id: StockId) -> dict[str, Any]:
    """One stock with its sales channels."""
    return _rendered(session, [stocks.get_stock(session, stock_id)])[0]


@router.post("/V1/inventory/stocks", response_model=None, dependencies=EDIT)
def save_stock(session: DbSession, body: StockBody) -> int:
    """Create a stock; answer its id."""
    return stocks.save_stock(session, body.stock)


@router.put("/V1/inventory/stocks/{stockId}", response_model=None, dependencies=EDIT)
def update_stock(session: DbSession, stock_id: StockId, body: StockBody) -> int:
    """Rename a stock or replace its sales channels."""
    return stocks.update_stock(session, stock_id, body.stock)


@router.delete(
    "/V1/inventory/stocks/{stockId}", response_model=None, dependencies=DELETE
)
def delete_stock(session: DbSession, stock_id: StockId) -> list[Any]:
    """Delete a stock that serves no sales channel."""
    stocks.delete_stock(session, stock_id)
    return []


@router.get(
    "/V1/inventory/stock-resolver/{type}/{code}",
    response_model=None,
    dependencies=SALES,
)
def resolve_stock(session: DbSession, type: str, code: str) -> dict[str, Any]:
    """The stock serving a sales channel."""
    return _rendered(session, [stocks.stock_for_channel(session, type, code)])[0]


@router.get("/V1/inventory/stock-source-links", response_model=None, dependencies=LINKS)
def list_links(session: DbSession, criteria: Criteria) -> dict[str, Any]:
    """Search stock-source links."""
    items, total = links.list_links(session, criteria)
    return search_result([link_dict(link) for link in items], criteria, total)


@router.post(
    "/V1/inventory/stock-source-links", response_model=None, dependencies=LINKS
)
def save_links(session: DbSession, body: LinksBody) -> list[Any]:
    """Link sources to stocks with a priority."""
    links.save_links(session, body.links)
    return []


@router.post(
    "/V1/inventory/stock-source-links-delete", response_model=None, dependencies=LINKS
)
def delete_links(session: DbSession, body: LinksBody) -> list[Any]:
    """Unlink sources from stocks."""
    links.delete_links(session, body.links)
    return []


@router.get(
    "/V1/inventory/get-sources-assigned-to-stock-ordered-by-priority/{stockId}",
    response_model=None,
    dependencies=[admin_for("Magento_InventoryApi::source")],
)
def sources_by_priority(session: DbSession, stock_id: StockId) -> list[dict[str, Any]]:
    """The stock's sources in priority order."""
    return [
        source_dict(source) for source in links.sources_by_priority(session, stock_id)
    ]
