"""Invoicing an order: the invoice, the order's totals, virtual items' stock."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellable.inventory.deduction import deduct_from_source
from sellable.inventory.domain import ReservationEntry, order_metadata
from sellable.inventory.ledger import append_reservations
from sellable.inventory.salability import managed_skus
from sellable.inventory.source_selection import select_sources
from sellable.kit.logging import get_logger
from sellable.kit.money import money
from sellable.kit.search_criteria import (
    SearchCriteria,
    model_columns,
    search,
    search_result,
)
from sellable.mail.outbox import enqueue
from sellable.sales.document_serializers import invoice_json
from sellable.sales.errors import (
    InvoiceNotFound,
    InvoiceValidationFailed,
    NotEnoughForVirtualItems,
)
from sellable.sales.models import Invoice, InvoiceItem, Order, OrderItem
from sellable.sales.order_state import (
    NO_DOCUMENT_STATES,
    can_invoice,
    default_status,
    state_after_documents,
)
from sellable.sales.orders import get_order, line_progress, lock_order
from sellable.sales.sequence import next_increment_id

log = get_logger(__name__)

ZERO = Decimal(0)
STATE_OPEN = 1
STATE_PAID = 2
OFFLINE_METHODS = frozenset(
    {"checkmo", "banktransfer", "cashondelivery", "purchaseorder", "free"}
)


@dataclass(frozen=True)
class InvoiceRequest:
    """What to invoice: every remaining unit when `items` is None."""

    items: Mapping[int, Decimal] | None = None
    capture: bool = False
    notify: bool = False


@dataclass(frozen=True)
class InvoiceLine:
    item: OrderItem
    qty: Decimal
    row_total: Decimal
    discount: Decimal
    tax: Decimal


def invoice_order(session: Session, order_id: int, request: InvoiceRequest) -> Invoice:
    """Create an invoice; virtual items leave their source now."""
    order = lock_order(session, order_id)
    quantities = quantities_to_invoice(order, request.items)
    lines = [_line(item, qty) for item, qty in quantities.items()]

    invoice = _build_invoice(session, order, lines, _is_paid(order, request.capture))
    _record_on_order(order, invoice, lines)
    _deduct_virtual_items(session, order, lines)
    order.state = state_after_documents(order.state, line_progress(order))
    order.status = default_status(order.state)
    session.flush()

    if request.notify:
        _send_invoice_mail(session, order, invoice)
    log.info(
        "invoice_created",
        order_id=order.entity_id,
        invoice_id=invoice.entity_id,
        grand_total=str(invoice.grand_total),
    )
    return invoice


def quantities_to_invoice(
    order: Order, requested: Mapping[int, Decimal] | None
) -> dict[OrderItem, Decimal]:
    """Validate the request against what is left; answer qty per order item."""
    if not can_invoice(order.state, line_progress(order)):
        raise InvoiceValidationFailed([_refusal(order)])
    if requested is None:
        left = {item: _to_invoice(item) for item in order.items}
        return {item: qty for item, qty in left.items() if qty > ZERO}

    by_id = {item.item_id: item for item in order.items}
    reasons: list[str] = []
    chosen: dict[OrderItem, Decimal] = {}
    for item_id, qty in requested.items():
        item = by_id.get(item_id)
        if item is None:
            reasons.append(
                "The invoice contains one or more items that are not part of the "
                "original order."
            )
        elif qty < ZERO or qty > _to_invoice(item):
            reasons.append(
                "The quantity to invoice must not be greater than the uninvoiced "
                f'quantity for product SKU "{item.sku}".'
            )
        elif qty > ZERO:
            chosen[item] = qty
    if not chosen and not reasons:
        reasons.append(
            "The invoice can't be created without products. Add products and try again."
        )
    if reasons:
        raise InvoiceValidationFailed(reasons)
    return chosen


def _refusal(order: Order) -> str:
    if order.state in NO_DOCUMENT_STATES:
        return (
            f"An invoice cannot be created when an order has a status of {order.status}"
        )
    return "The order does not allow an invoice to be created."


def _to_invoice(item: OrderItem) -> Decimal:
    return max(item.qty_ordered - item.qty_invoiced - item.qty_canceled, ZERO)


def _line(item: OrderItem, qty: Decimal) -> InvoiceLine:
    """The line's share of the item's amounts; the last invoice takes the rest."""
    if qty == _to_invoice(item):
        row_total = item.row_total - item.row_invoiced
        discount = item.discount_amount - item.discount_invoiced
    else:
        row_total = money(item.price * qty)
        discount = money(item.discount_amount * qty / item.qty_ordered)
    tax = money(item.tax_amount * qty / item.qty_ordered)
    return InvoiceLine(item, qty, row_total, discount, tax)


def _is_paid(order: Order, capture: bool) -> bool:
    """Offline methods are paid when invoiced, as in Magento."""
    method = order.payment.method if order.payment else ""
    return capture or method in OFFLINE_METHODS


def _build_invoice(
    session: Session, order: Order, lines: list[InvoiceLine], paid: bool
) -> Invoice:
    shipping, shipping_discount = _shipping_share(session, order)
    subtotal = sum((line.row_total for line in lines), ZERO)
    discount = -sum((line.discount for line in lines), ZERO) - shipping_discount
    tax = sum((line.tax for line in lines), ZERO)
    invoice = Invoice(
        order_id=order.entity_id,
        increment_id=next_increment_id(session, "invoice", order.store_id),
        store_id=order.store_id,
        state=STATE_PAID if paid else STATE_OPEN,
        subtotal=subtotal,
        discount_amount=discount,
        shipping_amount=shipping,
        tax_amount=tax,
        grand_total=subtotal + discount + shipping + tax,
        total_qty=sum((line.qty for line in lines), ZERO),
        items=[_invoice_item(line) for line in lines],
    )
    session.add(invoice)
    session.flush()
    return invoice


def _shipping_share(session: Session, order: Order) -> tuple[Decimal, Decimal]:
    """The first invoice carries the whole shipping amount, as in Magento."""
    earlier = session.scalar(
        select(Invoice.entity_id).where(Invoice.order_id == order.entity_id).limit(1)
    )
    if earlier is not None:
        return ZERO, ZERO
    return order.shipping_amount, order.shipping_discount_amount


def _invoice_item(line: InvoiceLine) -> InvoiceItem:
    item = line.item
    return InvoiceItem(
        order_item_id=item.item_id,
        product_id=item.product_id,
        sku=item.sku,
        name=item.name,
        qty=line.qty,
        price=item.price,
        row_total=line.row_total,
        discount_amount=line.discount,
        tax_amount=line.tax,
    )


def _record_on_order(order: Order, invoice: Invoice, lines: list[InvoiceLine]) -> None:
    for line in lines:
        line.item.qty_invoiced += line.qty
        line.item.row_invoiced += line.row_total
        line.item.discount_invoiced += line.discount
    order.total_invoiced += invoice.grand_total
    if invoice.state == STATE_PAID:
        order.total_paid += invoice.grand_total
        if order.payment is not None:
            order.payment.amount_paid += invoice.grand_total


def _deduct_virtual_items(
    session: Session, order: Order, lines: list[InvoiceLine]
) -> None:
    """Virtual goods are never shipped: they leave the source when invoiced."""
    wanted: dict[str, Decimal] = {}
    for line in lines:
        if line.item.is_virtual:
            wanted[line.item.sku] = wanted.get(line.item.sku, ZERO) + line.qty
    managed = managed_skus(session, wanted)
    wanted = {sku: qty for sku, qty in wanted.items() if sku in managed}
    if not wanted:
        return

    selection = select_sources(session, order.stock_id, wanted, "priority")
    if not selection.shippable:
        raise NotEnoughForVirtualItems()
    by_source: dict[str, dict[str, Decimal]] = {}
    for row in selection.items:
        if row.qty_to_deduct > ZERO:
            by_source.setdefault(row.source_code, {})[row.sku] = row.qty_to_deduct
    for source_code, quantities in by_source.items():
        deduct_from_source(session, source_code, quantities)

    metadata = order_metadata("invoice_created", order.entity_id, order.increment_id)
    append_reservations(
        session,
        [
            ReservationEntry(order.stock_id, sku, qty, metadata)
            for sku, qty in wanted.items()
        ],
    )


def _send_invoice_mail(session: Session, order: Order, invoice: Invoice) -> None:
    enqueue(
        session,
        "invoice",
        order.customer_email,
        f"Invoice # {invoice.increment_id} for order # {order.increment_id}",
        f"Your invoice {invoice.increment_id} for order {order.increment_id}: "
        f"grand total {invoice.grand_total} {order.order_currency_code}.",
        reference=f"invoice:{invoice.entity_id}",
    )
    invoice.email_sent = 1


def get_invoice(session: Session, invoice_id: int) -> Invoice:
    invoice = session.get(Invoice, invoice_id)
    if invoice is None:
        raise InvoiceNotFound()
    return invoice


def invoice_view(session: Session, invoice_id: int) -> dict[str, object]:
    invoice = get_invoice(session, invoice_id)
    return invoice_json(invoice, get_order(session, invoice.order_id))


INVOICE_FIELDS = model_columns(
    Invoice,
    (
        "entity_id",
        "order_id",
        "increment_id",
        "store_id",
        "state",
        "grand_total",
        "subtotal",
        "total_qty",
        "created_at",
        "updated_at",
        "email_sent",
    ),
)


def search_invoices(session: Session, criteria: SearchCriteria) -> dict[str, object]:
    found, total = search(
        session, select(Invoice), criteria, INVOICE_FIELDS, Invoice.entity_id
    )
    items = [invoice_json(inv, get_order(session, inv.order_id)) for inv in found]
    return search_result(items, criteria, total)
