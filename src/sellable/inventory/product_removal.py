"""What a product leaves in the ledger when it is deleted or renamed: nothing open.

Magento removes a deleted SKU's reservations later, from a queue consumer
(and not at all when catalog synchronisation is off), by deleting ledger
rows; a new product created with the same SKU meanwhile inherits the holds.
Here every open hold of the SKU is compensated in the deleting transaction,
per stock and per order it belongs to, so the ledger stays append-only and
each order's own lines net to zero for that SKU.
"""

import json
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sellable.inventory.domain import ZERO, ReservationEntry
from sellable.inventory.ledger import append_reservations, lock_pairs
from sellable.inventory.models import Reservation, ReservationTotal, SourceItem
from sellable.kit.errors import StateConflict
from sellable.kit.logging import get_logger

log = get_logger(__name__)
EVENT = "product_deleted"
Owner = tuple[str, str, str]  # object_type, object_id, object_increment_id


def release_product_holds(session: Session, sku: str) -> list[ReservationEntry]:
    """Append the compensations that net the SKU's ledger to zero; answer them."""
    stock_ids = session.scalars(
        select(ReservationTotal.stock_id).where(ReservationTotal.sku == sku)
    ).all()
    lock_pairs(session, [(stock_id, sku) for stock_id in stock_ids])

    open_sums: dict[tuple[int, Owner], Decimal] = {}
    rows = session.execute(
        select(Reservation.stock_id, Reservation.quantity, Reservation.metadata_json)
        .where(Reservation.sku == sku)
        .order_by(Reservation.reservation_id)
    )
    for stock_id, quantity, metadata in rows:
        key = (int(stock_id), _owner(metadata, sku))
        open_sums[key] = open_sums.get(key, ZERO) + Decimal(quantity)

    entries = [
        ReservationEntry(stock_id, sku, -total, _metadata(owner))
        for (stock_id, owner), total in sorted(open_sums.items())
        if total != ZERO
    ]
    append_reservations(session, entries)
    if entries:
        log.info("product_holds_released", sku=sku, entries=len(entries))
    return entries


def _owner(metadata: str | None, sku: str) -> Owner:
    """Whose hold a ledger line is: an order's, or else the product's own."""
    try:
        data: Any = json.loads(metadata or "{}")
        return (
            str(data["object_type"]),
            str(data["object_id"]),
            str(data.get("object_increment_id", "")),
        )
    except (ValueError, KeyError, TypeError):
        return ("product", sku, "")


def _metadata(owner: Owner) -> dict[str, str]:
    object_type, object_id, increment_id = owner
    found = {"event_type": EVENT, "object_type": object_type, "object_id": object_id}
    if increment_id:
        found["object_increment_id"] = increment_id
    return found


class OpenHoldsBlockRename(StateConflict):
    template = (
        'The SKU "%1" has open reservations; ship or cancel its orders '
        "before changing the SKU."
    )


def rename_sku(session: Session, old_sku: str, new_sku: str) -> None:
    """Move the source items to the new SKU; refused while any hold is open.

    Magento moves the source items and leaves the old SKU's holds behind: the
    renamed product loses them (and can oversell) while a new product with
    the old SKU inherits them. Refusing while holds are open keeps both right.
    """
    stock_ids = session.scalars(
        select(ReservationTotal.stock_id).where(ReservationTotal.sku == old_sku)
    ).all()
    held = lock_pairs(session, [(stock_id, old_sku) for stock_id in stock_ids])
    if any(total != ZERO for total in held.values()):
        raise OpenHoldsBlockRename(parameters=[old_sku])
    session.execute(
        update(SourceItem)
        .where(SourceItem.sku == old_sku)
        .values(sku=new_sku)
        .execution_options(synchronize_session=False)
    )
    log.info("sku_renamed", sku=old_sku, new_sku=new_sku)
