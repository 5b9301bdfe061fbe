"""ISO 3166 country codes, read from pycountry's shipped data."""

from functools import cache

import pycountry

from sellable.kit.errors import InputError


@cache
def country_codes() -> frozenset[str]:
    """Every two-letter country code Magento's directory could allow."""
    return frozenset(country.alpha_2 for country in pycountry.countries)


def check_country(code: str | None, field: str = "countryId") -> str:
    """The code in upper case, or a 400 naming the field when it is no country."""
    upper = (code or "").strip().upper()
    if upper not in country_codes():
        raise InputError(
            'Invalid value of "%value" provided for the %fieldName field.',
            {"value": code or "", "fieldName": field},
        )
    return upper
