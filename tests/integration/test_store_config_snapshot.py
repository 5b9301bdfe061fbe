"""Config is read once per transaction, and never served stale across one."""

from sqlalchemy.orm import Session, sessionmaker

from sellable.kit.database import unit_of_work
from sellable.store import config

PATH = "carriers/flatrate/price"


def test_a_value_set_in_the_transaction_is_read_back_at_once(
    session_factory: sessionmaker[Session],
) -> None:
    with unit_of_work(session_factory) as session:
        assert config.get_value(session, PATH, 1) == "5.00"

        config.set_value(session, PATH, "7.50")
        assert config.get_value(session, PATH, 1) == "7.50"

        config.set_value(session, PATH, "8.25", "stores", 1)
        assert config.get_value(session, PATH, 1) == "8.25"
        assert config.get_value(session, PATH) == "7.50"


def test_a_change_committed_elsewhere_shows_in_the_next_transaction(
    session_factory: sessionmaker[Session],
) -> None:
    reader = session_factory()
    try:
        assert config.get_value(reader, PATH, 1) == "5.00"
        reader.commit()

        with unit_of_work(session_factory) as writer:
            config.set_value(writer, PATH, "12.00", "websites", 1)

        assert config.get_value(reader, PATH, 1) == "12.00"
    finally:
        reader.close()


def test_a_rolled_back_savepoint_takes_its_value_with_it(
    session_factory: sessionmaker[Session],
) -> None:
    with unit_of_work(session_factory) as session:
        savepoint = session.begin_nested()
        config.set_value(session, PATH, "9.99")
        assert config.get_value(session, PATH, 1) == "9.99"
        savepoint.rollback()

        assert config.get_value(session, PATH, 1) == "5.00"
