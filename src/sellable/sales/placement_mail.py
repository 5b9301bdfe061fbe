"""The order confirmation message sent when a customer places an order."""

from decimal import Decimal

from sellable.kit.money import money
from sellable.sales.models import Order


def _amount(value: Decimal) -> str:
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(money(value)):,.2f}"


def confirmation_subject(order: Order, store_title: str) -> str:
    return f"Your {store_title} order confirmation"


def confirmation_body(order: Order, store_title: str) -> str:
    """Plain text: greeting, order number, lines and totals."""
    name = " ".join(p for p in (order.customer_firstname, order.customer_lastname) if p)
    lines = [
        f"{name or 'Customer'},",
        "",
        f"Thank you for your order from {store_title}.",
        f"Your Order #{order.increment_id}",
        "",
    ]
    for item in order.items:
        qty = Decimal(item.qty_ordered).normalize()
        lines.append(f"{item.name} ({item.sku}) x {qty:f}: {_amount(item.row_total)}")
    lines += ["", f"Subtotal: {_amount(order.subtotal)}"]
    if order.discount_amount:
        lines.append(f"Discount: {_amount(order.discount_amount)}")
    if order.shipping_description:
        lines.append(
            f"Shipping ({order.shipping_description}): {_amount(order.shipping_amount)}"
        )
    lines.append(f"Grand Total: {_amount(order.grand_total)}")
    return "\n".join(lines) + "\n"
