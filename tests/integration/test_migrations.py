"""The Alembic migrations build exactly the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from sellable.kit import migrations
from sellable.kit.database import make_engine
from sellable.models import metadata


def test_migrated_schema_matches_the_models(empty_database_url: str) -> None:
    migrations.upgrade(empty_database_url)
    engine = make_engine(empty_database_url)

    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = compare_metadata(context, metadata)
    engine.dispose()

    assert differences == []


def test_downgrade_removes_every_table(empty_database_url: str) -> None:
    migrations.upgrade(empty_database_url)

    migrations.downgrade(empty_database_url)

    engine = make_engine(empty_database_url)
    tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
    engine.dispose()
    assert tables == set()
