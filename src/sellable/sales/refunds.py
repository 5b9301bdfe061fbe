"""Refunding an order or an invoice: the credit memo, its money and its stock.

Stock follows Magento 2.4's MSI return processor, with one fix: a refunded
unit that never left a source always releases its hold (Magento releases
it only for lines listed in `return_to_stock_items`, and otherwise leaves
a closed order holding stock). Units that had shipped go back to the
sources they shipped from, and only for the listed lines.
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellable.kit.logging import get_logger
from sellable.mail.outbox import enqueue
from sellable.sales.errors import (
    CreditMemoValidationFailed,
    InvoiceCannotBeRefunded,
    RefundExceedsPaid,
    ShippingRefundTooLarge,
)
from sellable.sales.invoicing import STATE_PAID, get_invoice
from sellable.sales.models import (
    CreditMemo,
    CreditMemoItem,
    Invoice,
    Order,
    OrderItem,
    OrderStatusHistory,
)
from sellable.sales.order_state import (
    default_status,
    refund_refusal,
    split_refund,
    state_after_documents,
)
from sellable.sales.orders import item_progress, line_progress, lock_order
from sellable.sales.refund_rules import ItemAmounts, line_refund
from sellable.sales.sequence import next_increment_id
from sellable.sales.stock_returns import RefundedUnits, move_refunded_stock
from sellable.store import config

log = get_logger(__name__)
ZERO = Decimal(0)
STATE_REFUNDED = 2
AUTO_RETURN = "cataloginventory/item_options/auto_return"


@dataclass(frozen=True)
class RefundRequest:
    """What to refund: every refundable unit when `items` is None or empty."""

    items: Mapping[int, Decimal] | None = None
    notify: bool = False
    shipping_amount: Decimal | None = None
    adjustment_positive: Decimal = ZERO
    adjustment_negative: Decimal = ZERO
    return_to_stock_items: Collection[int] = field(default_factory=frozenset)
    comment: str | None = None
    comment_visible_on_front: int = 0


@dataclass(frozen=True)
class RefundLine:
    item: OrderItem
    qty: Decimal
    row_total: Decimal
    discount: Decimal
    tax: Decimal
    released: Decimal
    from_source: Decimal


def refund_order(session: Session, order_id: int, request: RefundRequest) -> CreditMemo:
    """Create an offline credit memo for the order; answer it."""
    order = lock_order(session, order_id)
    _check_order(order)
    return _refund(session, order, request, None)


def refund_invoice(
    session: Session, invoice_id: int, request: RefundRequest
) -> CreditMemo:
    """Create an offline credit memo within what one invoice billed."""
    invoice = get_invoice(session, invoice_id)
    order = lock_order(session, invoice.order_id)
    _check_order(order)
    if invoice.state != STATE_PAID or _invoice_left(session, invoice) <= ZERO:
        raise InvoiceCannotBeRefunded()
    return _refund(session, order, request, invoice)


def _check_order(order: Order) -> None:
    refusal = refund_refusal(order.state, order.status, _paid_left(order))
    if refusal is not None:
        raise CreditMemoValidationFailed([refusal])


def _paid_left(order: Order) -> Decimal:
    return order.total_paid - order.total_refunded


def _invoice_left(session: Session, invoice: Invoice) -> Decimal:
    refunded = session.scalar(
        select(func.coalesce(func.sum(CreditMemo.grand_total), 0)).where(
            CreditMemo.invoice_id == invoice.entity_id
        )
    )
    return invoice.grand_total - Decimal(str(refunded))


def _refund(
    session: Session, order: Order, request: RefundRequest, invoice: Invoice | None
) -> CreditMemo:
    limits = _invoice_limits(session, invoice) if invoice else None
    quantities = quantities_to_refund(order, request.items, limits)
    lines = [_line(item, qty) for item, qty in quantities.items()]
    shipping = _shipping_to_refund(session, order, invoice, request.shipping_amount)
    memo = _build_memo(session, order, invoice, lines, shipping, request)
    _check_total(order, memo, bool(lines))

    units = [RefundedUnits(x.item, x.released, x.from_source) for x in lines]
    returned = move_refunded_stock(session, order, units, _listed(session, request))
    for memo_item, line in zip(memo.items, lines, strict=True):
        memo_item.back_to_stock = line.item.item_id in returned
        memo_item.returned_to_sources = returned.get(line.item.item_id, {})
    _record_on_order(order, memo, lines)
    refund_left = _paid_left(order) > ZERO
    order.state = state_after_documents(order.state, line_progress(order), refund_left)
    order.status = default_status(order.state)
    if request.comment:
        _add_comment(order, request)
    session.flush()

    if request.notify:
        _send_memo_mail(session, order, memo)
    log.info(
        "creditmemo_created",
        order_id=order.entity_id,
        creditmemo_id=memo.entity_id,
        grand_total=str(memo.grand_total),
        state=order.state,
    )
    return memo


def quantities_to_refund(
    order: Order,
    requested: Mapping[int, Decimal] | None,
    limits: Mapping[int, Decimal] | None = None,
) -> dict[OrderItem, Decimal]:
    """Validate the request against what is refundable; answer qty per item."""
    if not requested:
        left = {item: _refundable(item, limits) for item in order.items}
        return {item: qty for item, qty in left.items() if qty > ZERO}

    by_id = {item.item_id: item for item in order.items}
    reasons: list[str] = []
    chosen: dict[OrderItem, Decimal] = {}
    for item_id, qty in requested.items():
        item = by_id.get(item_id)
        if item is None:
            reasons.append(
                f'The creditmemo contains product SKU "{item_id}" that is not part '
                "of the original order."
            )
        elif qty < ZERO or qty > _refundable(item, limits):
            reasons.append(
                "The quantity to creditmemo must not be greater than the unrefunded "
                f'quantity for product SKU "{item.sku}".'
            )
        elif qty > ZERO:
            chosen[item] = qty
    if reasons:
        raise CreditMemoValidationFailed(reasons)
    return chosen


def _refundable(item: OrderItem, limits: Mapping[int, Decimal] | None) -> Decimal:
    left = item_progress(item).to_refund
    if limits is not None:
        left = min(left, limits.get(item.item_id, ZERO))
    return left


def _invoice_limits(session: Session, invoice: Invoice) -> dict[int, Decimal]:
    """Per order item: what this invoice billed less what was refunded against it."""
    limits = {item.order_item_id: item.qty for item in invoice.items}
    rows = session.execute(
        select(CreditMemoItem.order_item_id, CreditMemoItem.qty)
        .join(CreditMemo, CreditMemo.entity_id == CreditMemoItem.parent_id)
        .where(CreditMemo.invoice_id == invoice.entity_id)
    ).all()
    for item_id, qty in rows:
        limits[item_id] = limits.get(item_id, ZERO) - Decimal(qty)
    return limits


def _line(item: OrderItem, qty: Decimal) -> RefundLine:
    amounts = line_refund(
        ItemAmounts(
            price=item.price,
            qty_ordered=item.qty_ordered,
            qty_invoiced=item.qty_invoiced,
            qty_refunded=item.qty_refunded,
            row_invoiced=item.row_invoiced,
            amount_refunded=item.amount_refunded,
            discount_invoiced=item.discount_invoiced,
            tax_amount=item.tax_amount,
        ),
        qty,
    )
    released, from_source = split_refund(item_progress(item), qty)
    return RefundLine(
        item,
        qty,
        amounts.row_total,
        amounts.discount,
        amounts.tax,
        released,
        from_source,
    )


def _shipping_to_refund(
    session: Session, order: Order, invoice: Invoice | None, asked: Decimal | None
) -> Decimal:
    """All invoiced shipping not yet refunded, unless the request names less."""
    invoiced = session.scalar(
        select(func.coalesce(func.sum(Invoice.shipping_amount), 0)).where(
            Invoice.order_id == order.entity_id
        )
    )
    refunded = session.scalar(
        select(func.coalesce(func.sum(CreditMemo.shipping_amount), 0)).where(
            CreditMemo.order_id == order.entity_id
        )
    )
    allowed = Decimal(str(invoiced)) - Decimal(str(refunded))
    if invoice is not None:
        allowed = min(allowed, invoice.shipping_amount)
    if asked is None:
        return max(allowed, ZERO)
    if asked < ZERO or asked > allowed:
        raise ShippingRefundTooLarge(parameters=[f"{max(allowed, ZERO):.2f}"])
    return asked


def _build_memo(
    session: Session,
    order: Order,
    invoice: Invoice | None,
    lines: list[RefundLine],
    shipping: Decimal,
    request: RefundRequest,
) -> CreditMemo:
    subtotal = sum((line.row_total for line in lines), ZERO)
    discount = -sum((line.discount for line in lines), ZERO)
    tax = sum((line.tax for line in lines), ZERO)
    adjustments = request.adjustment_positive - request.adjustment_negative
    memo = CreditMemo(
        order_id=order.entity_id,
        invoice_id=invoice.entity_id if invoice else None,
        increment_id=next_increment_id(session, "creditmemo", order.store_id),
        store_id=order.store_id,
        state=STATE_REFUNDED,
        subtotal=subtotal,
        discount_amount=discount,
        shipping_amount=shipping,
        adjustment_positive=request.adjustment_positive,
        adjustment_negative=request.adjustment_negative,
        tax_amount=tax,
        grand_total=subtotal + discount + shipping + tax + adjustments,
        items=[_memo_item(line) for line in lines],
    )
    session.add(memo)
    return memo


def _memo_item(line: RefundLine) -> CreditMemoItem:
    item = line.item
    return CreditMemoItem(
        order_item_id=item.item_id,
        product_id=item.product_id,
        sku=item.sku,
        name=item.name,
        qty=line.qty,
        price=item.price,
        row_total=line.row_total,
        discount_amount=line.discount,
        tax_amount=line.tax,
        qty_released=line.released,
    )


def _check_total(order: Order, memo: CreditMemo, has_items: bool) -> None:
    """Magento's totals checks, in its words."""
    if memo.grand_total <= ZERO:
        reason = (
            "The credit memo's total must be positive."
            if has_items or memo.shipping_amount > ZERO
            else "You can't create a creditmemo without products."
        )
        raise CreditMemoValidationFailed([reason])
    if memo.grand_total > _paid_left(order):
        raise RefundExceedsPaid(parameters=[f"{_paid_left(order):.2f}"])


def _listed(session: Session, request: RefundRequest) -> Collection[int] | None:
    """The lines to return to stock; None means every line (auto return)."""
    if config.get_flag(session, AUTO_RETURN):
        return None
    return set(request.return_to_stock_items)


def _record_on_order(order: Order, memo: CreditMemo, lines: list[RefundLine]) -> None:
    for line in lines:
        line.item.qty_refunded += line.qty
        line.item.qty_refunded_unshipped += line.released
        line.item.amount_refunded += line.row_total
    order.total_refunded += memo.grand_total
    if order.payment is not None:
        order.payment.amount_refunded += memo.grand_total


def _add_comment(order: Order, request: RefundRequest) -> None:
    """Magento keeps the credit memo comment; the order's history shows it here."""
    order.history.append(
        OrderStatusHistory(
            comment=request.comment,
            status=order.status,
            entity_name="creditmemo",
            is_customer_notified=int(request.notify),
            is_visible_on_front=request.comment_visible_on_front,
        )
    )


def _send_memo_mail(session: Session, order: Order, memo: CreditMemo) -> None:
    enqueue(
        session,
        "creditmemo",
        order.customer_email,
        f"Credit memo # {memo.increment_id} for order # {order.increment_id}",
        f"Your credit memo {memo.increment_id} for order {order.increment_id}: "
        f"refunded {memo.grand_total} {order.order_currency_code}.",
        reference=f"creditmemo:{memo.entity_id}",
    )
    memo.email_sent = 1
