"""Credit memos as Magento's REST objects (salesDataCreditmemoInterface)."""

from decimal import Decimal

from sellable.sales.models import CreditMemo, CreditMemoItem, Order
from sellable.sales.serializers import (
    Json,
    magento_time,
    order_address,
    with_base,
    without_nulls,
)

ZERO = Decimal(0)
_MONEY = (
    "subtotal",
    "subtotal_incl_tax",
    "discount_amount",
    "shipping_amount",
    "shipping_incl_tax",
    "shipping_tax_amount",
    "tax_amount",
    "adjustment",
    "adjustment_positive",
    "adjustment_negative",
    "grand_total",
)
_ITEM_MONEY = (
    "price",
    "price_incl_tax",
    "row_total",
    "row_total_incl_tax",
    "discount_amount",
    "tax_amount",
)


def creditmemo_json(memo: CreditMemo, order: Order) -> Json:
    """One credit memo, with the order's currency and addresses."""
    data = with_base(_money(memo), *_MONEY)
    billing = order_address(order, "billing")
    shipping = order_address(order, "shipping")
    data.update(
        entity_id=memo.entity_id,
        increment_id=memo.increment_id,
        order_id=memo.order_id,
        invoice_id=memo.invoice_id,
        store_id=memo.store_id,
        state=memo.state,
        creditmemo_status=memo.state,
        email_sent=memo.email_sent,
        base_currency_code=order.order_currency_code,
        global_currency_code=order.order_currency_code,
        order_currency_code=order.order_currency_code,
        store_currency_code=order.order_currency_code,
        base_to_global_rate=1,
        base_to_order_rate=1,
        store_to_base_rate=0,
        store_to_order_rate=0,
        billing_address_id=billing.entity_id if billing else None,
        shipping_address_id=shipping.entity_id if shipping else None,
        created_at=magento_time(memo.created_at),
        updated_at=magento_time(memo.updated_at),
        items=[creditmemo_item_json(item) for item in memo.items],
        comments=[],
    )
    return without_nulls(data)


def _money(memo: CreditMemo) -> Json:
    return {
        "subtotal": memo.subtotal,
        "subtotal_incl_tax": memo.subtotal + memo.tax_amount,
        "discount_amount": memo.discount_amount,
        "shipping_amount": memo.shipping_amount,
        "shipping_incl_tax": memo.shipping_amount,
        "shipping_tax_amount": ZERO,
        "tax_amount": memo.tax_amount,
        "adjustment": memo.adjustment_positive - memo.adjustment_negative,
        "adjustment_positive": memo.adjustment_positive,
        "adjustment_negative": memo.adjustment_negative,
        "grand_total": memo.grand_total,
    }


def creditmemo_item_json(item: CreditMemoItem) -> Json:
    data = with_base(
        {
            "price": item.price,
            "price_incl_tax": item.price,
            "row_total": item.row_total,
            "row_total_incl_tax": item.row_total + item.tax_amount,
            "discount_amount": item.discount_amount,
            "tax_amount": item.tax_amount,
        },
        *_ITEM_MONEY,
    )
    data.update(
        entity_id=item.entity_id,
        parent_id=item.parent_id,
        order_item_id=item.order_item_id,
        product_id=item.product_id,
        sku=item.sku,
        name=item.name,
        qty=item.qty,
        base_cost=ZERO,
    )
    return without_nulls(data)
