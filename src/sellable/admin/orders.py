"""Sales > Orders: the grid, the order view and its actions."""

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from sellable.admin import order_details
from sellable.admin.web import (
    Admin,
    AdminSession,
    PostedForm,
    attempt,
    grid_query,
    not_found,
    page,
)
from sellable.inventory.source_selection import ALGORITHMS, select_sources
from sellable.kit.errors import SellableError
from sellable.kit.pages import redirect
from sellable.kit.web import DbSession
from sellable.sales import cancellation, invoicing, orders, pickup_notify, shipping
from sellable.sales.errors import OrderNotFound
from sellable.sales.models import Order

router = APIRouter()
# Exact matches: the sales columns do not support LIKE yet (see the report).
CONDITIONS = {"increment_id": "eq", "status": "eq", "customer_email": "eq"}
SORTABLE = {"increment_id", "created_at", "grand_total", "status", "customer_lastname"}
STATUSES = ("pending", "processing", "complete", "canceled", "holded", "closed")


@router.get("/admin/sales/orders", response_class=HTMLResponse)
def order_grid(request: Request, session: DbSession, _admin: Admin) -> HTMLResponse:
    """Orders with filters, sorting and paging."""
    query = grid_query(request, default_sort="created_at")
    if "sort" not in request.query_params:
        query = replace(query, direction="DESC")
    result = orders.search_orders(session, query.criteria(CONDITIONS, SORTABLE))
    context = {
        "title": "Orders",
        "query": query,
        "orders": result["items"],
        "total": result["total_count"],
        "statuses": STATUSES,
    }
    return page(request, "admin/orders.html", context)


@router.get("/admin/sales/orders/{order_id}", response_class=HTMLResponse)
def order_page(
    request: Request, order_id: int, session: DbSession, _admin: Admin
) -> HTMLResponse:
    """One order with its documents, reservations and the actions it allows."""
    try:
        order = orders.get_order(session, order_id)
    except OrderNotFound as error:
        return not_found(request, error)
    context = {"title": f"Order # {order.increment_id}", "order": order}
    context.update(order_details.details(session, order))
    return page(request, "admin/order.html", context)


@router.post("/admin/sales/orders/{order_id}/invoice", response_model=None)
def invoice(
    request: Request, order_id: int, session: DbSession, web: AdminSession,
    form: PostedForm,
) -> RedirectResponse:  # fmt: skip
    """Invoice every remaining unit."""
    wanted = invoicing.InvoiceRequest(
        None, capture=form.get("capture") == "1", notify=form.get("notify") == "1"
    )
    done, error = attempt(
        session, lambda: invoicing.invoice_order(session, order_id, wanted)
    )
    _report(web, error, f"The invoice {done.increment_id} was created." if done else "")
    return redirect(request, web, _order_url(order_id))


@router.get("/admin/sales/orders/{order_id}/ship", response_class=HTMLResponse)
def source_selection(
    request: Request, order_id: int, session: DbSession, _admin: Admin
) -> HTMLResponse:
    """Propose sources with the chosen algorithm; the quantities stay editable."""
    try:
        order = orders.get_order(session, order_id)
    except OrderNotFound as error:
        return not_found(request, error)
    algorithm = request.query_params.get("algorithm", "priority")
    context: dict[str, Any] = {
        "title": f"Ship order # {order.increment_id}",
        "order": order,
        "algorithms": ALGORITHMS,
        "algorithm": algorithm if algorithm in ALGORITHMS else "priority",
        "rows": [],
    }
    try:
        remaining = shipping.quantities_to_ship(order, [])
        context["rows"], context["shippable"] = _proposal(
            session, order, remaining, context["algorithm"]
        )
    except SellableError as error:
        context["error"] = error.rendered()
    return page(request, "admin/ship.html", context)


@router.post("/admin/sales/orders/{order_id}/ship", response_model=None)
def ship(
    request: Request, order_id: int, session: DbSession, web: AdminSession,
    form: PostedForm,
) -> RedirectResponse:  # fmt: skip
    """One shipment per source with a quantity; all of them or none."""
    try:
        per_source = _quantities_per_source(form)
    except (InvalidOperation, ValueError):
        web.flash("error", "Enter quantities as numbers.")
        return redirect(request, web, f"{_order_url(order_id)}/ship")
    if not per_source:
        web.flash("error", "Enter a quantity to ship from at least one source.")
        return redirect(request, web, f"{_order_url(order_id)}/ship")

    notify = form.get("notify") == "1"
    done, error = attempt(
        session, lambda: _ship_from_sources(session, order_id, per_source, notify)
    )
    _report(web, error, f"{done} shipment(s) created." if done else "")
    target = f"{_order_url(order_id)}/ship" if error else _order_url(order_id)
    return redirect(request, web, target)


def _order_action(
    request: Request, session: Session, web: AdminSession, order_id: int,
    action: Callable[[Session, int], object], done: str,
) -> RedirectResponse:  # fmt: skip
    """Run one order action, flash its outcome, go back to the order page."""
    _, error = attempt(session, lambda: action(session, order_id))
    _report(web, error, done)
    return redirect(request, web, _order_url(order_id))


@router.post("/admin/sales/orders/{order_id}/cancel", response_model=None)
def cancel(
    request: Request, order_id: int, session: DbSession, web: AdminSession,
    _form: PostedForm,
) -> RedirectResponse:  # fmt: skip
    """Cancel the order and release its holds."""
    return _order_action(
        request, session, web, order_id, cancellation.cancel_order,
        "You canceled the order.",
    )  # fmt: skip


@router.post("/admin/sales/orders/{order_id}/hold", response_model=None)
def hold(
    request: Request, order_id: int, session: DbSession, web: AdminSession,
    _form: PostedForm,
) -> RedirectResponse:  # fmt: skip
    """Put the order on hold."""
    return _order_action(
        request, session, web, order_id, cancellation.hold_order,
        "You put the order on hold.",
    )  # fmt: skip


@router.post("/admin/sales/orders/{order_id}/unhold", response_model=None)
def unhold(
    request: Request, order_id: int, session: DbSession, web: AdminSession,
    _form: PostedForm,
) -> RedirectResponse:  # fmt: skip
    """Release the hold."""
    return _order_action(
        request, session, web, order_id, cancellation.unhold_order,
        "You released the order from holding status.",
    )  # fmt: skip


@router.post("/admin/sales/orders/{order_id}/notify-pickup", response_model=None)
def notify_pickup(
    request: Request, order_id: int, session: DbSession, web: AdminSession,
    _form: PostedForm,
) -> RedirectResponse:  # fmt: skip
    """Ship a pickup order from its location and tell the customer."""
    result, error = attempt(
        session,
        lambda: pickup_notify.notify_orders_ready_for_pickup(session, [order_id]),
    )
    if result and result["errors"]:
        error = "; ".join(entry["message"] for entry in result["errors"])
    _report(web, error, "The customer was told the order is ready for pickup.")
    return redirect(request, web, _order_url(order_id))


def _order_url(order_id: int) -> str:
    return f"/admin/sales/orders/{order_id}"


def _report(web: AdminSession, error: str | None, success: str) -> None:
    web.flash("error", error) if error else web.flash("success", success)


def _proposal(
    session: Session, order: Order, remaining: dict[Any, Decimal], algorithm: str
) -> tuple[list[dict[str, Any]], bool]:
    """One row per order item and candidate source, with the proposed quantity."""
    wanted: dict[str, Decimal] = {}
    for item, qty in remaining.items():
        wanted[item.sku] = wanted.get(item.sku, Decimal(0)) + qty
    result = select_sources(
        session, order.stock_id, wanted, algorithm, order_details.destination(order)
    )
    proposed = {(i.sku, i.source_code): i for i in result.items}
    rows = [
        {
            "item": item,
            "to_ship": qty,
            "sources": [
                selection
                for (sku, _code), selection in proposed.items()
                if sku == item.sku
            ],
        }
        for item, qty in remaining.items()
    ]
    return rows, result.shippable


def _quantities_per_source(form: FormData) -> dict[str, list[tuple[int, Decimal]]]:
    """Fields `qty__<order item id>__<source code>` with a positive quantity."""
    per_source: dict[str, list[tuple[int, Decimal]]] = {}
    for name, raw in form.multi_items():
        if not name.startswith("qty__") or not str(raw).strip():
            continue
        _, item_id, source_code = name.split("__", 2)
        qty = Decimal(str(raw).strip())
        if qty < 0:
            raise ValueError(raw)
        if qty > 0:
            per_source.setdefault(source_code, []).append((int(item_id), qty))
    return per_source


def _ship_from_sources(
    session: Session,
    order_id: int,
    per_source: dict[str, list[tuple[int, Decimal]]],
    notify: bool,
) -> int:
    for source_code, items in per_source.items():
        request = shipping.ShipmentRequest(
            items=items, source_code=source_code, notify=notify
        )
        shipping.ship_order(session, order_id, request)
    return len(per_source)
