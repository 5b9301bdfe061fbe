"""Moving stock between sources, and bulk (un)assigning SKUs to sources.

Every change is an UPDATE relative to the row's current quantity, on rows
locked first in (source_code, sku) order, so concurrent transfers neither
lose units nor deadlock.
"""

from collections.abc import Iterable, Sequence
from decimal import Decimal

from sqlalchemy import delete, insert, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from sellable.catalog.models import Product
from sellable.inventory.domain import ZERO, Problem, allows_source_items
from sellable.inventory.errors import (
    InputDataEmpty,
    ProductsNotFound,
    validation_failed,
)
from sellable.inventory.models import (
    SOURCE_ITEM_IN_STOCK,
    SOURCE_ITEM_OUT_OF_STOCK,
    Source,
    SourceItem,
)
from sellable.inventory.schemas import PartialTransferItem
from sellable.kit.errors import StateConflict
from sellable.kit.logging import get_logger

log = get_logger(__name__)

Key = tuple[str, str]
Row = tuple[Decimal, int]
SAME_SOURCES = "Validation Error: Select different sources for origin and destination."
MISSING_ROW = "Source item for %sku and %sourceCode does not exist"
NOT_AVAILABLE = "Requested transfer amount for sku %sku is not available"


def lock_source_items(session: Session, keys: Iterable[Key]) -> dict[Key, Row]:
    """Lock these (source_code, sku) rows in key order; answer quantity and status."""
    ordered = sorted(set(keys))
    if not ordered:
        return {}
    rows = session.execute(
        select(
            SourceItem.source_code,
            SourceItem.sku,
            SourceItem.quantity,
            SourceItem.status,
        )
        .where(tuple_(SourceItem.source_code, SourceItem.sku).in_(ordered))
        .order_by(SourceItem.source_code, SourceItem.sku)
        .with_for_update()
    ).all()
    return {(code, sku): (Decimal(qty), status) for code, sku, qty, status in rows}


def transfer_all(
    session: Session, skus: Sequence[str], origin: str, destination: str, unassign: bool
) -> None:
    """Move each SKU's whole origin quantity to the destination.

    SKUs with no row at the origin are skipped; a negative origin quantity
    (backorder debt) stays at the origin and is not moved.
    """
    validation_failed(_source_pair_problems(session, origin, destination), SAME_SOURCES)
    skus = _stock_holding_skus(session, skus)
    rows = lock_source_items(
        session, [(code, sku) for sku in skus for code in (origin, destination)]
    )

    for sku in sorted(skus):
        found = rows.get((origin, sku))
        if found is None:
            continue
        qty, status = max(found[0], ZERO), found[1]
        target = rows.get((destination, sku))
        if target is not None:
            status = merged_status(target, qty, status)
            _change(session, destination, sku, qty, status=status)
        else:
            session.execute(
                insert(SourceItem).values(
                    source_code=destination, sku=sku, quantity=qty, status=status
                )
            )
        _empty_origin(session, origin, sku, qty, unassign)
        log.info(
            "stock_transferred",
            sku=sku,
            origin=origin,
            destination=destination,
            qty=str(qty),
        )


def merged_status(destination: Row, moved: Decimal, origin_status: int) -> int:
    """A destination stays in stock; it becomes so when in-stock units arrive.

    An out-of-stock origin (or one with nothing to move) never takes the
    destination's own in-stock units off sale.
    """
    _, status = destination
    if status == SOURCE_ITEM_IN_STOCK:
        return status
    if origin_status == SOURCE_ITEM_IN_STOCK and moved > ZERO:
        return SOURCE_ITEM_IN_STOCK
    return status


def _empty_origin(
    session: Session, origin: str, sku: str, qty: Decimal, unassign: bool
) -> None:
    if unassign:
        session.execute(
            delete(SourceItem).where(
                SourceItem.source_code == origin, SourceItem.sku == sku
            )
        )
    else:
        _change(session, origin, sku, -qty, status=SOURCE_ITEM_OUT_OF_STOCK)


def transfer_partially(
    session: Session,
    origin: str,
    destination: str,
    items: Sequence[PartialTransferItem],
) -> None:
    """Move the given quantities; both rows must exist and the origin must hold them."""
    if not items:
        raise InputDataEmpty()
    wanted: dict[str, Decimal] = {}
    for item in items:
        wanted[item.sku] = wanted.get(item.sku, ZERO) + item.qty
    problems = _source_pair_problems(session, origin, destination)
    if not problems:
        rows = lock_source_items(
            session, [(code, sku) for sku in wanted for code in (origin, destination)]
        )
        problems = _partial_problems(wanted, rows, origin, destination)
    validation_failed(problems, "Transfer validation failed")

    for sku, qty in sorted(wanted.items()):
        _take(session, origin, sku, qty)
        _change(session, destination, sku, qty, status=SOURCE_ITEM_IN_STOCK)
        log.info(
            "stock_transferred",
            sku=sku,
            origin=origin,
            destination=destination,
            qty=str(qty),
        )


def _partial_problems(
    wanted: dict[str, Decimal], rows: dict[Key, Row], origin: str, destination: str
) -> list[Problem]:
    problems: list[Problem] = []
    for sku, qty in wanted.items():
        if (origin, sku) not in rows:
            problems.append((MISSING_ROW, {"sku": sku, "sourceCode": origin}))
        elif qty <= ZERO or rows[(origin, sku)][0] < qty:
            problems.append((NOT_AVAILABLE, {"sku": sku}))
        if (destination, sku) not in rows:
            problems.append((MISSING_ROW, {"sku": sku, "sourceCode": destination}))
    return problems


def _take(session: Session, source_code: str, sku: str, qty: Decimal) -> None:
    """Lower a quantity only if enough is there: check and write in one UPDATE."""
    result = session.execute(
        update(SourceItem)
        .where(
            SourceItem.source_code == source_code,
            SourceItem.sku == sku,
            SourceItem.quantity >= qty,
        )
        .values(quantity=SourceItem.quantity - qty)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise StateConflict(NOT_AVAILABLE, {"sku": sku})


def _change(
    session: Session, source_code: str, sku: str, delta: Decimal, status: int
) -> None:
    session.execute(
        update(SourceItem)
        .where(SourceItem.source_code == source_code, SourceItem.sku == sku)
        .values(quantity=SourceItem.quantity + delta, status=status)
        .execution_options(synchronize_session=False)
    )


def _source_pair_problems(
    session: Session, origin: str, destination: str
) -> list[Problem]:
    problems: list[Problem] = []
    if session.get(Source, origin) is None:
        problems.append(
            ("Origin source %sourceCode does not exist", {"sourceCode": origin})
        )
    if session.get(Source, destination) is None:
        problems.append(
            (
                "Destination source %sourceCode does not exist",
                {"sourceCode": destination},
            )
        )
    if origin == destination:
        problems.append(("Cannot transfer a source on itself", {}))
    return problems


def _stock_holding_skus(session: Session, skus: Sequence[str]) -> list[str]:
    """The SKUs whose products hold stock; unknown SKUs are refused."""
    if not skus:
        raise InputDataEmpty()
    types = dict(
        session.execute(
            select(Product.sku, Product.type_id).where(Product.sku.in_(set(skus)))
        ).all()
    )
    missing = sorted(set(skus) - set(types))
    if missing:
        raise ProductsNotFound(missing)
    return sorted(sku for sku, type_id in types.items() if allows_source_items(type_id))


def _sources_exist(session: Session, source_codes: Sequence[str]) -> None:
    if not source_codes:
        raise InputDataEmpty()
    codes = set(source_codes)
    known = set(
        session.scalars(select(Source.source_code).where(Source.source_code.in_(codes)))
    )
    validation_failed(
        [
            ("Source %sourceCode does not exist", {"sourceCode": code})
            for code in sorted(codes - known)
        ]
    )


def assign_sources(
    session: Session, skus: Sequence[str], source_codes: Sequence[str]
) -> int:
    """Give each SKU an empty, out-of-stock row at each source; answer rows added."""
    _sources_exist(session, source_codes)
    skus = _stock_holding_skus(session, skus)
    values = [
        {
            "source_code": code,
            "sku": sku,
            "quantity": ZERO,
            "status": SOURCE_ITEM_OUT_OF_STOCK,
        }
        for code in sorted(set(source_codes))
        for sku in skus
    ]
    if not values:
        return 0
    builder = (
        pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    )
    stmt = builder(SourceItem).values(values).on_conflict_do_nothing()
    added = len(session.scalars(stmt.returning(SourceItem.source_item_id)).all())
    log.info(
        "sources_assigned", skus=len(skus), sources=len(set(source_codes)), added=added
    )
    return added


def unassign_sources(
    session: Session, skus: Sequence[str], source_codes: Sequence[str]
) -> int:
    """Delete the SKUs' rows at these sources; answer rows removed."""
    _sources_exist(session, source_codes)
    if not skus:
        raise InputDataEmpty()
    result = session.execute(
        delete(SourceItem).where(
            SourceItem.source_code.in_(set(source_codes)), SourceItem.sku.in_(set(skus))
        )
    )
    log.info("sources_unassigned", skus=len(skus), sources=len(set(source_codes)))
    return int(result.rowcount)  # type: ignore[attr-defined]
