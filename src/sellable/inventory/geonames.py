"""Offline geocodes: import postcodes with coordinates, look addresses up."""

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import structlog
from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from sellable.inventory.models import Geoname
from sellable.inventory.us_regions import NAME_BY_CODE, us_region_name
from sellable.kit.errors import InputError

log = structlog.get_logger(__name__)

LatLng = tuple[float, float]

BATCH_SIZE = 5000


def import_geonames(session: Session, country_code: str) -> int:
    """Replace the country's geonames with the packaged data; returns rows imported."""
    country = country_code.strip().upper()
    if country != "US":
        raise InputError(
            'Geonames for country "%1" are not available offline.', [country_code]
        )

    session.execute(delete(Geoname).where(Geoname.country_code == country))
    imported = 0
    for batch in _batches(us_geoname_rows()):
        session.execute(insert(Geoname), batch)
        imported += len(batch)
    session.flush()
    log.info("geonames.imported", country_code=country, rows=imported)
    return imported


def us_geoname_rows() -> Iterator[dict[str, Any]]:
    """US ZIP codes with coordinates from the `zipcodes` package (no network)."""
    import zipcodes

    for entry in zipcodes.list_all():
        latitude, longitude = entry.get("lat"), entry.get("long")
        if not latitude or not longitude or float(latitude) == 0.0:
            continue
        yield {
            "country_code": "US",
            "postcode": entry["zip_code"],
            "city": entry["city"][:180],
            "region": NAME_BY_CODE.get(entry["state"], entry["state"])[:100],
            "province": (entry.get("county") or "")[:64],
            "latitude": Decimal(latitude),
            "longitude": Decimal(longitude),
        }


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch


def geocode(
    session: Session,
    country: str,
    postcode: str | None = None,
    city: str | None = None,
    region: str | None = None,
) -> LatLng | None:
    """Coordinates of an address: by postcode, else city, else region."""
    country_code = (country or "").strip().upper()
    region_name = us_region_name(region) if region else ""
    conditions = (
        Geoname.postcode == (postcode or "").strip() if postcode else None,
        func.lower(Geoname.city) == city.strip().lower() if city else None,
        func.lower(Geoname.region) == region_name.lower() if region_name else None,
    )
    for condition in conditions:
        if condition is None:
            continue
        found = session.execute(
            select(Geoname.latitude, Geoname.longitude)
            .where(Geoname.country_code == country_code, condition)
            .order_by(Geoname.entity_id)
            .limit(1)
        ).first()
        if found is not None:
            return float(found[0]), float(found[1])
    return None
