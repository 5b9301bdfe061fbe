"""Taking goods out of a source when they physically leave."""

from collections.abc import Mapping
from decimal import Decimal

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session

from sellable.inventory.domain import ZERO
from sellable.inventory.errors import SourceNotFound
from sellable.inventory.models import Source, SourceItem
from sellable.inventory.salability import stock_options
from sellable.inventory.salability_rules import StockOptions
from sellable.kit.errors import InputError
from sellable.kit.logging import get_logger

log = get_logger(__name__)


class NotEnoughAtSource(InputError):
    template = "Not all of your products are available in the requested quantity."


def deduct_from_source(
    session: Session, source_code: str, quantities: Mapping[str, Decimal]
) -> None:
    """Lower each SKU's quantity at the source; refuse to go below its floor.

    The floor is zero, the (negative) threshold for backorders, or none for
    backorders without one. The UPDATE checks and writes in one statement,
    so two concurrent shipments cannot both take the last units.
    """
    if session.get(Source, source_code) is None:
        raise SourceNotFound(source_code)
    options = stock_options(session, quantities)
    for sku in sorted(quantities):
        qty = quantities[sku]
        if qty <= 0:
            continue
        enough = _enough(options.get(sku, StockOptions()), qty)
        result = session.execute(
            update(SourceItem)
            .where(
                SourceItem.source_code == source_code,
                SourceItem.sku == sku,
                *enough,
            )
            .values(quantity=SourceItem.quantity - qty)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise NotEnoughAtSource(parameters=[sku, source_code])
        log.info("source_deducted", source_code=source_code, sku=sku, qty=str(qty))


def _enough(options: StockOptions, qty: Decimal) -> list[ColumnElement[bool]]:
    """The condition the row must meet before `qty` leaves it."""
    if options.backorders and options.unlimited:
        return []
    floor = min(options.threshold, ZERO) if options.backorders else ZERO
    return [SourceItem.quantity - qty >= floor]


def source_quantity(session: Session, source_code: str, sku: str) -> Decimal | None:
    found = session.scalar(
        select(SourceItem.quantity).where(
            SourceItem.source_code == source_code, SourceItem.sku == sku
        )
    )
    return None if found is None else Decimal(found)
