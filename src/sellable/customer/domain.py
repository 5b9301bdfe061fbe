"""Customer account rules: password strength, email shape, required values."""

import re

from sellable.customer.errors import (
    EmailMissing,
    InvalidEmail,
    RequiredValue,
    WeakPassword,
)
from sellable.kit.countries import check_country
from sellable.kit.errors import InputError, SellableError, required_field

MIN_PASSWORD_LENGTH = 8
REQUIRED_CHARACTER_CLASSES = 3
MAX_PASSWORD_LENGTH = 256

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_CLASSES = (r"[0-9]", r"[a-z]", r"[A-Z]", r"[^a-zA-Z0-9]")

# Where Magento leaves the postcode optional (general/country/optional_zip_countries).
OPTIONAL_POSTCODE_COUNTRIES = frozenset({"HK", "IE", "MO", "PA", "GB"})


def character_classes(password: str) -> int:
    """How many of lower case, upper case, digits and other characters appear."""
    return sum(1 for pattern in _CLASSES if re.search(pattern, password))


def check_password(
    password: str,
    email: str | None,
    min_length: int = MIN_PASSWORD_LENGTH,
    required_classes: int = REQUIRED_CHARACTER_CLASSES,
) -> None:
    """Magento's password strength rules, in Magento's order."""
    if len(password) > MAX_PASSWORD_LENGTH:
        raise WeakPassword(
            "Please enter a password with at most %1 characters.", [MAX_PASSWORD_LENGTH]
        )
    if len(password) < min_length:
        raise WeakPassword(
            "The password needs at least %1 characters. "
            "Create a new password and try again.",
            [min_length],
        )
    if password.strip() != password:
        raise WeakPassword(
            "The password can't begin or end with a space. "
            "Verify the password and try again."
        )
    if character_classes(password) < required_classes:
        raise WeakPassword(
            "Minimum of different classes of characters in password is %1. Classes of "
            "characters: Lower Case, Upper Case, Digits, Special Characters.",
            [required_classes],
        )
    if email and password.lower() == email.strip().lower():
        raise WeakPassword(
            "The password can't be the same as the email address. "
            "Create a new password and try again."
        )


def is_valid_email(email: str) -> bool:
    return bool(_EMAIL.match(email))


def check_account(
    email: str | None, firstname: str | None, lastname: str | None
) -> None:
    """The values every customer account needs."""
    if not (firstname or "").strip():
        raise RequiredValue("First Name")
    if not (lastname or "").strip():
        raise RequiredValue("Last Name")
    if not (email or "").strip():
        raise EmailMissing()
    if not is_valid_email(str(email).strip()):
        raise InvalidEmail()


def check_address(values: dict[str, object]) -> None:
    """An address book entry's required fields (Magento's field names)."""
    required = ["firstname", "lastname", "street", "city", "telephone"]
    country = str(values.get("country_id") or "").upper()
    if country not in OPTIONAL_POSTCODE_COUNTRIES:
        required.append("postcode")
    missing = [name for name in required if not _filled(values.get(name))]
    if not country:
        missing.append("countryId")
    else:
        check_country(country)
    _raise_all([required_field(name) for name in missing])


def _filled(value: object) -> bool:
    if isinstance(value, list):
        return any(str(line).strip() for line in value)
    return bool(str(value or "").strip())


def _raise_all(errors: list[SellableError]) -> None:
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputError("One or more input exceptions have occurred.", errors=errors)
