"""Reading orders: one by id, a search, and one locked for a document."""

from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellable.kit.search_criteria import (
    SearchCriteria,
    model_columns,
    search,
    search_result,
)
from sellable.sales.errors import OrderNotFound
from sellable.sales.models import CreditMemo, Invoice, Order, OrderItem
from sellable.sales.order_state import LineProgress
from sellable.sales.serializers import InvoicedTotals, RefundedTotals, order_json

SEARCHABLE = model_columns(
    Order,
    (
        "entity_id",
        "increment_id",
        "state",
        "status",
        "store_id",
        "customer_id",
        "customer_email",
        "customer_firstname",
        "customer_lastname",
        "created_at",
        "updated_at",
        "grand_total",
        "subtotal",
        "total_qty_ordered",
        "quote_id",
        "pickup_location_code",
        "shipping_method",
        "total_invoiced",
        "total_paid",
    ),
)
SEARCHABLE["base_grand_total"] = Order.grand_total


def get_order(session: Session, order_id: int) -> Order:
    order = session.get(Order, order_id)
    if order is None:
        raise OrderNotFound()
    return order


def lock_order(session: Session, order_id: int) -> Order:
    """Load the order FOR UPDATE: one document at a time per order."""
    order = session.scalar(
        select(Order)
        .where(Order.entity_id == order_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if order is None:
        raise OrderNotFound()
    return order


def line_progress(order: Order) -> list[LineProgress]:
    return [item_progress(item) for item in order.items]


def item_progress(item: OrderItem) -> LineProgress:
    return LineProgress(
        ordered=item.qty_ordered,
        invoiced=item.qty_invoiced,
        shipped=item.qty_shipped,
        refunded=item.qty_refunded,
        canceled=item.qty_canceled,
        is_virtual=bool(item.is_virtual),
        refunded_unshipped=item.qty_refunded_unshipped,
    )


def invoiced_totals(session: Session, order_id: int) -> InvoicedTotals:
    row = session.execute(
        select(
            func.coalesce(func.sum(Invoice.subtotal), 0),
            func.coalesce(func.sum(Invoice.discount_amount), 0),
            func.coalesce(func.sum(Invoice.shipping_amount), 0),
            func.coalesce(func.sum(Invoice.tax_amount), 0),
        ).where(Invoice.order_id == order_id)
    ).one()
    return InvoicedTotals(*(Decimal(str(value)) for value in row))


def refunded_totals(session: Session, order_id: int) -> RefundedTotals | None:
    """The credit memos' sums, or None when the order has none."""
    row = session.execute(
        select(
            func.count(CreditMemo.entity_id),
            func.coalesce(func.sum(CreditMemo.subtotal), 0),
            func.coalesce(func.sum(CreditMemo.discount_amount), 0),
            func.coalesce(func.sum(CreditMemo.shipping_amount), 0),
            func.coalesce(func.sum(CreditMemo.tax_amount), 0),
            func.coalesce(func.sum(CreditMemo.adjustment_positive), 0),
            func.coalesce(func.sum(CreditMemo.adjustment_negative), 0),
        ).where(CreditMemo.order_id == order_id)
    ).one()
    if not row[0]:
        return None
    return RefundedTotals(*(Decimal(str(value)) for value in row[1:]))


def order_view(session: Session, order_id: int) -> dict[str, Any]:
    """The order as Magento's REST object."""
    order = get_order(session, order_id)
    return _order_json(session, order)


def _order_json(session: Session, order: Order) -> dict[str, Any]:
    return order_json(
        order,
        invoiced_totals(session, order.entity_id),
        refunded_totals(session, order.entity_id),
    )


def search_orders(session: Session, criteria: SearchCriteria) -> dict[str, Any]:
    orders, total = search(
        session, select(Order), criteria, SEARCHABLE, Order.entity_id
    )
    items = [_order_json(session, order) for order in orders]
    return search_result(items, criteria, total)
