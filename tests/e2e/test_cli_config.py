"""`sellable config set|get|list`."""

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sellable.store.models import ConfigValue
from tests.conftest import CliRun


def _stored(open_session: sessionmaker[Session]) -> set[tuple[str, int, str, str]]:
    with open_session() as session:
        rows = session.scalars(select(ConfigValue)).all()
        return {(r.scope, r.scope_id, r.path, r.value or "") for r in rows}


def test_config_set_writes_a_default_value_and_get_reads_it(
    cli: CliRun, open_session: sessionmaker[Session]
) -> None:
    cli("config", "set", "payment/banktransfer/active", "1", "--scope", "default")

    value = cli("config", "get", "payment/banktransfer/active").output

    assert value.strip() == "1"
    assert _stored(open_session) == {("default", 0, "payment/banktransfer/active", "1")}


def test_config_set_again_replaces_the_value(
    cli: CliRun, open_session: sessionmaker[Session]
) -> None:
    cli("config", "set", "carriers/flatrate/price", "7.50")
    cli("config", "set", "carriers/flatrate/price", "5.00")

    assert _stored(open_session) == {("default", 0, "carriers/flatrate/price", "5.00")}


def test_store_scope_wins_over_default_for_that_store_only(
    cli: CliRun, open_session: sessionmaker[Session]
) -> None:
    cli(
        "config", "set", "web/url/use_store", "1",
        "--scope", "stores", "--scope-code", "default",
    )  # fmt: skip

    in_store = cli("config", "get", "web/url/use_store", "--store", "default").output
    by_default = cli("config", "get", "web/url/use_store").output

    assert (in_store.strip(), by_default.strip()) == ("1", "0")
    assert _stored(open_session) == {("stores", 1, "web/url/use_store", "1")}


def test_website_scope_is_found_by_code(
    cli: CliRun, open_session: sessionmaker[Session]
) -> None:
    cli(
        "config", "set", "carriers/instore/active", "1",
        "--scope", "websites", "--scope-code", "base",
    )  # fmt: skip

    assert _stored(open_session) == {("websites", 1, "carriers/instore/active", "1")}


def test_config_list_shows_stored_values_with_scope_codes(cli: CliRun) -> None:
    cli("config", "set", "carriers/instore/active", "1")
    cli("config", "set", "a/b/c", "x", "--scope", "websites", "--scope-code", "base")

    output = cli("config", "list").output

    rows = [line.replace("│", " ").split() for line in output.splitlines()]
    assert ["default", "default", "carriers/instore/active", "1"] in rows
    assert ["websites", "base", "a/b/c", "x"] in rows


def test_config_set_refuses_bad_scopes_without_writing(
    cli: CliRun, open_session: sessionmaker[Session]
) -> None:
    unknown = cli("config", "set", "a/b/c", "1", "--scope", "planet", expect_exit=1)
    no_code = cli("config", "set", "a/b/c", "1", "--scope", "stores", expect_exit=1)
    bad_code = cli(
        "config", "set", "a/b/c", "1", "--scope", "websites", "--scope-code", "mars",
        expect_exit=1,
    )  # fmt: skip

    assert unknown.output.strip() == 'Error: The "planet" scope is not valid.'
    assert no_code.output.strip() == (
        'Error: "--scope-code" is required. Enter and try again.'
    )
    assert bad_code.output.strip() == 'Error: The "mars" scope code was not found.'
    assert _stored(open_session) == set()


def test_config_get_of_an_unknown_store_is_one_line(cli: CliRun) -> None:
    result = cli("config", "get", "a/b/c", "--store", "nowhere", expect_exit=1)

    assert result.output.strip() == 'Error: The "nowhere" scope code was not found.'
