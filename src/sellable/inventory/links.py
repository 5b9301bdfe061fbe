"""Which sources feed which stock, and in what priority."""

from collections.abc import Sequence

from sqlalchemy import delete, select, tuple_
from sqlalchemy.orm import Session

from sellable.inventory.domain import (
    DEFAULT_SOURCE_CODE,
    DEFAULT_STOCK_ID,
    Problem,
    is_blank,
)
from sellable.inventory.errors import InputDataEmpty, validation_failed
from sellable.inventory.models import Source, Stock, StockSourceLink
from sellable.inventory.schemas import LinkData
from sellable.kit.errors import InputError
from sellable.kit.logging import get_logger
from sellable.kit.search_criteria import SearchCriteria, search

log = get_logger(__name__)

LINK_COLUMNS = {
    "stock_id": StockSourceLink.stock_id,
    "source_code": StockSourceLink.source_code,
    "priority": StockSourceLink.priority,
}
DEFAULT_LINK = (DEFAULT_STOCK_ID, DEFAULT_SOURCE_CODE)


def list_links(
    session: Session, criteria: SearchCriteria
) -> tuple[list[StockSourceLink], int]:
    stmt = select(StockSourceLink)
    return search(session, stmt, criteria, LINK_COLUMNS, StockSourceLink.link_id)


def sources_by_priority(session: Session, stock_id: int) -> list[Source]:
    """The stock's sources, highest priority (lowest number) first."""
    return list(
        session.scalars(
            select(Source)
            .join(StockSourceLink, StockSourceLink.source_code == Source.source_code)
            .where(StockSourceLink.stock_id == stock_id)
            .order_by(StockSourceLink.priority, StockSourceLink.link_id)
        )
    )


def save_links(session: Session, links: Sequence[LinkData]) -> None:
    """Link sources to stocks, or change the priority of existing links."""
    if not links:
        raise InputDataEmpty()
    validation_failed(_link_problems(session, links))
    wanted = {(link.stock_id, link.source_code): link.priority for link in links}
    for (stock_id, source_code), priority in sorted(wanted.items()):
        _upsert(session, int(stock_id or 0), str(source_code), int(priority or 0))
    session.flush()
    log.info("stock_source_links_saved", count=len(wanted))


def _upsert(session: Session, stock_id: int, source_code: str, priority: int) -> None:
    link = session.scalar(
        select(StockSourceLink).where(
            StockSourceLink.stock_id == stock_id,
            StockSourceLink.source_code == source_code,
        )
    )
    if link is None:
        session.add(
            StockSourceLink(
                stock_id=stock_id, source_code=source_code, priority=priority
            )
        )
    else:
        link.priority = priority


def _link_problems(session: Session, links: Sequence[LinkData]) -> list[Problem]:
    problems: list[Problem] = []
    for link in links:
        problems += _field_problems(link)
        key = (link.stock_id, link.source_code)
        touches_default = (
            link.stock_id == DEFAULT_STOCK_ID or link.source_code == DEFAULT_SOURCE_CODE
        )
        if touches_default and key != DEFAULT_LINK:
            problems.append(
                ("Can not save link related to Default Source or Default Stock", {})
            )
    return problems + _unknown_problems(session, links)


def _field_problems(link: LinkData) -> list[Problem]:
    problems: list[Problem] = []
    if is_blank(link.source_code):
        problems.append(('"%field" can not be empty.', {"field": "source_code"}))
    elif any(char.isspace() for char in str(link.source_code)):
        problems.append(
            ('"%field" can not contain whitespaces.', {"field": "source_code"})
        )
    if link.stock_id is None:
        problems.append(('"%field" can not be empty.', {"field": "stock_id"}))
    if (link.priority or 0) <= 0:
        problems.append(('"%field" should be greater then 0.', {"field": "priority"}))
    return problems


def _unknown_problems(session: Session, links: Sequence[LinkData]) -> list[Problem]:
    codes = {link.source_code for link in links if link.source_code}
    stock_ids = {link.stock_id for link in links if link.stock_id is not None}
    known_codes = set(
        session.scalars(select(Source.source_code).where(Source.source_code.in_(codes)))
    )
    known_ids = set(
        session.scalars(select(Stock.stock_id).where(Stock.stock_id.in_(stock_ids)))
    )
    problems: list[Problem] = [
        ('Source with code "%value" does not exist.', {"value": code})
        for code in sorted(codes - known_codes)
    ]
    problems += [
        ('Stock with id "%value" does not exist.', {"value": stock_id})
        for stock_id in sorted(stock_ids - known_ids)
    ]
    return problems


def delete_links(session: Session, links: Sequence[LinkData]) -> None:
    """Unlink sources from stocks; the Default Stock's link stays."""
    if not links:
        raise InputDataEmpty()
    for link in links:
        if link.stock_id == DEFAULT_STOCK_ID or link.source_code == DEFAULT_SOURCE_CODE:
            raise InputError(
                "Can not delete link related to Default Source or Default Stock"
            )
    keys = [(link.stock_id, link.source_code) for link in links]
    session.execute(
        delete(StockSourceLink).where(
            tuple_(StockSourceLink.stock_id, StockSourceLink.source_code).in_(keys)
        )
    )
    log.info("stock_source_links_deleted", count=len(keys))
