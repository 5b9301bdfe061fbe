"""Reading credit memos: one by id and a search."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellable.kit.search_criteria import (
    SearchCriteria,
    model_columns,
    search,
    search_result,
)
from sellable.sales.creditmemo_serializers import creditmemo_json
from sellable.sales.errors import CreditMemoNotFound
from sellable.sales.models import CreditMemo
from sellable.sales.orders import get_order

CREDITMEMO_FIELDS = model_columns(
    CreditMemo,
    (
        "entity_id",
        "order_id",
        "invoice_id",
        "increment_id",
        "store_id",
        "state",
        "grand_total",
        "subtotal",
        "shipping_amount",
        "adjustment_positive",
        "adjustment_negative",
        "created_at",
        "updated_at",
        "email_sent",
    ),
)


def get_creditmemo(session: Session, creditmemo_id: int) -> CreditMemo:
    memo = session.get(CreditMemo, creditmemo_id)
    if memo is None:
        raise CreditMemoNotFound()
    return memo


def creditmemo_view(session: Session, creditmemo_id: int) -> dict[str, Any]:
    memo = get_creditmemo(session, creditmemo_id)
    return creditmemo_json(memo, get_order(session, memo.order_id))


def search_creditmemos(session: Session, criteria: SearchCriteria) -> dict[str, Any]:
    found, total = search(
        session, select(CreditMemo), criteria, CREDITMEMO_FIELDS, CreditMemo.entity_id
    )
    items = [creditmemo_json(memo, get_order(session, memo.order_id)) for memo in found]
    return search_result(items, criteria, total)
