"""Creating, changing and finding sources (warehouses and stores)."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellable.inventory.errors import (
    SourceNotFound,
    ValidationFailed,
    validation_failed,
)
from sellable.inventory.models import Source
from sellable.inventory.schemas import SourceData
from sellable.inventory.serializers import PICKUP_FIELDS, SOURCE_FIELDS
from sellable.inventory.source_rules import source_problems
from sellable.kit.errors import InputError
from sellable.kit.logging import get_logger
from sellable.kit.search_criteria import SearchCriteria, search

log = get_logger(__name__)

SOURCE_COLUMNS = {name: getattr(Source, name) for name in SOURCE_FIELDS + PICKUP_FIELDS}
NOT_NULL = ("enabled", "use_default_carrier_config", "is_pickup_location_active")
DEFAULTS = {
    "enabled": True,
    "use_default_carrier_config": True,
    "is_pickup_location_active": False,
}


def get_source(session: Session, source_code: str) -> Source:
    """The source with this code, or SourceNotFound."""
    source = session.get(Source, source_code)
    if source is None:
        raise SourceNotFound(source_code)
    return source


def list_sources(
    session: Session, criteria: SearchCriteria
) -> tuple[list[Source], int]:
    return search(session, select(Source), criteria, SOURCE_COLUMNS, Source.source_code)


def save_source(session: Session, data: SourceData) -> Source:
    """Create the source, or update the one with the same code (Magento upserts)."""
    existing = session.get(Source, data.source_code) if data.source_code else None
    return _write(session, existing, _given(data))


def update_source(session: Session, source_code: str, data: SourceData) -> Source:
    """Change an existing source; its code can never change."""
    existing = get_source(session, source_code)
    if data.source_code not in (None, source_code):
        raise InputError(
            'The source code "%1" cannot be changed to "%2".',
            [source_code, data.source_code],
        )
    return _write(session, existing, {**_given(data), "source_code": source_code})


def _given(data: SourceData) -> dict[str, Any]:
    """The fields the caller sent (extension attributes flattened)."""
    given = data.model_dump(
        exclude_unset=True, exclude={"extension_attributes", "carrier_links"}
    )
    if data.extension_attributes is not None:
        given |= data.extension_attributes.model_dump(exclude_unset=True)
    return {k: v for k, v in given.items() if not (k in NOT_NULL and v is None)}


def _write(session: Session, existing: Source | None, given: dict[str, Any]) -> Source:
    current = _fields(existing) if existing is not None else dict(DEFAULTS)
    merged = current | given
    if not merged.get("frontend_name"):
        merged["frontend_name"] = merged.get("name")
    validation_failed(source_problems(merged))
    _check_name_free(session, merged)

    source = existing or Source(source_code=merged["source_code"])
    for name, value in merged.items():
        setattr(source, name, value)
    if existing is None:
        session.add(source)
    session.flush()
    log.info("source_saved", source_code=source.source_code, created=existing is None)
    return source


def _fields(source: Source) -> dict[str, Any]:
    return {name: getattr(source, name) for name in SOURCE_COLUMNS}


def _check_name_free(session: Session, merged: dict[str, Any]) -> None:
    """Magento keeps source names unique."""
    taken = session.scalar(
        select(Source.source_code).where(
            Source.name == merged["name"], Source.source_code != merged["source_code"]
        )
    )
    if taken is not None:
        raise ValidationFailed(
            [('Name "%value" already exists.', {"value": merged["name"]})],
            "Could not save Source",
        )
