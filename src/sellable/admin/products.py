"""Catalog > Products: the grid with inventory columns, and the product form."""

from decimal import Decimal, InvalidOperation
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from sellable.admin.product_columns import inventory_columns
from sellable.admin.web import (
    Admin,
    AdminSession,
    PostedForm,
    attempt,
    grid_query,
    page,
)
from sellable.catalog import service as catalog
from sellable.catalog.schemas import ProductIn
from sellable.inventory.schemas import SourceItemData
from sellable.inventory.source_items import (
    delete_source_items,
    list_source_items,
    save_source_items,
)
from sellable.inventory.sources import list_sources
from sellable.kit.errors import InputError
from sellable.kit.pages import redirect
from sellable.kit.search_criteria import Filter, SearchCriteria
from sellable.kit.web import DbSession
from sellable.store.scope import resolve_store

router = APIRouter()
CONDITIONS = {"sku": "like", "name": "like", "type_id": "eq", "status": "eq"}
SORTABLE = {"entity_id", "sku", "name", "type_id", "price", "status"}
TYPES = ("simple", "virtual", "downloadable", "configurable", "bundle", "grouped")
EDIT_URL = "/admin/catalog/products/edit?sku="


@router.get("/admin/catalog/products", response_class=HTMLResponse)
def product_grid(request: Request, session: DbSession, _admin: Admin) -> HTMLResponse:
    """Products, paged in SQL; inventory columns for the page's SKUs only."""
    query = grid_query(request, default_sort="entity_id")
    criteria = query.criteria(CONDITIONS, SORTABLE)
    products, total = catalog.search_products(session, criteria)
    columns = inventory_columns(session, [product.sku for product in products])
    context = {
        "title": "Products",
        "query": query,
        "products": products,
        "total": total,
        "columns": columns,
        "types": TYPES,
    }
    return page(request, "admin/products.html", context)


@router.get("/admin/catalog/products/edit", response_class=HTMLResponse)
def product_form(
    request: Request, sku: str, session: DbSession, _admin: Admin
) -> HTMLResponse:
    """Status, assigned sources and their quantities."""
    product = catalog.get_product(session, sku)
    items = _source_items(session, sku)
    sources, _ = list_sources(session, SearchCriteria())
    assigned = {item.source_code for item in items}
    context = {
        "title": product.name,
        "product": product,
        "items": items,
        "names": {source.source_code: source.name for source in sources},
        "unassigned": [s for s in sources if s.source_code not in assigned],
    }
    return page(request, "admin/product.html", context)


@router.post("/admin/catalog/products/edit", response_model=None)
def save_product(
    request: Request, sku: str, session: DbSession, web: AdminSession,
    form: PostedForm,
) -> RedirectResponse:  # fmt: skip
    """Save status and source items through the catalog and inventory services."""
    _, error = attempt(session, lambda: _save(session, sku, form))
    if error:
        web.flash("error", error)
    else:
        web.flash("success", "You saved the product.")
    return redirect(request, web, EDIT_URL + quote(sku))


def _save(session: Session, sku: str, form: FormData) -> None:
    status = 1 if form.get("status") == "1" else 2
    scope = resolve_store(session, "all")
    catalog.save_product(session, ProductIn(status=status), scope, sku)

    kept, removed = _source_item_changes(sku, form)
    if removed:
        delete_source_items(session, removed)
    if kept:
        save_source_items(session, kept)


def _source_item_changes(
    sku: str, form: FormData
) -> tuple[list[SourceItemData], list[SourceItemData]]:
    """Rows kept (with quantity and status) and rows unassigned."""
    kept: list[SourceItemData] = []
    removed: list[SourceItemData] = []
    rows = [
        (str(code), form.get(f"quantity__{code}"), form.get(f"status__{code}", "1"))
        for code in form.getlist("source_code")
    ]
    if form.get("new_source_code"):
        rows.append((str(form.get("new_source_code")), form.get("new_quantity"), "1"))
    for code, quantity, status in rows:
        row = SourceItemData(sku=sku, source_code=code)
        if form.get(f"unassign__{code}") == "1":
            removed.append(row)
            continue
        row.quantity = _quantity(quantity or "0")
        row.status = 1 if status == "1" else 0
        kept.append(row)
    return kept, removed


def _quantity(raw: object) -> Decimal:
    try:
        return Decimal(str(raw).strip())
    except InvalidOperation as error:
        raise InputError(
            'Invalid value of "%1" provided for quantity.', [raw]
        ) from error


def _source_items(session: Session, sku: str) -> list:  # type: ignore[type-arg]
    found, _ = list_source_items(session, SearchCriteria([[Filter("sku", sku)]]))
    return sorted(found, key=lambda item: item.source_item_id)
