"""`sellable website|store-group|store-view create` and `store list`."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sellable.store.models import StoreGroup, StoreView, Website
from tests.conftest import CliRun


def test_website_create_answers_the_new_id_and_stores_the_row(
    cli: CliRun, open_session: sessionmaker[Session]
) -> None:
    result = cli("website", "create", "na_site", "North America Site")

    assert result.output.strip() == "Created website na_site: id 2"
    with open_session() as session:
        website = session.scalar(select(Website).where(Website.code == "na_site"))
    assert website is not None
    assert (website.website_id, website.name) == (2, "North America Site")


def test_store_group_and_view_hang_under_their_website(
    cli: CliRun, open_session: sessionmaker[Session]
) -> None:
    cli("website", "create", "eu_site", "Europe Site")

    group = cli(
        "store-group", "create", "eu_store", "Europe Store",
        "--website", "eu_site", "--root-category", "Default Category",
    )  # fmt: skip
    view = cli(
        "store-view", "create", "de", "Germany Store View",
        "--store-group", "eu_store", "--inactive",
    )  # fmt: skip

    assert group.output.strip() == "Created store group eu_store: id 2"
    assert view.output.strip() == "Created store view de: id 2"
    with open_session() as session:
        website = session.scalar(select(Website).where(Website.code == "eu_site"))
        store_group = session.get(StoreGroup, 2)
        store_view = session.get(StoreView, 2)
        assert website is not None and store_group and store_view
        assert store_group.website_id == website.website_id
        assert store_group.root_category_id == 2
        assert (store_view.website_id, store_view.group_id) == (website.website_id, 2)
        assert store_view.is_active == 0
        assert website.default_group_id == 2
        assert store_group.default_store_id == 2


def test_store_list_shows_the_tree(cli: CliRun) -> None:
    cli("website", "create", "na_site", "North America Site")
    cli(
        "store-group",
        "create",
        "na_store",
        "North America Store",
        "--website",
        "na_site",
    )
    cli("store-view", "create", "us", "US Store View", "--store-group", "na_store")

    output = cli("store", "list").output

    lines = [line.strip("│├└─ ") for line in output.splitlines()]
    assert lines[lines.index("website 2 na_site") + 1] == "group 2 na_store"
    assert lines[lines.index("group 2 na_store") + 1] == "view 2 us"
    assert "view 1 default" in lines


def test_website_list_shows_id_code_name_and_default_group(cli: CliRun) -> None:
    cli("website", "create", "na_site", "North America Site")

    output = cli("website", "list").output

    rows = [line.strip("│ ").split("│") for line in output.splitlines()]
    cells = [[cell.strip() for cell in row] for row in rows]
    assert ["1", "base", "Main Website", "1"] in cells
    assert ["2", "na_site", "North America Site", "0"] in cells


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("9lives", "may contain only letters"),
        ("na-site", "may contain only letters"),
        ("a" * 33, "is longer than 32 characters"),
        ("base", 'A website with the code "base" already exists.'),
    ],
)
def test_website_create_refuses_a_bad_code_in_one_line(
    cli: CliRun, open_session: sessionmaker[Session], code: str, message: str
) -> None:
    result = cli("website", "create", code, "Name", expect_exit=1)

    assert result.output.startswith("Error: ")
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    with open_session() as session:
        assert len(session.scalars(select(Website)).all()) == 2


def test_store_group_needs_an_existing_website(cli: CliRun) -> None:
    result = cli(
        "store-group", "create", "x_store", "X", "--website", "nowhere", expect_exit=1
    )

    assert result.output.strip() == (
        'Error: The website with code "nowhere" was not found.'
    )


def test_store_view_needs_an_existing_store_group(
    cli: CliRun, open_session: sessionmaker[Session]
) -> None:
    result = cli(
        "store-view", "create", "us", "US", "--store-group", "no", expect_exit=1
    )

    assert 'store group with code "no" was not found' in result.output
    with open_session() as session:
        codes = set(session.scalars(select(StoreView.code)))
    assert codes == {"admin", "default"}


def test_store_view_code_must_be_unique(cli: CliRun) -> None:
    result = cli(
        "store-view", "create", "default", "Again",
        "--store-group", "main_website_store", expect_exit=1,
    )  # fmt: skip

    assert 'A store view with the code "default" already exists.' in result.output


def test_store_group_refuses_an_unknown_root_category(cli: CliRun) -> None:
    result = cli(
        "store-group", "create", "x_store", "X", "--website", "base",
        "--root-category", "Shoes", expect_exit=1,
    )  # fmt: skip

    assert 'The root category "Shoes" was not found.' in result.output
