from sqlalchemy import select
from sqlalchemy.orm import Session

from sellable.inventory.models import SourceItem, StockSalesChannel
from sellable.inventory.salability import salable_quantities
from sellable.store.models import StoreView


def test_fresh_database_has_default_scope_and_sample_stock(session: Session) -> None:
    codes = set(session.scalars(select(StoreView.code)))
    channel = session.get(StockSalesChannel, ("website", "base"))
    default_rows = session.scalars(
        select(SourceItem).where(SourceItem.source_code == "default")
    ).all()

    assert codes == {"admin", "default"}
    assert channel is not None and channel.stock_id == 1
    assert {row.sku: int(row.quantity) for row in default_rows} == {
        "24-WB01": 100,
        "24-WB03": 100,
        "240-LV06": 100,
    }
    assert salable_quantities(session, 1, ["24-WB01"])["24-WB01"] == 100
