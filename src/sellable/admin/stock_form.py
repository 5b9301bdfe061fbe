"""The stock form: name, sales channels, and sources with priorities."""

from typing import Any

from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from sellable.inventory import links, sources, stocks
from sellable.inventory.schemas import LinkData, SalesChannelData, StockData
from sellable.kit.errors import InputError
from sellable.kit.search_criteria import Filter, SearchCriteria
from sellable.store.service import store_tree


def form_context(session: Session, stock_id: int) -> dict[str, Any]:
    """What the form shows: the stock (if any), websites, every source."""
    stock = stocks.get_stock(session, stock_id) if stock_id else None
    channels = (
        stocks.channels_of(session, [stock_id]).get(stock_id, []) if stock else []
    )
    linked = _links(session, stock_id) if stock else {}
    all_sources, _ = sources.list_sources(session, SearchCriteria())
    return {
        "title": f"Edit Stock {stock.name}" if stock else "New Stock",
        "stock": stock,
        "websites": [node.website for node in store_tree(session)],
        "channel_codes": {code for kind, code in channels if kind == "website"},
        "sources": all_sources,
        "linked": linked,
    }


def save(session: Session, stock_id: int, form: FormData) -> int:
    """Save through the stock and link services; answer the stock id."""
    channels = [
        SalesChannelData(type="website", code=str(code))
        for code in form.getlist("website")
    ]
    data = StockData.model_validate(
        {
            "name": str(form.get("name") or ""),
            "extension_attributes": {"sales_channels": channels},
        }
    )
    if stock_id:
        stocks.update_stock(session, stock_id, data)
    else:
        stock_id = stocks.save_stock(session, data)
    _save_links(session, stock_id, form)
    return stock_id


def _save_links(session: Session, stock_id: int, form: FormData) -> None:
    wanted = {str(code) for code in form.getlist("source")}
    current = set(_links(session, stock_id))
    removed = [
        LinkData(stock_id=stock_id, source_code=code) for code in current - wanted
    ]
    if removed:
        links.delete_links(session, removed)
    kept = [
        LinkData(stock_id=stock_id, source_code=code, priority=_priority(form, code))
        for code in sorted(wanted)
    ]
    if kept:
        links.save_links(session, kept)


def _priority(form: FormData, code: str) -> int:
    raw = str(form.get(f"priority__{code}") or "").strip()
    if not raw.isdigit():
        raise InputError('Enter a whole number as the priority of "%1".', [code])
    return int(raw)


def _links(session: Session, stock_id: int) -> dict[str, int]:
    found, _ = links.list_links(
        session, SearchCriteria([[Filter("stock_id", str(stock_id))]])
    )
    return {link.source_code: link.priority for link in found}
