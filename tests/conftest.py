"""Shared fixtures: a fresh database per test on SQLite and on PostgreSQL.

Each backend gets a template database built once per session by Alembic and
the first-start bootstrap; every test then starts from a copy of it (a file
copy on SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL).
"""

import os
import re
import shutil
import traceback
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner, Result

from sellable.app import create_app
from sellable.bootstrap import bootstrap
from sellable.cli import app as cli_app
from sellable.kit import migrations
from sellable.kit.database import make_engine, make_session_factory, unit_of_work
from sellable.kit.settings import Settings

ADMIN_PASSWORD = "Tutorial-Admin-1"
PG_SERVER = os.environ.get("SELLABLE_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
BACKENDS = ["sqlite", "postgresql"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--strict-ssa-body",
        action="store_true",
        default=False,
        help="Also compare source-selection responses with Magento 2.4's rows.",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "postgresql_only: runs on PostgreSQL alone (row locks, real parallel writers)",
    )


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Leave out the SQLite run of PostgreSQL-only tests, rather than skip it."""
    kept, dropped = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        backend = callspec.params.get("backend") if callspec else None
        pg_only = item.get_closest_marker("postgresql_only") is not None
        (dropped if pg_only and backend == "sqlite" else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def _pg_admin() -> psycopg.Connection:
    return psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True)


def _sqlalchemy_pg_url(name: str) -> str:
    return PG_SERVER.replace("postgresql://", "postgresql+psycopg://", 1) + f"/{name}"


def _build_template(url: str) -> None:
    migrations.upgrade(url)
    settings = Settings(database_url=url, admin_password=ADMIN_PASSWORD)
    engine = make_engine(url)
    with unit_of_work(make_session_factory(engine)) as session:
        bootstrap(session, settings)
    engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    _build_template(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgresql_template() -> Iterator[str]:
    name = f"sellable_tmpl_{_worker()}_{uuid.uuid4().hex[:6]}"
    with _pg_admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    _build_template(_sqlalchemy_pg_url(name))
    yield name
    with _pg_admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database_url(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[str]:
    """A fresh, migrated and bootstrapped database for one test."""
    if backend == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "sellable.sqlite3"
        shutil.copyfile(template, path)
        yield f"sqlite:///{path}"
        return
    template_name: str = request.getfixturevalue("postgresql_template")
    name = f"sellable_test_{uuid.uuid4().hex[:10]}"
    with _pg_admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_name}"')
    yield _sqlalchemy_pg_url(name)
    with _pg_admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def admin_password() -> str:
    return ADMIN_PASSWORD


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        database_url=database_url,
        admin_password=ADMIN_PASSWORD,
        data_dir=tmp_path / "data",
        run_outbox_worker=False,
    )


@pytest.fixture
def app(settings: Settings) -> Iterator[FastAPI]:
    application = create_app(settings)
    yield application
    application.state.engine.dispose()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """An httpx.Client bound to the app (its lifespan runs around the test)."""
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def session_factory(app: FastAPI) -> sessionmaker[Session]:
    return app.state.session_factory  # type: ignore[no-any-return]


@pytest.fixture
def session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    """A unit of work for service-level tests; committed when the test passes."""
    with unit_of_work(session_factory) as db:
        yield db


@pytest.fixture
def admin_token(client: TestClient) -> str:
    response = client.post(
        "/rest/all/V1/integration/admin/token",
        json={"username": "admin", "password": ADMIN_PASSWORD},
    )
    assert response.status_code == 200, response.text
    return str(response.json())


@pytest.fixture
def admin_headers(admin_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {admin_token}"}


CliRun = Callable[..., Result]
# Magento CLI commands the tutorial runs, and what sellable runs instead.
MAGENTO_COMMANDS = {
    "indexer:reindex": ["indexer", "reindex"],
    "cache:flush": ["cache", "flush"],
    "inventory-geonames:import": ["geonames", "import"],
}


def cli_for(database_url: str, data_dir: Path, **env: str) -> CliRun:
    """`sellable ARGS...` against one database; asserts the exit code."""
    environment = {
        "SELLABLE_DATABASE_URL": database_url,
        "SELLABLE_DATA_DIR": str(data_dir),
        "SELLABLE_ADMIN_PASSWORD": ADMIN_PASSWORD,
        **env,
    }

    def run(*args: str, expect_exit: int = 0) -> Result:
        result = CliRunner().invoke(cli_app, list(args), env=environment)
        assert result.exit_code == expect_exit, _explain(args, result)
        return result

    return run


def _explain(args: tuple[str, ...], result: Result) -> str:
    failure = f"sellable {' '.join(args)} exited {result.exit_code}:\n{result.output}"
    if result.exc_info and not isinstance(result.exception, SystemExit):
        failure += "".join(traceback.format_exception(*result.exc_info))
    return failure


@pytest.fixture
def cli(database_url: str, tmp_path: Path) -> CliRun:
    """The real CLI on the test database (data dir `<tmp_path>/data`)."""
    return cli_for(database_url, tmp_path / "data")


@pytest.fixture
def empty_database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A database with no tables at all, for migrate and first-start tests."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    name = f"sellable_empty_{uuid.uuid4().hex[:10]}"
    with _pg_admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield _sqlalchemy_pg_url(name)
    with _pg_admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def open_session(database_url: str) -> Iterator[sessionmaker[Session]]:
    """Short sessions on the test database, for checks between CLI runs."""
    engine = make_engine(database_url)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def apply_setup(cli: CliRun) -> Callable[[dict[str, Any]], None]:
    """Apply one tutorial `setup` entry by running the real sellable CLI."""

    def apply(entry: dict[str, Any]) -> None:
        for args in _setup_commands(entry):
            result = cli(*args)
            if "expected_id" in entry:
                assert _answered_id(result.output) == entry["expected_id"], entry

    return apply


def _setup_commands(entry: dict[str, Any]) -> list[list[str]]:
    kind = entry["kind"]
    if kind == "cli":
        return [_magento_command(part) for part in entry["command"].split("&&")]
    builders: dict[str, Callable[[dict[str, Any]], list[str]]] = {
        "config": _config_command,
        "website": lambda e: ["website", "create", e["code"], e["name"]],
        "store_group": _store_group_command,
        "store_view": _store_view_command,
        "product_websites": _product_websites_command,
        "cart_price_rule": _cart_price_rule_command,
    }
    if kind not in builders:
        raise AssertionError(f"unknown setup kind {kind!r}: {entry}")
    return [builders[kind](entry)]


def _magento_command(command: str) -> list[str]:
    words = command.split()
    assert words[0] == "bin/magento", command
    return MAGENTO_COMMANDS[words[1]] + words[2:]


def _config_value(value: Any) -> str:
    if isinstance(value, bool):
        return str(int(value))
    return str(value)


def _config_command(entry: dict[str, Any]) -> list[str]:
    args = ["config", "set", entry["path"], _config_value(entry["value"])]
    args += ["--scope", entry.get("scope", "default")]
    if entry.get("scope_code"):
        args += ["--scope-code", entry["scope_code"]]
    return args


def _store_group_command(entry: dict[str, Any]) -> list[str]:
    args = ["store-group", "create", entry["code"], entry["name"]]
    args += ["--website", entry["website"]]
    if entry.get("root_category"):
        args += ["--root-category", entry["root_category"]]
    return args


def _store_view_command(entry: dict[str, Any]) -> list[str]:
    active = "--active" if entry.get("is_active", 1) else "--inactive"
    return [
        "store-view", "create", entry["code"], entry["name"],
        "--store-group", entry["store_group"], active,
    ]  # fmt: skip


def _product_websites_command(entry: dict[str, Any]) -> list[str]:
    args = ["product", "assign-websites", *entry["skus"]]
    for code in entry["website_codes"]:
        args += ["--website", code]
    return args


def _cart_price_rule_command(entry: dict[str, Any]) -> list[str]:
    changes = dict(entry["set"])
    assert set(changes) == {"is_active"}, f"unsupported rule change: {entry}"
    verb = "enable" if changes["is_active"] else "disable"
    return ["sales-rule", verb, str(entry["rule_id"])]


def _answered_id(output: str) -> int:
    match = re.search(r": id (\d+)$", output.strip(), re.MULTILINE)
    assert match is not None, output
    return int(match.group(1))
