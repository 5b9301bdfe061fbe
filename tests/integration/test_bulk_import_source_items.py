"""Bulk import of source items from CSV: upserts, last line wins, all or nothing."""

from decimal import Decimal
from pathlib import Path

import pytest
import typer
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from sellable.cli.source_items import app as source_item_cli
from sellable.inventory.bulk_import import import_source_items, read_csv
from sellable.inventory.errors import SourceNotFound
from sellable.inventory.models import Source, SourceItem
from sellable.kit.errors import InputError

HEADER = "sku,source_code,quantity,status\n"


def _items(session: Session) -> dict[tuple[str, str], tuple[Decimal, int]]:
    rows = session.execute(
        select(
            SourceItem.sku,
            SourceItem.source_code,
            SourceItem.quantity,
            SourceItem.status,
        )
    ).all()
    return {(sku, code): (Decimal(qty), status) for sku, code, qty, status in rows}


def _add_source(session: Session, code: str) -> None:
    session.add(Source(source_code=code, name=code, country_id="US", postcode="1"))
    session.flush()


def test_import_creates_and_updates_source_items(session: Session) -> None:
    _add_source(session, "east")
    csv_text = HEADER + "B-1,east,5,1\nB-2,default,7.5,0\n24-WB01,default,3,1\n"

    count = import_source_items(session, read_csv(csv_text.splitlines()), batch_size=2)

    items = _items(session)
    assert count == 3
    assert items[("B-1", "east")] == (Decimal(5), 1)
    assert items[("B-2", "default")] == (Decimal("7.5"), 0)
    assert items[("24-WB01", "default")] == (Decimal(3), 1)


def test_the_last_line_for_a_source_item_wins(session: Session) -> None:
    csv_text = HEADER + "B-1,default,5,1\nB-1,default,9,0\n"

    import_source_items(session, read_csv(csv_text.splitlines()))

    assert _items(session)[("B-1", "default")] == (Decimal(9), 0)


def test_skus_with_tabs_quotes_and_backslashes_arrive_intact(
    session: Session,
) -> None:
    csv_text = HEADER + '"A\tB\\C ""D""",default,2,1\n'

    import_source_items(session, read_csv(csv_text.splitlines()))

    assert _items(session)[('A\tB\\C "D"', "default")] == (Decimal(2), 1)


def test_a_bad_line_in_a_later_batch_stops_the_import(session: Session) -> None:
    csv_text = HEADER + "B-1,default,1,1\nB-2,default,2,1\nB-3,default,x,1\n"

    with pytest.raises(InputError) as raised:
        import_source_items(session, read_csv(csv_text.splitlines()), batch_size=1)

    assert raised.value.parameters[0] == 4


def test_status_defaults_to_in_stock_when_the_column_is_absent(
    session: Session,
) -> None:
    csv_text = "sku,source_code,quantity\nB-1,default,4\n"

    import_source_items(session, read_csv(csv_text.splitlines()))

    assert _items(session)[("B-1", "default")] == (Decimal(4), 1)


def test_an_unknown_source_is_refused(session: Session) -> None:
    csv_text = HEADER + "B-1,nowhere,5,1\n"

    with pytest.raises(SourceNotFound):
        import_source_items(session, read_csv(csv_text.splitlines()))


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("B-1,default,lots,1", "quantity 'lots' is not a number"),
        ("B-1,default,5,7", "status '7' is neither 0 nor 1"),
        (",default,5,1", "sku is empty"),
        ("B-1,default", "a column is missing"),
    ],
)
def test_a_bad_line_is_named_with_its_number(line: str, reason: str) -> None:
    with pytest.raises(InputError) as raised:
        list(read_csv([HEADER, "B-0,default,1,1\n", line]))

    assert raised.value.template == "Line %1 is invalid: %2"
    assert raised.value.parameters == [3, reason]


def test_a_header_without_quantity_is_refused() -> None:
    with pytest.raises(InputError) as raised:
        list(read_csv(["sku,source_code\n"]))

    assert raised.value.parameters == ["quantity"]


def test_the_command_imports_everything_or_nothing(
    database_url: str,
    tmp_path: Path,
    open_session: sessionmaker[Session],
) -> None:
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(HEADER + "B-1,default,5,1\nB-2,default,6,1\n")
    bad.write_text(HEADER + "B-3,default,5,1\nB-4,default,x,1\n")
    env = {"SELLABLE_DATABASE_URL": database_url, "SELLABLE_DATA_DIR": str(tmp_path)}
    cli = typer.Typer()
    cli.add_typer(source_item_cli, name="source-item")
    runner = CliRunner()

    imported = runner.invoke(cli, ["source-item", "import", str(good)], env=env)
    refused = runner.invoke(cli, ["source-item", "import", str(bad)], env=env)

    assert imported.exit_code == 0, imported.output
    assert "Imported 2 source items" in imported.output
    assert refused.exit_code == 1
    assert "Line 3 is invalid" in refused.output
    with open_session() as check:
        items = _items(check)
    assert ("B-2", "default") in items
    assert ("B-3", "default") not in items
