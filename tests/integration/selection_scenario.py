"""The 2.4 tutorial's sources, stock, links and source items, written as rows.

The inventory REST endpoints are built in parallel, so the source selection
and pickup tests set their data up through the models, from the fixtures.
"""

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from sellable.auth.service import issue_admin_token
from sellable.inventory.geonames import us_geoname_rows
from sellable.inventory.models import (
    Geoname,
    Source,
    SourceItem,
    Stock,
    StockSalesChannel,
    StockSourceLink,
)
from sellable.kit.settings import Settings

FIXTURES = Path(__file__).parents[1] / "fixtures" / "msi-tutorial" / "v2.4"
SOURCE_FIELDS = set(Source.__table__.columns.keys())


def fixture_step(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text())  # type: ignore[no-any-return]


def fixture_call(name: str, call_id: str) -> dict[str, Any]:
    return next(c for c in fixture_step(name)["calls"] if c["id"] == call_id)


def add_tutorial_sources(session: Session) -> None:
    """The eight sources of step 2, pickup attributes included."""
    for call in fixture_step("02-sources.json")["calls"]:
        if call["method"] != "POST":
            continue
        data = dict(call["body"]["source"])
        data.update(data.pop("extension_attributes", {}))
        for key in ("latitude", "longitude"):
            data[key] = Decimal(str(data[key]))
        session.add(Source(**{k: v for k, v in data.items() if k in SOURCE_FIELDS}))
    session.flush()


def add_us_stock(session: Session) -> int:
    """Stock 2 serving website `base`, linked to the sources as in step 4."""
    stock = Stock(name="US Stock")
    session.add(stock)
    session.flush()
    session.execute(delete(StockSalesChannel).where(StockSalesChannel.code == "base"))
    session.add(StockSalesChannel(type="website", code="base", stock_id=stock.stock_id))
    links = fixture_call("04-stock-source-links.json", "link-sources")["body"]["links"]
    for link in links:
        session.add(
            StockSourceLink(
                stock_id=stock.stock_id,
                source_code=link["source_code"],
                priority=link["priority"],
            )
        )
    session.flush()
    return stock.stock_id


def add_source_items(session: Session, step_file: str) -> None:
    """The source items as a step's `state_after` lists them."""
    for row in fixture_step(step_file)["state_after"]["source_items"]:
        if row["source_code"] == "default":
            continue
        session.add(
            SourceItem(
                source_code=row["source_code"],
                sku=row["sku"],
                quantity=Decimal(str(row["quantity"])),
                status=row["status"],
            )
        )
    session.flush()


def tutorial_inventory(session: Session, step_file: str) -> int:
    """Sources, stock, links and the source items after a step; the stock id."""
    add_tutorial_sources(session)
    stock_id = add_us_stock(session)
    add_source_items(session, step_file)
    return stock_id


def admin_headers_for(session: Session, settings: Settings) -> dict[str, str]:
    """An admin bearer header issued by the auth service itself."""
    token = issue_admin_token(session, settings, "admin", settings.admin_password)
    return {"Authorization": f"Bearer {token}"}


def add_geonames(session: Session, regions: set[str]) -> None:
    """The packaged US geonames of a few states only: quicker than a full import."""
    rows = [row for row in us_geoname_rows() if row["region"] in regions]
    session.execute(insert(Geoname), rows)
    session.flush()
