"""Sales > Orders > Credit Memo: refund items, optionally back to stock."""

from decimal import Decimal, InvalidOperation

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import FormData

from sellable.admin.web import Admin, AdminSession, PostedForm, attempt, not_found, page
from sellable.kit.pages import redirect
from sellable.kit.web import DbSession
from sellable.sales import orders, refunds
from sellable.sales.errors import OrderNotFound
from sellable.sales.models import Order, OrderItem

router = APIRouter()
ZERO = Decimal(0)


def refundable(order: Order) -> list[tuple[OrderItem, Decimal]]:
    """Invoiced, not yet refunded units per order item."""
    found = [(i, i.qty_invoiced - i.qty_refunded) for i in order.items]
    return [(item, qty) for item, qty in found if qty > ZERO]


@router.get("/admin/sales/orders/{order_id}/creditmemo", response_class=HTMLResponse)
def creditmemo_form(
    request: Request, order_id: int, session: DbSession, _admin: Admin
) -> HTMLResponse:
    """Quantities to refund and which of them return to stock."""
    try:
        order = orders.get_order(session, order_id)
    except OrderNotFound as error:
        return not_found(request, error)
    context = {
        "title": f"New Credit Memo for Order # {order.increment_id}",
        "order": order,
        "lines": refundable(order),
    }
    return page(request, "admin/creditmemo.html", context)


@router.post("/admin/sales/orders/{order_id}/creditmemo", response_model=None)
def refund(
    request: Request, order_id: int, session: DbSession, web: AdminSession,
    form: PostedForm,
) -> RedirectResponse:  # fmt: skip
    """Create an offline credit memo through the sales refund service."""
    try:
        wanted = _request(form)
    except (InvalidOperation, ValueError):
        web.flash("error", "Enter quantities and amounts as numbers.")
        return redirect(request, web, f"/admin/sales/orders/{order_id}/creditmemo")
    memo, error = attempt(
        session, lambda: refunds.refund_order(session, order_id, wanted)
    )
    if error or memo is None:
        web.flash("error", error or "Not refunded.")
        return redirect(request, web, f"/admin/sales/orders/{order_id}/creditmemo")
    web.flash("success", f"You created the credit memo {memo.increment_id}.")
    return redirect(request, web, f"/admin/sales/orders/{order_id}")


def _request(form: FormData) -> refunds.RefundRequest:
    items: dict[int, Decimal] = {}
    for name, raw in form.multi_items():
        if name.startswith("qty__") and str(raw).strip():
            qty = Decimal(str(raw).strip())
            if qty < ZERO:
                raise ValueError(raw)
            items[int(name[len("qty__") :])] = qty
    returned = {int(str(value)) for value in form.getlist("return_to_stock")}
    shipping = str(form.get("shipping_amount") or "").strip()
    return refunds.RefundRequest(
        items={k: v for k, v in items.items() if v > ZERO},
        notify=form.get("notify") == "1",
        shipping_amount=Decimal(shipping) if shipping else None,
        adjustment_positive=_amount(form, "adjustment_positive"),
        adjustment_negative=_amount(form, "adjustment_negative"),
        return_to_stock_items=returned,
    )


def _amount(form: FormData, name: str) -> Decimal:
    return Decimal(str(form.get(name) or "0").strip() or "0")
