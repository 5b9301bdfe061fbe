"""Bulk import of source items through the CLI, and source selection time."""

import os
import random
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from bench.db import BenchDatabase, median
from sellable.inventory.models import Source, SourceItem, Stock, StockSourceLink
from sellable.inventory.source_selection import select_sources
from sellable.kit.database import make_engine, make_session_factory, unit_of_work

IMPORT_SKUS = 100_000
IMPORT_SOURCES = 10
SELECTION_SOURCES = 50
SELECTION_LINES = 100


def _sources(prefix: str, how_many: int) -> list[dict[str, object]]:
    return [
        {
            "source_code": f"{prefix}-{n:02d}",
            "name": f"{prefix} {n}",
            "country_id": "US",
            "postcode": "11501",
        }
        for n in range(1, how_many + 1)
    ]


def write_import_csv(directory: Path) -> tuple[Path, int]:
    """100,000 SKUs x 10 sources, as sku,source_code,quantity,status."""
    path = directory / "source-items.csv"
    codes = [f"import-{n:02d}" for n in range(1, IMPORT_SOURCES + 1)]
    with path.open("w") as file:
        file.write("sku,source_code,quantity,status\n")
        for n in range(1, IMPORT_SKUS + 1):
            name = f"IMPORT-{n:06d}"
            file.writelines(f"{name},{code},{n % 1000},1\n" for code in codes)
    return path, IMPORT_SKUS * IMPORT_SOURCES


def import_through_cli(database: BenchDatabase) -> tuple[int, float]:
    """Run `sellable source-item import`; answer rows stored and wall seconds."""
    engine = make_engine(database.sqlalchemy_url)
    with unit_of_work(make_session_factory(engine)) as session:
        session.execute(insert(Source), _sources("import", IMPORT_SOURCES))
    with tempfile.TemporaryDirectory() as directory:
        path, _rows = write_import_csv(Path(directory))
        env = {**os.environ, "SELLABLE_DATABASE_URL": database.sqlalchemy_url}
        command = [sys.executable, "-m", "sellable", "source-item", "import", str(path)]
        began = time.perf_counter()
        subprocess.run(command, env=env, check=True)
        seconds = time.perf_counter() - began
    with unit_of_work(make_session_factory(engine)) as session:
        stored = session.scalar(
            select(func.count()).where(SourceItem.source_code.like("import-%"))
        )
    engine.dispose()
    return int(stored or 0), seconds


def selection_milliseconds(database: BenchDatabase, runs: int) -> float:
    """Median time of select_sources for 100 lines over a 50-source stock."""
    engine = make_engine(database.sqlalchemy_url)
    factory = make_session_factory(engine)
    with unit_of_work(factory) as session:
        stock_id = _selection_stock(session)
    with database.connect() as conn:
        # Fresh statistics, as autovacuum would have them after the bulk import.
        conn.execute("ANALYZE inventory_source_item")
    rng = random.Random(7)
    skus = [f"SELECT-{n:03d}" for n in range(1, SELECTION_LINES + 1)]
    timings = []
    with unit_of_work(factory) as session:
        for _ in range(runs):
            wanted = {s: Decimal(rng.randint(50, 400)) for s in skus}
            began = time.perf_counter()
            select_sources(session, stock_id, wanted, "priority")
            timings.append((time.perf_counter() - began) * 1000)
    engine.dispose()
    return median(timings)


def _selection_stock(session: Session) -> int:
    """A stock of 50 sources; each holds 0-20 of each of the 100 SKUs."""
    stock = Stock(name="Selection bench")
    session.add(stock)
    sources = _sources("select", SELECTION_SOURCES)
    session.execute(insert(Source), sources)
    session.flush()
    session.execute(
        insert(StockSourceLink),
        [
            {"stock_id": stock.stock_id, "source_code": s["source_code"], "priority": i}
            for i, s in enumerate(sources, start=1)
        ],
    )
    rng = random.Random(3)
    session.execute(
        insert(SourceItem),
        [
            {
                "source_code": s["source_code"],
                "sku": f"SELECT-{n:03d}",
                "quantity": Decimal(rng.randint(0, 20)),
                "status": 1,
            }
            for s in sources
            for n in range(1, SELECTION_LINES + 1)
        ],
    )
    return stock.stock_id
