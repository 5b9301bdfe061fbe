"""`source-item import`: load a CSV of source items in one transaction."""

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)

from sellable.cli.common import console, fail, say, transaction
from sellable.inventory.bulk_import import BATCH_SIZE, import_source_items, read_csv

app = typer.Typer(help="Source items (physical quantities).", no_args_is_help=True)


@app.command("import")
def import_csv(
    path: Annotated[Path, typer.Argument(help="CSV: sku,source_code,quantity,status")],
    batch_size: Annotated[
        int, typer.Option(min=1, help="Rows read and staged per batch.")
    ] = BATCH_SIZE,
    quiet: Annotated[bool, typer.Option(help="No progress bar.")] = False,
) -> None:
    """Create or update source items from a CSV file; all rows or none."""
    if not path.is_file():
        fail(f"no such file: {path}")
    expected = _data_lines(path)
    started = time.perf_counter()
    with _progress(quiet) as bar, path.open(newline="", encoding="utf-8") as file:
        task = bar.add_task("Reading source items", total=expected)

        def advance(rows: int) -> None:
            bar.advance(task, rows)
            if bar.tasks[task].completed >= expected:
                bar.add_task("Writing source items", total=None)

        with transaction() as session:
            rows = import_source_items(
                session, read_csv(file), progress=advance, batch_size=batch_size
            )
    seconds = time.perf_counter() - started
    rate = rows / seconds if seconds > 0 else 0.0
    say(f"Imported {rows} source items in {seconds:.1f} s ({rate:,.0f} rows/s).")


def _data_lines(path: Path) -> int:
    """Lines after the header, counted fast for the progress bar's total."""
    with path.open("rb") as file:
        lines = sum(
            chunk.count(b"\n") for chunk in iter(lambda: file.read(1 << 20), b"")
        )
    return max(lines - 1, 0)


def _progress(quiet: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=quiet,
    )
