"""`sellable product assign-websites`."""

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sellable.catalog.models import Product
from tests.conftest import CliRun

SKUS = ["24-WB01", "24-WB03", "240-LV06"]


def _website_ids(open_session: sessionmaker[Session]) -> dict[str, list[int]]:
    with open_session() as session:
        products = session.scalars(select(Product).where(Product.sku.in_(SKUS)))
        return {p.sku: [link.website_id for link in p.websites] for p in products}


def test_assign_websites_adds_every_sku_to_every_website(
    cli: CliRun, open_session: sessionmaker[Session]
) -> None:
    cli("website", "create", "na_site", "North America Site")
    cli("website", "create", "eu_site", "Europe Site")

    cli(
        "product", "assign-websites", *SKUS,
        "--website", "na_site", "--website", "eu_site",
    )  # fmt: skip

    assert _website_ids(open_session) == {sku: [1, 2, 3] for sku in SKUS}


def test_assign_websites_twice_changes_nothing(
    cli: CliRun, open_session: sessionmaker[Session]
) -> None:
    cli("website", "create", "na_site", "North America Site")
    cli("product", "assign-websites", "24-WB01", "--website", "na_site")

    cli("product", "assign-websites", "24-WB01", "--website", "na_site")

    assert _website_ids(open_session)["24-WB01"] == [1, 2]


def test_assign_websites_refuses_an_unknown_website_and_writes_nothing(
    cli: CliRun, open_session: sessionmaker[Session]
) -> None:
    result = cli(
        "product", "assign-websites", "24-WB01", "--website", "moon", expect_exit=1
    )

    assert result.output.startswith("Error: ")
    assert len(result.output.strip().splitlines()) == 1
    assert _website_ids(open_session)["24-WB01"] == [1]


def test_assign_websites_refuses_an_unknown_sku_and_writes_nothing(
    cli: CliRun, open_session: sessionmaker[Session]
) -> None:
    result = cli(
        "product", "assign-websites", "24-WB01", "NOPE", "--website", "base",
        expect_exit=1,
    )  # fmt: skip

    assert result.output.startswith("Error: ")
    assert len(result.output.strip().splitlines()) == 1
