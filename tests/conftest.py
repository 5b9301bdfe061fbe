"""Shared fixtures: a fresh database per test on SQLite and on PostgreSQL.

Each backend gets a template database built once per session by Alembic and
the first-start bootstrap; every test then starts from a copy of it (a file
copy on SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL).
"""

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from sellable.app import create_app
from sellable.bootstrap import bootstrap
from sellable.kit import migrations
from sellable.kit.database import make_engine, make_session_factory, unit_of_work
from sellable.kit.settings import Settings

ADMIN_PASSWORD = "Tutorial-Admin-1"
PG_SERVER = os.environ.get("SELLABLE_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
BACKENDS = ["sqlite", "postgresql"]


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
def client(app: FastAPI) -> TestClient:
    return TestClient(app)


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
