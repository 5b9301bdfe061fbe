"""`sellable geonames import`, `outbox drain`, `indexer reindex`, `cache flush`."""

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from sellable.inventory.models import Geoname
from sellable.mail.models import OutboxMessage
from sellable.mail.outbox import enqueue
from tests.conftest import CliRun


def test_geonames_import_loads_the_countrys_postcodes(
    cli: CliRun, open_session: sessionmaker[Session]
) -> None:
    output = cli("geonames", "import", "us").output

    with open_session() as session:
        count = session.scalar(select(func.count()).select_from(Geoname))
    assert count and count > 1000
    assert output.strip() == f"Imported {count} geonames for US."


def test_geonames_import_of_an_unknown_country_is_one_line(cli: CliRun) -> None:
    result = cli("geonames", "import", "zz", expect_exit=1)

    assert result.output.startswith("Error: ")
    assert len(result.output.strip().splitlines()) == 1


def test_outbox_drain_writes_due_mail_as_eml_files(
    cli: CliRun, open_session: sessionmaker[Session], tmp_path: Path
) -> None:
    with open_session() as session:
        enqueue(session, "order", "roni@example.com", "Your order", "Thanks!")
        session.commit()

    output = cli("outbox", "drain").output

    files = list((tmp_path / "data" / "mail").glob("*.eml"))
    assert output.strip() == "Sent 1 message(s)."
    assert len(files) == 1
    assert "To: roni@example.com" in files[0].read_text()
    assert "\nDate: " in files[0].read_text()
    with open_session() as session:
        message = session.scalars(select(OutboxMessage)).one()
        assert message.sent_at is not None


def test_indexer_and_cache_commands_are_explained_no_ops(cli: CliRun) -> None:
    reindex = cli("indexer", "reindex").output
    flush = cli("cache", "flush").output

    assert "keeps its indexes in step itself" in reindex
    assert "keeps its caches in step itself" in flush
