"""Offline geonames: the packaged US import and geocoding an address."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellable.inventory.geonames import geocode, import_geonames
from sellable.inventory.models import Geoname
from sellable.kit.errors import InputError


def test_import_loads_us_postcodes_and_a_reimport_replaces_them(
    session: Session,
) -> None:
    first = import_geonames(session, "us")
    second = import_geonames(session, "US")

    stored = session.scalar(select(func.count()).select_from(Geoname))
    mineola = session.scalars(select(Geoname).where(Geoname.postcode == "11501")).one()
    assert first == second == stored
    assert first > 40_000
    assert (mineola.city, mineola.region, mineola.country_code) == (
        "Mineola",
        "New York",
        "US",
    )


def test_geocodes_by_postcode_then_city_then_region(session: Session) -> None:
    import_geonames(session, "us")

    by_postcode = geocode(session, "US", postcode="11501", city="Elsewhere")
    by_city = geocode(session, "us", postcode="99999-0", city="new york")
    by_region_id = geocode(session, "US", region="43")
    by_region_code = geocode(session, "US", region="NY")

    assert by_postcode == (40.7469, -73.6398)
    assert by_city == (40.7484, -73.9967)
    assert by_region_id is not None and by_region_id == by_region_code
    assert geocode(session, "US", city="Atlantis") is None
    assert geocode(session, "DE", postcode="11501") is None


def test_countries_without_packaged_data_are_refused(session: Session) -> None:
    with pytest.raises(InputError):
        import_geonames(session, "de")
