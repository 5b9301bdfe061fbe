"""Stores > Inventory: sources, stocks, the reservation ledger, low stock."""

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from sellable.admin import stock_form
from sellable.admin.order_details import LEDGER_COLUMNS
from sellable.admin.web import (
    Admin,
    AdminSession,
    PostedForm,
    attempt,
    grid_query,
    page,
)
from sellable.inventory import links, low_quantity, sources, stocks
from sellable.inventory.errors import SourceNotFound
from sellable.inventory.models import Reservation
from sellable.inventory.schemas import SourceData
from sellable.kit.errors import InputError
from sellable.kit.pages import redirect
from sellable.kit.search_criteria import Filter, SearchCriteria, search
from sellable.kit.web import DbSession

router = APIRouter()
SOURCE_CONDITIONS = {"source_code": "like", "name": "like", "enabled": "eq"}
SOURCE_SORTABLE = {"source_code", "name", "enabled", "postcode", "country_id"}
TEXT_FIELDS = (
    "name", "email", "contact_name", "description", "country_id", "region", "city",
    "street", "postcode", "phone", "latitude", "longitude",
)  # fmt: skip
FLAGS = ("enabled", "use_default_carrier_config")
SOURCES_URL = "/admin/inventory/sources"


@router.get("/admin/inventory/sources", response_class=HTMLResponse)
def source_grid(request: Request, session: DbSession, _admin: Admin) -> HTMLResponse:
    """Sources with filters, sorting and paging."""
    query = grid_query(request, default_sort="source_code")
    found, total = sources.list_sources(
        session, query.criteria(SOURCE_CONDITIONS, SOURCE_SORTABLE)
    )
    context = {"title": "Sources", "query": query, "sources": found, "total": total}
    return page(request, "admin/sources.html", context)


@router.get("/admin/inventory/sources/edit", response_class=HTMLResponse)
def source_form(
    request: Request, session: DbSession, _admin: Admin, code: str = ""
) -> HTMLResponse:
    """A new source, or the source with this code."""
    source = sources.get_source(session, code) if code else None
    title = f"Edit Source {source.name}" if source else "New Source"
    return page(request, "admin/source.html", {"title": title, "source": source})


@router.post("/admin/inventory/sources/edit", response_model=None)
def save_source(
    request: Request, session: DbSession, web: AdminSession, form: PostedForm,
    code: str = "",
) -> RedirectResponse:  # fmt: skip
    """Create or change a source through the inventory service."""
    try:
        data = _source_data(form, code)
    except ValidationError as invalid:
        web.flash("error", f"Check the field {invalid.errors()[0]['loc'][-1]}.")
        return redirect(request, web, f"{SOURCES_URL}/edit?code={quote(code)}")
    saved, refusal = attempt(session, lambda: _write_source(session, code, data))
    if refusal or saved is None:
        web.flash("error", refusal or "Not saved.")
        return redirect(request, web, f"{SOURCES_URL}/edit?code={quote(code)}")
    web.flash("success", f"You saved the source {saved.name}.")
    return redirect(request, web, SOURCES_URL)


def _source_data(form: FormData, code: str) -> SourceData:
    values: dict[str, Any] = {
        name: str(form.get(name) or "").strip() or None for name in TEXT_FIELDS
    }
    values.update({flag: form.get(flag) == "1" for flag in FLAGS})
    values["source_code"] = code or str(form.get("source_code") or "").strip()
    values["extension_attributes"] = {
        "is_pickup_location_active": form.get("is_pickup_location_active") == "1",
        "frontend_name": str(form.get("frontend_name") or "").strip() or None,
    }
    return SourceData.model_validate(values)


def _write_source(session: Session, code: str, data: SourceData) -> Any:
    if code:
        return sources.update_source(session, code, data)
    try:
        sources.get_source(session, str(data.source_code or ""))
    except SourceNotFound:
        return sources.save_source(session, data)
    raise InputError('A source with the code "%1" already exists.', [data.source_code])


@router.get("/admin/inventory/stocks", response_class=HTMLResponse)
def stock_grid(request: Request, session: DbSession, _admin: Admin) -> HTMLResponse:
    """Stocks with their sales channels and sources in priority order."""
    query = grid_query(request, default_sort="stock_id")
    criteria = query.criteria({"name": "like"}, {"stock_id", "name"})
    found, total = stocks.list_stocks(session, criteria)
    channels = stocks.channels_of(session, [stock.stock_id for stock in found])
    rows = [
        {
            "stock": stock,
            "channels": channels.get(stock.stock_id, []),
            "sources": links.sources_by_priority(session, stock.stock_id),
        }
        for stock in found
    ]
    context = {"title": "Stocks", "query": query, "rows": rows, "total": total}
    return page(request, "admin/stocks.html", context)


@router.get("/admin/inventory/stocks/edit", response_class=HTMLResponse)
def stock_page(
    request: Request, session: DbSession, _admin: Admin, stock_id: int = 0
) -> HTMLResponse:
    """A new stock, or one stock: sales channels and sources with priorities."""
    context = stock_form.form_context(session, stock_id)
    return page(request, "admin/stock.html", context)


@router.post("/admin/inventory/stocks/edit", response_model=None)
def save_stock(
    request: Request, session: DbSession, web: AdminSession, form: PostedForm,
    stock_id: int = 0,
) -> RedirectResponse:  # fmt: skip
    """Save the stock, its sales channels and its source links."""
    saved, error = attempt(session, lambda: stock_form.save(session, stock_id, form))
    if error or saved is None:
        web.flash("error", error or "Not saved.")
        return redirect(
            request, web, f"/admin/inventory/stocks/edit?stock_id={stock_id}"
        )
    web.flash("success", "You saved the stock.")
    return redirect(request, web, "/admin/inventory/stocks")


@router.get("/admin/inventory/reservations", response_class=HTMLResponse)
def reservation_grid(
    request: Request, session: DbSession, _admin: Admin
) -> HTMLResponse:
    """The reservation ledger with its metadata; filter by SKU, stock, order."""
    query = grid_query(request, default_sort="reservation_id")
    criteria = query.criteria({"sku": "like", "stock_id": "eq"}, {"reservation_id"})
    order = query.filters.get("order", "")
    if order:
        pattern = f'%"object_increment_id":"{order}"%'
        criteria.filter_groups.append([Filter("metadata", pattern, "like")])
    found, total = _ledger(session, criteria)
    context = {
        "title": "Reservations",
        "query": query,
        "entries": found,
        "total": total,
    }
    return page(request, "admin/reservations.html", context)


def _ledger(session: Session, criteria: SearchCriteria) -> tuple[list[Any], int]:
    return search(
        session, select(Reservation), criteria, LEDGER_COLUMNS,
        Reservation.reservation_id,
    )  # fmt: skip


@router.get("/admin/inventory/low-stock", response_class=HTMLResponse)
def low_stock_report(
    request: Request, session: DbSession, _admin: Admin
) -> HTMLResponse:
    """Source items below their notify quantity."""
    query = grid_query(request, default_sort="sku")
    sku = query.filters.get("sku")
    report = low_quantity.low_stock_report(
        session, query.page, query.size,
        sku_like=f"%{sku}%" if sku else None,
        source_code=query.filters.get("source_code") or None,
        sort_by=query.sort, descending=query.direction == "DESC",
    )  # fmt: skip
    context = {"title": "Low Stock Report", "query": query, "rows": report.rows}
    context["total"] = report.total
    return page(request, "admin/low_stock.html", context)
