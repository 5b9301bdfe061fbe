"""Quantity per Source and Salable Quantity, for one page of SKUs only."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.orm import Session

from sellable.inventory.links import list_links
from sellable.inventory.models import Stock
from sellable.inventory.salability import salable_quantities
from sellable.inventory.source_items import list_source_items
from sellable.inventory.sources import list_sources
from sellable.inventory.stocks import list_stocks
from sellable.kit.search_criteria import Filter, SearchCriteria


@dataclass
class InventoryColumns:
    """Per SKU: [(source name, qty)] and [(stock name, salable qty)]."""

    per_source: dict[str, list[tuple[str, Decimal]]] = field(default_factory=dict)
    salable: dict[str, list[tuple[str, Decimal]]] = field(default_factory=dict)


def inventory_columns(session: Session, skus: Sequence[str]) -> InventoryColumns:
    """Both columns for these SKUs; a stock is listed where its sources hold one."""
    columns = InventoryColumns()
    if not skus:
        return columns
    names = {s.source_code: s.name for s in list_sources(session, SearchCriteria())[0]}
    by_sku = {"sku": ",".join(skus)}
    items, _ = list_source_items(
        session, SearchCriteria([[Filter("sku", by_sku["sku"], "in")]])
    )
    held: dict[str, set[str]] = {}
    for item in sorted(items, key=lambda i: i.source_item_id):
        entry = (names.get(item.source_code, item.source_code), item.quantity)
        columns.per_source.setdefault(item.sku, []).append(entry)
        held.setdefault(item.sku, set()).add(item.source_code)

    for stock, sources in _stock_sources(session):
        stocked = [sku for sku in skus if held.get(sku, set()) & sources]
        if not stocked:
            continue
        for sku, qty in salable_quantities(session, stock.stock_id, stocked).items():
            columns.salable.setdefault(sku, []).append((stock.name, qty))
    return columns


def _stock_sources(session: Session) -> list[tuple[Stock, set[str]]]:
    stocks, _ = list_stocks(session, SearchCriteria())
    links, _ = list_links(session, SearchCriteria())
    linked: dict[int, set[str]] = {}
    for link in links:
        linked.setdefault(link.stock_id, set()).add(link.source_code)
    return [(stock, linked.get(stock.stock_id, set())) for stock in stocks]
