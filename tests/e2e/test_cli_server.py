"""`sellable migrate`, `bootstrap` and `sample-data install` on an empty database."""

import re
from pathlib import Path

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from sellable.auth.models import AdminUser
from sellable.catalog.models import Product
from sellable.inventory.models import SourceItem
from sellable.kit.database import make_engine
from sellable.kit.security import verify_password
from sellable.salesrule.models import SalesRule
from sellable.store.models import Website
from tests.conftest import cli_for


def test_migrate_creates_the_schema(empty_database_url: str, tmp_path: Path) -> None:
    cli = cli_for(empty_database_url, tmp_path / "data")

    result = cli("migrate")

    assert result.output.strip() == "Database schema is up to date."
    engine = make_engine(empty_database_url)
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert {"store_website", "inventory_source_item", "alembic_version"} <= tables


def test_bootstrap_prints_a_generated_admin_password_once(
    empty_database_url: str, tmp_path: Path
) -> None:
    cli = cli_for(empty_database_url, tmp_path / "data", SELLABLE_ADMIN_PASSWORD="")
    cli("migrate")

    first = cli("bootstrap").output
    second = cli("bootstrap").output

    match = re.search(r"^Admin password: (\S+)$", first, re.MULTILINE)
    assert match is not None, first
    assert "Admin password" not in second
    assert "already bootstrapped" in second
    engine = make_engine(empty_database_url)
    with Session(engine) as session:
        admin = session.scalar(select(AdminUser).where(AdminUser.username == "admin"))
    engine.dispose()
    assert admin is not None
    assert verify_password(admin.password_hash, match.group(1))


def test_bootstrap_with_a_set_password_prints_none(
    empty_database_url: str, tmp_path: Path
) -> None:
    cli = cli_for(empty_database_url, tmp_path / "data")
    cli("migrate")

    output = cli("bootstrap").output

    assert "Admin password" not in output
    assert "Installed the sample data." in output


def test_sample_data_install_after_a_bare_first_start(
    empty_database_url: str, tmp_path: Path
) -> None:
    cli = cli_for(empty_database_url, tmp_path / "data", SELLABLE_SAMPLE_DATA="0")
    cli("migrate")
    cli("bootstrap")
    engine = make_engine(empty_database_url)
    with Session(engine) as session:
        assert session.scalars(select(Product)).all() == []

    cli("sample-data", "install")
    again = cli("sample-data", "install", expect_exit=1)

    with Session(engine) as session:
        stock = {
            row.sku: int(row.quantity)
            for row in session.scalars(select(SourceItem))
            if row.source_code == "default"
        }
        base = session.scalar(select(Website).where(Website.code == "base"))
        rules = session.scalars(select(SalesRule)).all()
        assert base is not None
        assert stock == {"24-WB01": 100, "24-WB03": 100, "240-LV06": 100}
        assert [r.rule_id for r in rules] == [1, 2, 3, 4]
        assert all(
            [w.website_id for w in r.websites] == [base.website_id] for r in rules
        )
    engine.dispose()
    assert again.output.strip() == (
        "Error: The sample data is already installed (product 24-WB01 exists)."
    )


def test_a_broken_database_url_is_a_one_line_error(tmp_path: Path) -> None:
    cli = cli_for("postgresql+psycopg://nobody@127.0.0.1:1/none", tmp_path / "data")

    result = cli("website", "list", expect_exit=1)

    assert result.output.startswith("Error: database error: ")
    assert len(result.output.strip().splitlines()) == 1
