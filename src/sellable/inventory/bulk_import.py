"""Bulk import of source items from a CSV of sku,source_code,quantity,status.

PostgreSQL gets each batch by COPY into a temporary table and one
INSERT ... ON CONFLICT; SQLite gets an executemany of the same upsert.
The caller owns the transaction: a bad line anywhere leaves nothing written.
"""

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import islice
from queue import Queue
from threading import Event, Thread
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from sellable.inventory.errors import SourceNotFound
from sellable.inventory.models import SOURCE_ITEM_IN_STOCK, Source
from sellable.kit.errors import InputError
from sellable.kit.logging import get_logger

log = get_logger(__name__)

REQUIRED_COLUMNS = ("sku", "source_code", "quantity")
STATUSES = {"0": 0, "1": 1}
SKU_LENGTH = 64
BATCH_SIZE = 50_000
Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class SourceItemRow:
    line: int
    sku: str
    source_code: str
    quantity: Decimal
    status: int


def read_csv(lines: Iterable[str]) -> Iterator[SourceItemRow]:
    """Parse and check the rows of the CSV (a header line names the columns)."""
    reader = csv.reader(lines)
    positions = _positions(next(reader, None))
    status_at = positions.get("status")
    sku_at, code_at, qty_at = (positions[name] for name in REQUIRED_COLUMNS)
    for number, fields in enumerate(reader, start=2):
        if not fields:
            continue
        try:
            status = fields[status_at] if status_at is not None else ""
            yield SourceItemRow(
                number,
                _sku(fields[sku_at]),
                _required(fields[code_at], "source_code"),
                _quantity(fields[qty_at]),
                _status(status.strip()),
            )
        except IndexError:
            raise _bad_line(number, "a column is missing") from None
        except ValueError as problem:
            raise _bad_line(number, str(problem)) from None


def import_source_items(
    session: Session,
    rows: Iterable[SourceItemRow],
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
) -> int:
    """Create or update the source items of the rows; answer how many were read.

    On PostgreSQL every batch is staged first and one sorted upsert writes them
    all, so the (source_code, sku) index is filled in order, not batch by batch.
    """
    known = set(session.scalars(select(Source.source_code)))
    postgresql = _is_postgresql(session)
    write = _copy_batch if postgresql else _executemany_batch
    if postgresql:
        _create_staging_table(session)

    total = 0
    for batch in prefetched_batches(rows, batch_size):
        _check_sources(batch, known)
        write(session, batch)
        total += len(batch)
        if progress is not None:
            progress(len(batch))
    if postgresql:
        _upsert_from_staging(session)
    log.info("source_items_imported", rows=total)
    return total


def prefetched_batches(
    rows: Iterable[SourceItemRow], batch_size: int
) -> Iterator[list[SourceItemRow]]:
    """Batches read by a helper thread, so parsing overlaps the database's work."""
    ready: Queue[list[SourceItemRow] | BaseException | None] = Queue(maxsize=2)
    stop = Event()

    def read() -> None:
        try:
            iterator = iter(rows)
            while not stop.is_set() and (batch := list(islice(iterator, batch_size))):
                ready.put(batch)
            ready.put(None)
        except BaseException as error:  # noqa: BLE001 - handed to the consumer
            ready.put(error)

    reader = Thread(target=read, name="source-item-reader", daemon=True)
    reader.start()
    try:
        while (item := ready.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while reader.is_alive():
            _drain(ready)
            reader.join(timeout=0.1)


def _drain(ready: Queue[Any]) -> None:
    while not ready.empty():
        ready.get_nowait()


def _positions(header: list[str] | None) -> dict[str, int]:
    names = [name.strip().lower() for name in header or []]
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    if missing:
        raise InputError('The "%1" column is missing in the header.', [missing[0]])
    return {
        name: names.index(name)
        for name in (*REQUIRED_COLUMNS, "status")
        if name in names
    }


def _bad_line(number: int, reason: str) -> InputError:
    return InputError("Line %1 is invalid: %2", [number, reason])


def _required(value: str, name: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError(f"{name} is empty")
    return value


def _sku(value: str) -> str:
    sku = _required(value, "sku")
    if len(sku) > SKU_LENGTH:
        raise ValueError(f"sku is longer than {SKU_LENGTH} characters")
    return sku


def _quantity(value: str) -> Decimal:
    try:
        quantity = Decimal(value.strip())
    except InvalidOperation:
        raise ValueError(f"quantity {value!r} is not a number") from None
    if not quantity.is_finite():
        raise ValueError(f"quantity {value!r} is not a number")
    return quantity


def _status(value: str) -> int:
    if value == "":
        return SOURCE_ITEM_IN_STOCK
    if value not in STATUSES:
        raise ValueError(f"status {value!r} is neither 0 nor 1")
    return STATUSES[value]


def _check_sources(batch: list[SourceItemRow], known: set[str]) -> None:
    unknown = {row.source_code for row in batch} - known
    if unknown:
        raise SourceNotFound(min(unknown))


def _is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


STAGING_TABLE = """
CREATE TEMPORARY TABLE source_item_import (
    line bigint, sku varchar(64), source_code varchar(255),
    quantity numeric(20, 4), status integer
) ON COMMIT DROP
"""
# The last line of each (source_code, sku) wins; existing rows are updated and
# new ones inserted in index order (the table is written sorted), which is
# cheaper than one big ON CONFLICT; unchanged rows are left alone.
LATEST_FROM_STAGING = """
CREATE TEMPORARY TABLE source_item_latest ON COMMIT DROP AS
SELECT DISTINCT ON (source_code, sku) source_code, sku, quantity, status
FROM source_item_import ORDER BY source_code, sku, line DESC
"""
UPDATE_FROM_LATEST = """
UPDATE inventory_source_item AS item
SET quantity = latest.quantity, status = latest.status
FROM source_item_latest AS latest
WHERE item.source_code = latest.source_code AND item.sku = latest.sku
AND (item.quantity, item.status) IS DISTINCT FROM (latest.quantity, latest.status)
"""
INSERT_FROM_LATEST = """
INSERT INTO inventory_source_item (source_code, sku, quantity, status)
SELECT latest.source_code, latest.sku, latest.quantity, latest.status
FROM source_item_latest AS latest
WHERE NOT EXISTS (
    SELECT 1 FROM inventory_source_item AS item
    WHERE item.source_code = latest.source_code AND item.sku = latest.sku
)
"""
UPSERT_FROM_STAGING = (
    "SET LOCAL work_mem = '256MB'",
    "DROP TABLE IF EXISTS source_item_latest",
    LATEST_FROM_STAGING,
    "ANALYZE source_item_latest",
    UPDATE_FROM_LATEST,
    INSERT_FROM_LATEST,
)
UPSERT_ONE = """
INSERT INTO inventory_source_item (source_code, sku, quantity, status)
VALUES (?, ?, ?, ?)
ON CONFLICT (source_code, sku)
DO UPDATE SET quantity = excluded.quantity, status = excluded.status
"""


def _create_staging_table(session: Session) -> None:
    session.execute(text("DROP TABLE IF EXISTS source_item_import"))
    session.execute(text(STAGING_TABLE))


def _upsert_from_staging(session: Session) -> None:
    for statement in UPSERT_FROM_STAGING:
        session.execute(text(statement))


def _copy_batch(session: Session, batch: list[SourceItemRow]) -> None:
    driver: Any = session.connection().connection.driver_connection
    cursor = driver.cursor()
    columns = "line, sku, source_code, quantity, status"
    with cursor.copy(f"COPY source_item_import ({columns}) FROM STDIN") as copy:
        copy.write(_copy_text(batch))


COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(batch: list[SourceItemRow]) -> str:
    """The rows in COPY's text format (tabs, backslash escapes)."""
    return "".join(
        f"{row.line}\t{row.sku.translate(COPY_ESCAPES)}\t"
        f"{row.source_code.translate(COPY_ESCAPES)}\t{row.quantity}\t{row.status}\n"
        for row in batch
    )


def _executemany_batch(session: Session, batch: list[SourceItemRow]) -> None:
    values = [
        (row.source_code, row.sku, str(row.quantity), row.status) for row in batch
    ]
    session.connection().exec_driver_sql(UPSERT_ONE, values)
