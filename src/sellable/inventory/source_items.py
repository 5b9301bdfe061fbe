"""Source items: how much of a SKU one source physically holds."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Executable, delete, select, tuple_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from sellable.catalog.models import Product
from sellable.inventory.domain import Problem, allows_source_items, is_blank
from sellable.inventory.errors import InputDataEmpty, first_problem_failed
from sellable.inventory.models import (
    SOURCE_ITEM_IN_STOCK,
    SOURCE_ITEM_OUT_OF_STOCK,
    Source,
    SourceItem,
)
from sellable.inventory.schemas import SourceItemData
from sellable.kit.logging import get_logger
from sellable.kit.search_criteria import SearchCriteria, search

log = get_logger(__name__)

SOURCE_ITEM_COLUMNS = {
    "sku": SourceItem.sku,
    "source_code": SourceItem.source_code,
    "quantity": SourceItem.quantity,
    "status": SourceItem.status,
}
STATUSES = (SOURCE_ITEM_OUT_OF_STOCK, SOURCE_ITEM_IN_STOCK)


def list_source_items(
    session: Session, criteria: SearchCriteria
) -> tuple[list[SourceItem], int]:
    stmt = select(SourceItem)
    return search(
        session, stmt, criteria, SOURCE_ITEM_COLUMNS, SourceItem.source_item_id
    )


def save_source_items(session: Session, items: Sequence[SourceItemData]) -> None:
    """Set quantity and status of each (source, SKU); all rows or none."""
    if not items:
        raise InputDataEmpty()
    problems = [p for item in items for p in _item_problems(item)]
    first_problem_failed(problems + _reference_problems(session, items))

    rows = {(str(i.source_code), str(i.sku)): i for i in items}
    values = [
        {"source_code": code, "sku": sku, "quantity": i.quantity, "status": i.status}
        for (code, sku), i in sorted(rows.items())
    ]
    session.execute(_upsert(session, values))
    log.info("source_items_saved", count=len(values))


def _upsert(session: Session, values: list[dict[str, Any]]) -> Executable:
    builder = (
        pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    )
    stmt = builder(SourceItem).values(values)
    return stmt.on_conflict_do_update(
        index_elements=["source_code", "sku"],
        set_={"quantity": stmt.excluded.quantity, "status": stmt.excluded.status},
    )


def _item_problems(item: SourceItemData) -> list[Problem]:
    problems: list[Problem] = []
    if is_blank(item.sku):
        problems.append(('"%field" can not be empty.', {"field": "sku"}))
    elif str(item.sku).strip() != item.sku:
        problems.append(
            ('"%field" can not contain leading or trailing spaces.', {"field": "sku"})
        )
    if is_blank(item.source_code):
        problems.append(('"%field" can not be empty.', {"field": "source_code"}))
    elif any(char.isspace() for char in str(item.source_code)):
        problems.append(
            ('"%field" can not contain whitespaces.', {"field": "source_code"})
        )
    if item.quantity is None:
        problems.append(('"%field" should be numeric.', {"field": "quantity"}))
    if item.status not in STATUSES:
        problems.append(('"%field" should a known status.', {"field": "status"}))
    return problems


def _reference_problems(
    session: Session, items: Sequence[SourceItemData]
) -> list[Problem]:
    """Unknown sources, unknown SKUs and products that hold no stock."""
    codes = {i.source_code for i in items if i.source_code}
    skus = {i.sku for i in items if i.sku}
    known = set(
        session.scalars(select(Source.source_code).where(Source.source_code.in_(codes)))
    )
    types = dict(
        session.execute(
            select(Product.sku, Product.type_id).where(Product.sku.in_(skus))
        ).all()
    )
    problems: list[Problem] = [
        ('Source with code "%value" does not exist.', {"value": code})
        for code in sorted(codes - known)
    ]
    for sku in sorted(skus):
        if sku not in types:
            problems.append(('Product with SKU "%sku" does not exist.', {"sku": sku}))
        elif not allows_source_items(types[sku]):
            problems.append(
                ('Product with SKU "%sku" cannot have source items.', {"sku": sku})
            )
    return problems


def delete_source_items(session: Session, items: Sequence[SourceItemData]) -> None:
    """Unassign SKUs from sources; rows that do not exist are ignored."""
    if not items:
        raise InputDataEmpty()
    keys = sorted({(str(i.source_code), str(i.sku)) for i in items})
    session.execute(
        delete(SourceItem).where(
            tuple_(SourceItem.source_code, SourceItem.sku).in_(keys)
        )
    )
    log.info("source_items_deleted", count=len(keys))
