"""Customer account rules: passwords, emails, required values, addresses."""

import ast
from pathlib import Path

import pytest

from sellable.customer import domain
from sellable.customer.errors import EmailMissing, InvalidEmail, RequiredValue
from sellable.kit.errors import InputError


@pytest.mark.parametrize(
    ("password", "classes"),
    [("password", 1), ("Password", 2), ("Password1", 3), ("Pass word1!", 4)],
)
def test_character_classes_are_counted(password: str, classes: int) -> None:
    assert domain.character_classes(password) == classes


def test_the_tutorial_password_is_strong_enough() -> None:
    domain.check_password("Password1", "jdoe@example.com")


@pytest.mark.parametrize(
    ("password", "start"),
    [
        ("Pa1", "The password needs at least %1 characters."),
        (" Password1", "The password can't begin or end with a space."),
        ("password1", "Minimum of different classes of characters"),
        ("x" * 257, "Please enter a password with at most %1 characters."),
        ("Jdoe@example.com", "The password can't be the same as the email address."),
    ],
)
def test_weak_passwords_are_refused_with_magentos_message(
    password: str, start: str
) -> None:
    with pytest.raises(InputError) as raised:
        domain.check_password(password, "jdoe@example.com")

    assert raised.value.template.startswith(start)


def test_the_length_rule_comes_from_configuration() -> None:
    with pytest.raises(InputError) as raised:
        domain.check_password("Password1", None, min_length=12)

    assert raised.value.parameters == [12]


@pytest.mark.parametrize(
    ("email", "valid"),
    [("jdoe@example.com", True), ("jdoe.example.com", False), ("a@b", False)],
)
def test_email_shape(email: str, valid: bool) -> None:
    assert domain.is_valid_email(email) is valid


def test_account_needs_names_then_an_email() -> None:
    with pytest.raises(RequiredValue):
        domain.check_account("jdoe@example.com", "", "Doe")
    with pytest.raises(EmailMissing):
        domain.check_account(None, "Jane", "Doe")
    with pytest.raises(InvalidEmail):
        domain.check_account("nope", "Jane", "Doe")


def test_an_address_lists_every_missing_field() -> None:
    with pytest.raises(InputError) as raised:
        domain.check_address({"firstname": "Jane", "street": [""], "country_id": "US"})

    names = [e.parameters for e in raised.value.errors]
    assert names == [
        {"fieldName": name}
        for name in ["lastname", "street", "city", "telephone", "postcode"]
    ]


def test_irish_addresses_need_no_postcode() -> None:
    domain.check_address(
        {
            "firstname": "Jane",
            "lastname": "Doe",
            "street": ["1 Main St"],
            "city": "Dublin",
            "telephone": "1",
            "country_id": "IE",
        }
    )


def test_the_domain_module_imports_no_framework() -> None:
    source = Path(domain.__file__).read_text()
    imported = {
        (node.module or "").split(".")[0]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom)
    } | {
        alias.name.split(".")[0]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Import)
        for alias in node.names
    }

    assert not imported & {"fastapi", "sqlalchemy", "pydantic"}
