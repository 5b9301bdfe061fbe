"""My Account: sign in, dashboard, My Orders, one order, sign out."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from sellable.auth.service import issue_customer_token
from sellable.customer.service import get_customer
from sellable.kit.errors import SellableError
from sellable.kit.logging import get_logger
from sellable.kit.pages import Form, redirect, settings_of
from sellable.kit.search_criteria import Filter, SearchCriteria, SortOrder
from sellable.kit.web import DbSession
from sellable.sales import orders
from sellable.sales.errors import OrderNotFound
from sellable.storefront.web import Customer, CustomerSession, Store, page

log = get_logger(__name__)
router = APIRouter(prefix="/{store_code}/customer/account")
RECENT = 5
PAGE_SIZE = 20


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, store: Store) -> HTMLResponse:
    """The customer sign-in form."""
    return page(request, store, "storefront/login.html", {"title": "Customer Login"})


@router.post("/login", response_model=None)
def login(
    request: Request, session: DbSession, store: Store, web: CustomerSession,
    form: Form,
) -> HTMLResponse | RedirectResponse:  # fmt: skip
    """Check email and password (failures count toward the lock-out)."""
    web.check_csrf(form)
    email = str(form.get("email") or "").strip()
    password = str(form.get("password") or "")
    try:
        token = issue_customer_token(
            session, settings_of(request), email, password, store.website_id
        )
    except SellableError as error:
        context = {"title": "Customer Login", "email": email, "error": error.rendered()}
        return page(request, store, "storefront/login.html", context, 401)

    web.data = {"token": token, "website_id": store.website_id}
    return redirect(request, web, f"/{store.code}/customer/account/")


@router.post("/logout", response_model=None)
def logout(
    request: Request, store: Store, web: CustomerSession, form: Form
) -> RedirectResponse:
    """Forget the session's token."""
    web.check_csrf(form)
    web.data = {}
    web.flash("success", "You are signed out.")
    return redirect(request, web, f"/{store.code}/customer/account/login")


@router.get("/", response_class=HTMLResponse)
def dashboard(
    request: Request, session: DbSession, store: Store, caller: Customer
) -> HTMLResponse:
    """Contact information, addresses and the most recent orders."""
    customer = get_customer(session, int(caller.user_id or 0))
    recent = _orders(session, customer.entity_id, RECENT, 1)["items"]
    context = {"title": "My Account", "customer": customer, "orders": recent}
    return page(request, store, "storefront/dashboard.html", context)


@router.get("/orders", response_class=HTMLResponse)
def my_orders(
    request: Request, session: DbSession, store: Store, caller: Customer,
    page_number: int = 1,
) -> HTMLResponse:  # fmt: skip
    """Every order of the customer, newest first."""
    found = _orders(session, int(caller.user_id or 0), PAGE_SIZE, max(page_number, 1))
    context = {
        "title": "My Orders",
        "orders": found["items"],
        "total": found["total_count"],
        "page_number": max(page_number, 1),
        "pages": max((found["total_count"] + PAGE_SIZE - 1) // PAGE_SIZE, 1),
    }
    return page(request, store, "storefront/orders.html", context)


@router.get("/orders/{order_id}", response_class=HTMLResponse)
def order_view(
    request: Request, order_id: int, session: DbSession, store: Store,
    caller: Customer,
) -> HTMLResponse:  # fmt: skip
    """One of the customer's own orders: status, items, totals."""
    order = orders.get_order(session, order_id)
    if order.customer_id != caller.user_id:
        raise OrderNotFound()
    context = {"title": f"Order # {order.increment_id}", "order": order}
    return page(request, store, "storefront/order.html", context)


def _orders(
    session: Session, customer_id: int, size: int, page_number: int
) -> dict[str, Any]:
    criteria = SearchCriteria(
        [[Filter("customer_id", str(customer_id))]],
        [SortOrder("created_at", "DESC")],
        size,
        page_number,
    )
    return orders.search_orders(session, criteria)
