"""Stocks and the sales channels (websites) each one serves."""

from collections.abc import Iterable, Sequence

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from sellable.inventory.domain import (
    DEFAULT_STOCK_ID,
    WEBSITE_CHANNEL,
    Problem,
    is_blank,
)
from sellable.inventory.errors import (
    NoLinkedStock,
    StockNotDeletable,
    StockNotFound,
    StockToDeleteNotFound,
    validation_failed,
)
from sellable.inventory.models import Stock, StockSalesChannel, StockSourceLink
from sellable.inventory.schemas import SalesChannelData, StockData
from sellable.kit.logging import get_logger
from sellable.kit.search_criteria import SearchCriteria, search
from sellable.store.models import Website

log = get_logger(__name__)

STOCK_COLUMNS = {"stock_id": Stock.stock_id, "name": Stock.name}
Channel = tuple[str, str]


def get_stock(session: Session, stock_id: int) -> Stock:
    """The stock with this id, or StockNotFound."""
    stock = session.get(Stock, stock_id)
    if stock is None:
        raise StockNotFound(parameters={"value": stock_id})
    return stock


def list_stocks(session: Session, criteria: SearchCriteria) -> tuple[list[Stock], int]:
    return search(session, select(Stock), criteria, STOCK_COLUMNS, Stock.stock_id)


def channels_of(session: Session, stock_ids: Iterable[int]) -> dict[int, list[Channel]]:
    """The sales channels of each stock, as (type, code) pairs."""
    rows = session.execute(
        select(
            StockSalesChannel.stock_id, StockSalesChannel.type, StockSalesChannel.code
        )
        .where(StockSalesChannel.stock_id.in_(set(stock_ids)))
        .order_by(StockSalesChannel.type, StockSalesChannel.code)
    ).all()
    found: dict[int, list[Channel]] = {}
    for stock_id, kind, code in rows:
        found.setdefault(stock_id, []).append((kind, code))
    return found


def save_stock(session: Session, data: StockData) -> int:
    """Create a stock, or update the one whose stock_id is given; answer its id."""
    if data.stock_id:
        return update_stock(session, data.stock_id, data)
    channels = _checked(session, data)
    stock = Stock(name=(data.name or "").strip())
    session.add(stock)
    session.flush()
    if channels is not None:
        replace_channels(session, stock.stock_id, channels)
    log.info("stock_created", stock_id=stock.stock_id)
    return stock.stock_id


def update_stock(session: Session, stock_id: int, data: StockData) -> int:
    """Rename a stock and, when sales channels are given, replace them."""
    stock = get_stock(session, stock_id)
    channels = _checked(session, data)
    stock.name = (data.name or "").strip()
    session.flush()
    if channels is not None:
        replace_channels(session, stock_id, channels)
    log.info("stock_updated", stock_id=stock_id)
    return stock_id


def _checked(session: Session, data: StockData) -> list[Channel] | None:
    """Validate name and channels; answer the channels (None: leave them)."""
    problems: list[Problem] = []
    if is_blank(data.name):
        problems.append(('"%field" can not be empty.', {"field": "name"}))
    given = (
        data.extension_attributes.sales_channels if data.extension_attributes else None
    )
    if given is not None:
        problems += _channel_problems(session, given)
    validation_failed(problems)
    return None if given is None else [(str(c.type), str(c.code)) for c in given]


def _channel_problems(
    session: Session, channels: Sequence[SalesChannelData]
) -> list[Problem]:
    problems: list[Problem] = []
    known = set(session.scalars(select(Website.code).where(Website.website_id != 0)))
    for channel in channels:
        for field in ("type", "code"):
            if is_blank(getattr(channel, field)):
                problems.append(('"%field" can not be empty.', {"field": field}))
        if channel.type == WEBSITE_CHANNEL and channel.code not in known:
            problems.append(
                (
                    'The website with code "%code" does not exist.',
                    {"code": channel.code},
                )
            )
    return problems


def replace_channels(
    session: Session, stock_id: int, channels: Sequence[Channel]
) -> None:
    """Give the stock exactly these channels; a channel moves from its old stock.

    Websites the stock no longer serves go back to the Default Stock, so that
    every website keeps a stock, as in Magento.
    """
    wanted = sorted(set(channels))
    old = channels_of(session, [stock_id]).get(stock_id, [])
    dropped = [c for c in old if c not in wanted and c[0] == WEBSITE_CHANNEL]
    if stock_id == DEFAULT_STOCK_ID:
        wanted, dropped = sorted(set(wanted) | set(dropped)), []

    _detach(session, [*wanted, *dropped])
    session.execute(
        delete(StockSalesChannel).where(StockSalesChannel.stock_id == stock_id)
    )
    _attach(session, stock_id, wanted)
    _attach(session, DEFAULT_STOCK_ID, dropped)


def _detach(session: Session, channels: Sequence[Channel]) -> None:
    for kind, code in channels:
        session.execute(
            delete(StockSalesChannel).where(
                StockSalesChannel.type == kind, StockSalesChannel.code == code
            )
        )


def _attach(session: Session, stock_id: int, channels: Sequence[Channel]) -> None:
    if channels:
        rows = [
            {"type": kind, "code": code, "stock_id": stock_id}
            for kind, code in channels
        ]
        session.execute(insert(StockSalesChannel), rows)


def delete_stock(session: Session, stock_id: int) -> None:
    """Delete a stock that is neither the Default Stock nor serving a channel."""
    stock = session.get(Stock, stock_id)
    if stock is None:
        raise StockToDeleteNotFound(stock_id)
    if stock_id == DEFAULT_STOCK_ID:
        raise StockNotDeletable("Default Stock could not be deleted.")
    if channels_of(session, [stock_id]):
        raise StockNotDeletable(
            "Stock has at least one sale channel and could not be deleted."
        )
    session.execute(delete(StockSourceLink).where(StockSourceLink.stock_id == stock_id))
    session.delete(stock)
    session.flush()
    log.info("stock_deleted", stock_id=stock_id)


def stock_for_channel(session: Session, kind: str, code: str) -> Stock:
    """The stock serving a sales channel (Magento's stock resolver)."""
    stock_id = session.scalar(
        select(StockSalesChannel.stock_id).where(
            StockSalesChannel.type == kind, StockSalesChannel.code == code
        )
    )
    if stock_id is None:
        raise NoLinkedStock()
    return get_stock(session, stock_id)
