"""select_sources on random stocks, on both databases.

On PostgreSQL select_sources reads through the driver's own cursor (unsorted
rows, quantities as text); this holds it to the domain fed with rows loaded
through the ORM, on stocks Hypothesis makes up.
"""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from sellable.inventory.models import Source, SourceItem, Stock, StockSourceLink
from sellable.inventory.selection_domain import CandidateRow, select_in_order
from sellable.inventory.source_selection import SourceSelectionResult, select_sources

CODES = ["rs-a", "rs-b", "rs-c", "rs-d", "rs-e"]
# The fourth SKU needs quoting inside a PostgreSQL array literal; the last one
# holds the separator of the packed read, so its requests take the plain rows.
SKUS = ["RS-1", "RS-2", "RS-3", 'RS 4, "{x}" \\', "RS\x1f5"]

# Per source: enabled or not, linked to the stock under test, to another
# stock or to none, and a link priority (ties break by link id).
SourceSetup = tuple[bool, str, int]
source_setups = st.lists(
    st.tuples(
        st.booleans(),
        st.sampled_from(["this", "this", "other", "none"]),
        st.integers(min_value=1, max_value=3),
    ),
    min_size=len(CODES),
    max_size=len(CODES),
)
# (source, sku) -> (quantity, status); a negative quantity holds nothing.
SourceItems = dict[tuple[str, str], tuple[Decimal, int]]
source_items = st.dictionaries(
    st.tuples(st.sampled_from(CODES), st.sampled_from(SKUS)),
    st.tuples(
        st.integers(min_value=-30, max_value=400).map(lambda n: Decimal(n).scaleb(-1)),
        st.sampled_from([1, 1, 0]),
    ),
)
requests = st.dictionaries(
    st.sampled_from([*SKUS, "RS-never"]),
    st.integers(min_value=0, max_value=60).map(Decimal),
    min_size=1,
)


def add_stock(session: Session, setups: list[SourceSetup], items: SourceItems) -> int:
    """The stock under test and another one, with the sources and their items."""
    stocks = {"this": Stock(name="Random stock"), "other": Stock(name="Other stock")}
    session.add_all(stocks.values())
    session.flush()
    for code, (enabled, linked_to, priority) in zip(CODES, setups, strict=True):
        session.add(
            Source(
                source_code=code,
                name=code,
                enabled=enabled,
                country_id="US",
                postcode="11501",
            )
        )
        if linked_to in stocks:
            stock_id = stocks[linked_to].stock_id
            session.add(
                StockSourceLink(stock_id=stock_id, source_code=code, priority=priority)
            )
        session.flush()
    for (code, sku), (quantity, status) in items.items():
        session.add(
            SourceItem(source_code=code, sku=sku, quantity=quantity, status=status)
        )
    session.flush()
    return stocks["this"].stock_id


def selection_through_the_orm(
    session: Session, stock_id: int, requested: dict[str, Decimal]
) -> SourceSelectionResult:
    """The domain on rows loaded plainly: links in order, then every item."""
    session.expire_all()  # quantities as stored, at the column's scale
    links = session.scalars(
        select(StockSourceLink)
        .where(StockSourceLink.stock_id == stock_id)
        .order_by(StockSourceLink.priority, StockSourceLink.link_id)
    )
    order = [
        link.source_code
        for link in links
        if session.get_one(Source, link.source_code).enabled
    ]
    rows = [
        CandidateRow(item.source_code, item.sku, item.quantity)
        for item in session.scalars(select(SourceItem))
        if item.status == 1 and item.sku in requested
    ]
    return select_in_order(order, rows, requested)


def layout(result: SourceSelectionResult) -> list[tuple[str, str, Decimal, str]]:
    """The items, each available quantity as written (its scale too)."""
    return [
        (i.source_code, i.sku, i.qty_to_deduct, str(i.qty_available))
        for i in result.items
    ]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(setups=source_setups, items=source_items, requested=requests)
def test_select_sources_matches_the_domain_on_orm_rows(
    session: Session,
    setups: list[SourceSetup],
    items: SourceItems,
    requested: dict[str, Decimal],
) -> None:
    # One savepoint per example: each starts from the bootstrapped database.
    savepoint = session.begin_nested()
    try:
        stock_id = add_stock(session, setups, items)

        result = select_sources(session, stock_id, requested, "priority")

        expected = selection_through_the_orm(session, stock_id, requested)
        assert layout(result) == layout(expected)
        assert result.shippable == expected.shippable
    finally:
        savepoint.rollback()
