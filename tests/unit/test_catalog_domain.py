"""Product rules that need no database."""

import ast
from decimal import Decimal
from pathlib import Path

import pytest

from sellable.catalog import domain
from sellable.catalog.errors import InvalidProduct

CATALOG = Path(domain.__file__).parent


def test_sellable_types_are_accepted_and_others_refused() -> None:
    for type_id in ("simple", "virtual", "downloadable"):
        domain.check_type(type_id)

    with pytest.raises(InvalidProduct) as error:
        domain.check_type("bundle")

    assert error.value.parameters == ["bundle", "simple, virtual, downloadable"]


@pytest.mark.parametrize(
    ("sku", "name", "price", "label"),
    [
        (None, "Bag", Decimal(1), "sku"),
        ("B1", "", Decimal(1), "Product Name"),
        ("B1", "Bag", None, "Price"),
    ],
)
def test_missing_required_attribute_is_named_as_magento_names_it(
    sku: str | None, name: str | None, price: Decimal | None, label: str
) -> None:
    with pytest.raises(InvalidProduct) as error:
        domain.check_required(sku, name, price)

    assert error.value.parameters == [label]


def test_zero_price_is_allowed_and_negative_refused() -> None:
    domain.check_not_negative(Decimal(0))

    with pytest.raises(InvalidProduct):
        domain.check_not_negative(Decimal("-0.01"))


def test_url_link_needs_an_http_url() -> None:
    domain.check_link(Decimal(1), 0, 0, "url", "https://example.com/a.mp4", None)

    with pytest.raises(InvalidProduct) as error:
        domain.check_link(Decimal(1), 0, 0, "url", "ftp://example.com/a", None)

    assert error.value.template == "Link URL must have valid format."


def test_source_status_follows_is_in_stock_or_else_the_quantity() -> None:
    assert domain.initial_source_status(True, Decimal(0)) == 1
    assert domain.initial_source_status(False, Decimal(5)) == 0
    assert domain.initial_source_status(None, Decimal(5)) == 1
    assert domain.initial_source_status(None, Decimal(0)) == 0


def test_domain_module_imports_no_framework() -> None:
    tree = ast.parse((CATALOG / "domain.py").read_text())
    imported = {
        (node.module or "").split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
    } | {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }

    assert not imported & {"fastapi", "sqlalchemy"}
