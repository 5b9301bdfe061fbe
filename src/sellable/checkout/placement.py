"""Turn a cart into an order: validate, hold stock, write, deactivate, email.

Everything happens in the request's one transaction. The stock hold checks
and appends the reservations under one lock; when it refuses, the request
rolls back and nothing of the order is left.
"""

from decimal import Decimal
from typing import Any

from sqlalchemy import insert, inspect
from sqlalchemy.orm import Session

from sellable.checkout import addresses
from sellable.checkout.errors import (
    BillingAddressMissing,
    NoItemsToOrder,
    ShippingAddressMissing,
    ShippingMethodMissing,
    StockNotAssigned,
)
from sellable.checkout.models import Cart, CartAddress
from sellable.checkout.payment import PaymentMethod, require_method
from sellable.checkout.quote import (
    CartScope,
    billing_address,
    cart_scope,
    collect,
    shipping_address,
)
from sellable.checkout.totals import CartTotals, LineTotals
from sellable.customer.models import Customer
from sellable.inventory.domain import order_metadata
from sellable.inventory.salability import hold_for_order
from sellable.kit.logging import get_logger
from sellable.mail.outbox import enqueue
from sellable.sales.models import (
    Order,
    OrderAddress,
    OrderItem,
    OrderPayment,
    OrderStatusHistory,
)
from sellable.sales.placement_mail import confirmation_body, confirmation_subject
from sellable.sales.sequence import next_increment_id
from sellable.store import config

log = get_logger(__name__)
NOT_LOGGED_IN = 0
ADDRESS_FIELDS = ("customer_address_id", "email", *addresses.FIELDS)


def place_order(
    session: Session,
    cart: Cart,
    customer: Customer | None,
    method: str,
    po_number: str | None,
) -> Order:
    """Place the cart's order (a guest's when there is no customer)."""
    scope = cart_scope(session, cart)
    totals = collect(session, cart, scope)
    _check_ready(cart, totals, scope)
    payment = require_method(
        session, cart.store_id, totals.grand_total, method, po_number
    )

    order = _new_order(session, cart, customer, totals, scope)
    order.items = [_order_item(entry) for entry in totals.lines]
    order.addresses = _order_addresses(cart, totals)
    order.payment = _order_payment(payment, totals, po_number)
    order.history = [
        OrderStatusHistory(
            status="pending", entity_name="order", is_customer_notified=order.email_sent
        )
    ]
    _write_order(session, order)
    cart.is_active = False
    cart.order_id = order.entity_id
    cart.reserved_order_id = order.increment_id
    cart.payment_method = payment.code
    _queue_confirmation(session, order)
    session.flush()

    # Stock last: the lock on the SKUs' totals is held from here to the
    # commit, so everything else is written before it is taken.
    metadata = order_metadata("order_placed", order.entity_id, order.increment_id)
    hold_for_order(session, int(order.stock_id), _qty_per_sku(totals), metadata)
    log.info(
        "order_placed",
        order_id=order.entity_id,
        increment_id=order.increment_id,
        grand_total=str(order.grand_total),
        stock_id=order.stock_id,
    )
    return order


def _write_order(session: Session, order: Order) -> None:
    """Insert the order and its rows with one Core statement per table.

    Placement is the hot path, and the unit of work's bookkeeping cost more
    than the inserts themselves. The ORM objects stay out of the session:
    they carry the values (and feed the confirmation email) and get their ids.
    """
    session.flush()  # what the request changed before, in the usual order
    inserted = session.execute(insert(Order.__table__).values(**_row(order)))
    order.entity_id = int(inserted.inserted_primary_key[0])

    payment = [order.payment] if order.payment else []
    children: list[tuple[list[Any], str]] = [
        (order.items, "order_id"),
        (order.addresses, "parent_id"),
        (order.history, "parent_id"),
        (payment, "parent_id"),
    ]
    for rows, foreign_key in children:
        for child in rows:
            setattr(child, foreign_key, order.entity_id)
        if rows:
            table = inspect(rows[0]).mapper.local_table
            session.execute(insert(table), [_row(child) for child in rows])


def _row(entity: object) -> dict[str, Any]:
    """The column values set on an unsaved entity; column defaults do the rest."""
    state = inspect(entity)
    return {
        prop.columns[0].key: state.dict[prop.key]
        for prop in state.mapper.column_attrs
        if prop.key in state.dict
    }


def _check_ready(cart: Cart, totals: CartTotals, scope: CartScope) -> None:
    if not totals.lines:
        raise NoItemsToOrder()
    if scope.stock_id is None:
        raise StockNotAssigned(parameters=[scope.website_code])
    if billing_address(cart) is None:
        raise BillingAddressMissing()
    if totals.is_virtual:
        return
    if shipping_address(cart) is None:
        raise ShippingAddressMissing()
    if totals.rate is None:
        raise ShippingMethodMissing()


def _qty_per_sku(totals: CartTotals) -> dict[str, Decimal]:
    wanted: dict[str, Decimal] = {}
    for entry in totals.lines:
        wanted[entry.line.sku] = wanted.get(entry.line.sku, Decimal(0)) + entry.line.qty
    return wanted


def _buyer(cart: Cart, customer: Customer | None) -> dict[str, object]:
    """Who ordered: the customer, or a guest named by the billing address."""
    if customer is not None:
        return {
            "customer_id": customer.entity_id,
            "customer_email": cart.customer_email or customer.email,
            "customer_firstname": customer.firstname,
            "customer_lastname": customer.lastname,
            "customer_group_id": cart.customer_group_id,
            "customer_is_guest": 0,
        }
    billing = billing_address(cart)
    return {
        "customer_id": None,
        "customer_email": cart.customer_email or (billing.email if billing else ""),
        "customer_firstname": billing.firstname if billing else None,
        "customer_lastname": billing.lastname if billing else None,
        "customer_group_id": NOT_LOGGED_IN,
        "customer_is_guest": 1,
    }


def _new_order(
    session: Session,
    cart: Cart,
    customer: Customer | None,
    totals: CartTotals,
    scope: CartScope,
) -> Order:
    rate = totals.rate
    pickup = shipping_address(cart)
    notify = config.get_flag(session, "sales_email/order/enabled", cart.store_id)
    return Order(
        **_buyer(cart, customer),
        increment_id=next_increment_id(session, "order", cart.store_id),
        state="new",
        status="pending",
        store_id=cart.store_id,
        store_name=scope.store_name,
        stock_id=scope.stock_id,
        quote_id=cart.entity_id,
        subtotal=totals.subtotal,
        discount_amount=-totals.discount,
        discount_description=totals.discount_description or None,
        shipping_amount=totals.shipping,
        shipping_discount_amount=totals.shipping_discount,
        tax_amount=Decimal(0),
        grand_total=totals.grand_total,
        total_qty_ordered=totals.items_qty,
        total_item_count=len(totals.lines),
        is_virtual=int(totals.is_virtual),
        weight=sum(
            (e.line.weight * e.line.qty for e in totals.lines if not e.line.is_virtual),
            Decimal(0),
        ),
        shipping_method=rate.code if rate else None,
        shipping_description=rate.description if rate else None,
        applied_rule_ids=",".join(str(i) for i in totals.applied_rule_ids) or None,
        pickup_location_code=pickup.pickup_location_code if pickup and rate else None,
        email_sent=int(notify),
    )


def _order_item(entry: LineTotals) -> OrderItem:
    line, discount = entry.line, entry.discount
    return OrderItem(
        quote_item_id=line.item_id,
        product_id=line.product_id,
        sku=line.sku,
        name=line.name,
        product_type=line.product_type,
        is_virtual=int(line.is_virtual),
        weight=line.weight or None,
        qty_ordered=line.qty,
        price=line.price,
        original_price=line.price,
        row_total=line.row_total,
        discount_amount=discount.amount,
        discount_percent=discount.percent,
        tax_amount=Decimal(0),
        applied_rule_ids=",".join(str(i) for i in discount.rule_ids) or None,
        product_options=_product_options(entry),
    )


def _product_options(entry: LineTotals) -> dict[str, object]:
    line = entry.line
    options: dict[str, object] = {"info_buyRequest": {"qty": str(line.qty)}}
    links = list(line.links)
    if links:
        option = {
            "extension_attributes": {
                "downloadable_option": {"downloadable_links": links}
            }
        }
        options["info_buyRequest"] = {"qty": str(line.qty), "links": links}
        options["links"] = [str(link) for link in links]
        options["product_option"] = option
    if line.options:
        options["options"] = line.options
    return options


def _order_addresses(cart: Cart, totals: CartTotals) -> list[OrderAddress]:
    wanted = [billing_address(cart)]
    if not totals.is_virtual:
        wanted.append(shipping_address(cart))
    return [_order_address(a) for a in wanted if a is not None]


def _order_address(address: CartAddress) -> OrderAddress:
    copied = {name: getattr(address, name) for name in ADDRESS_FIELDS}
    return OrderAddress(
        address_type=address.address_type, street=list(address.street or []), **copied
    )


def _order_payment(
    method: PaymentMethod, totals: CartTotals, po_number: str | None
) -> OrderPayment:
    return OrderPayment(
        method=method.code,
        amount_ordered=totals.grand_total,
        shipping_amount=totals.shipping,
        po_number=po_number or None,
        additional_information=[method.title],
    )


def _queue_confirmation(session: Session, order: Order) -> None:
    if not order.email_sent:
        return
    parts = (order.store_name or "").split("\n")
    title = parts[1] if len(parts) > 1 else parts[0] or "our store"
    enqueue(
        session,
        "order_confirmation",
        order.customer_email,
        confirmation_subject(order, title),
        confirmation_body(order, title),
        reference=order.increment_id,
    )
