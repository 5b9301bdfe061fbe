"""Source selection algorithms on the tutorial's numbers, without a database."""

from decimal import Decimal
from random import Random

from hypothesis import given
from hypothesis import strategies as st

from sellable.inventory.distance import great_circle_km
from sellable.inventory.selection_domain import (
    CandidateRow,
    SourceSelectionItem,
    order_by_distance,
    select_in_order,
)

D = Decimal

# The 2.4 tutorial's stock 2 before the shipments (spec section 8, scenario C).
C_SOURCES = [
    "ne_wh", "west_wh", "brooklyn", "manhattan", "huntington", "berkeley", "sausalito",
    "hq",
]  # fmt: skip
C_ROWS = [
    CandidateRow(code, sku, D(qty))
    for code, sku, qty in [
        ("ne_wh", "24-WB01", 35), ("ne_wh", "24-WB03", 50),
        ("west_wh", "24-WB01", 15), ("west_wh", "24-WB03", 10),
        ("brooklyn", "24-WB01", 10), ("brooklyn", "24-WB03", 0),
        ("manhattan", "24-WB01", 10), ("manhattan", "24-WB03", 0),
        ("huntington", "24-WB01", 10), ("huntington", "24-WB03", 0),
        ("berkeley", "24-WB01", 10), ("berkeley", "24-WB03", 20),
        ("sausalito", "24-WB01", 10), ("sausalito", "24-WB03", 20),
        ("hq", "240-LV06", 9998),
    ]
]  # fmt: skip
C_COORDINATES = {
    "ne_wh": (40.73379, -74.05872),
    "west_wh": (38.01818, -121.31993),
    "brooklyn": (40.71007, -73.95716),
    "huntington": (40.87251, -73.429352),
    "manhattan": (40.7346, -73.99849),
    "berkeley": (37.85585, -122.25246),
    "sausalito": (37.867168, -122.499367),
    "hq": (40.7571, -73.9657),
}
MINEOLA_11501 = (40.7469, -73.6398)
C_ORDER = {"24-WB01": D(40), "24-WB03": D(20)}


def deductions(items: list[SourceSelectionItem]) -> set[tuple[str, str, Decimal]]:
    return {(i.source_code, i.sku, i.qty_to_deduct) for i in items if i.qty_to_deduct}


def test_priority_takes_from_sources_in_link_order() -> None:
    result = select_in_order(C_SOURCES, C_ROWS, C_ORDER)

    assert result.shippable
    assert deductions(result.items) == {
        ("ne_wh", "24-WB01", D(35)),
        ("ne_wh", "24-WB03", D(20)),
        ("west_wh", "24-WB01", D(5)),
    }


def test_layout_keeps_zero_rows_per_source_then_sku_like_magento_2_4() -> None:
    result = select_in_order(C_SOURCES, C_ROWS, C_ORDER)

    assert [(i.source_code, i.sku) for i in result.items][:4] == [
        ("ne_wh", "24-WB01"),
        ("ne_wh", "24-WB03"),
        ("west_wh", "24-WB01"),
        ("west_wh", "24-WB03"),
    ]
    assert len(result.items) == 14
    assert SourceSelectionItem("brooklyn", "24-WB03", D(0), D(0)) in result.items
    assert all(i.source_code != "hq" for i in result.items)


def test_b_priority_covers_backpacks_from_baltimore_then_reno() -> None:
    rows = [
        CandidateRow("baltimore_wh", "24-WB01", D(35)),
        CandidateRow("baltimore_wh", "24-WB03", D(19)),
        CandidateRow("austin_wh", "24-WB01", D(10)),
        CandidateRow("austin_wh", "24-WB03", D(0)),
        CandidateRow("reno_wh", "24-WB01", D(25)),
        CandidateRow("reno_wh", "24-WB03", D(42)),
    ]
    order = ["baltimore_wh", "austin_wh", "reno_wh"]

    result = select_in_order(order, rows, {"24-WB01": D(20), "24-WB03": D(50)})

    assert result.shippable
    assert deductions(result.items) == {
        ("baltimore_wh", "24-WB01", D(20)),
        ("baltimore_wh", "24-WB03", D(19)),
        ("reno_wh", "24-WB03", D(31)),
    }


def test_distance_to_mineola_takes_the_long_island_stores_first() -> None:
    distances = {
        code: great_circle_km(point, MINEOLA_11501)
        for code, point in C_COORDINATES.items()
    }

    order = order_by_distance(C_SOURCES, distances)
    result = select_in_order(order, C_ROWS, C_ORDER)

    assert order[:5] == ["huntington", "brooklyn", "hq", "manhattan", "ne_wh"]
    assert abs(distances["huntington"] - 22.6) < 0.2
    assert abs(distances["ne_wh"] - 35.4) < 0.2
    assert result.shippable
    assert deductions(result.items) == {
        ("huntington", "24-WB01", D(10)),
        ("brooklyn", "24-WB01", D(10)),
        ("manhattan", "24-WB01", D(10)),
        ("ne_wh", "24-WB01", D(10)),
        ("ne_wh", "24-WB03", D(20)),
    }


def test_sources_without_a_distance_go_last_in_their_order() -> None:
    distances: dict[str, float | None] = {"a": None, "b": 5.0, "c": None, "d": 1.0}

    assert order_by_distance(["a", "b", "c", "d"], distances) == ["d", "b", "a", "c"]


def test_not_shippable_when_the_sources_hold_too_little() -> None:
    rows = [CandidateRow("a", "sku", D(3))]

    result = select_in_order(["a"], rows, {"sku": D(5), "other": D(1)})

    assert not result.shippable
    assert result.items == [SourceSelectionItem("a", "sku", D(3), D(3))]


quantities = st.integers(min_value=0, max_value=50).map(Decimal)
row_sets = st.dictionaries(
    st.tuples(st.sampled_from(["s1", "s2", "s3", "s4"]), st.sampled_from(["A", "B"])),
    quantities,
)


@given(rows=row_sets, requested_a=quantities, requested_b=quantities)
def test_deducts_min_of_requested_and_available_never_above_a_row(
    rows: dict[tuple[str, str], Decimal], requested_a: Decimal, requested_b: Decimal
) -> None:
    candidates = [CandidateRow(code, sku, qty) for (code, sku), qty in rows.items()]
    requested = {"A": requested_a, "B": requested_b}

    result = select_in_order(["s1", "s2", "s3", "s4"], candidates, requested)

    for sku, wanted in requested.items():
        available = sum((q for (_, s), q in rows.items() if s == sku), Decimal(0))
        deducted = sum((i.qty_to_deduct for i in result.items if i.sku == sku), D(0))
        assert deducted == min(wanted, available)
    assert all(D(0) <= i.qty_to_deduct <= i.qty_available for i in result.items)
    assert result.shippable == all(
        sum((q for (_, s), q in rows.items() if s == sku), D(0)) >= wanted
        for sku, wanted in requested.items()
    )


def reference_selection(
    source_order: list[str],
    rows: list[CandidateRow],
    requested: dict[str, Decimal],
) -> tuple[list[SourceSelectionItem], bool]:
    """The rule spelled out: each source in order, each requested SKU it holds."""
    still_needed = {sku: max(qty, D(0)) for sku, qty in requested.items()}
    items = []
    for code in source_order:
        for sku in requested:
            row = next((r for r in rows if (r.source_code, r.sku) == (code, sku)), None)
            if row is None:
                continue
            available = max(row.quantity, D(0))
            deduct = min(available, still_needed[sku])
            still_needed[sku] -= deduct
            items.append(SourceSelectionItem(code, sku, deduct, available))
    return items, all(qty <= 0 for qty in still_needed.values())


# Stored quantities have PostgreSQL's scale of 4; callers write any Decimal.
stocks = st.dictionaries(
    st.tuples(st.sampled_from(["s1", "s2", "s3", "s4", "s5"]), st.sampled_from("ABCD")),
    st.integers(min_value=-20, max_value=400).map(
        lambda n: Decimal(n).scaleb(-1).quantize(Decimal("0.0001"))
    ),
)
requests = st.dictionaries(
    st.sampled_from(["A", "B", "C", "D", "never-held"]),
    st.one_of(
        st.integers(min_value=-5, max_value=120).map(Decimal),
        st.decimals(min_value=0, max_value=60, places=2),
    ),
)


@given(
    stock=stocks,
    order=st.lists(st.sampled_from(["s1", "s2", "s3", "s4", "s5"]), unique=True),
    requested=requests,
    shuffle=st.randoms(use_true_random=False),
)
def test_selection_matches_the_rule_spelled_out_on_random_stocks(
    stock: dict[tuple[str, str], Decimal],
    order: list[str],
    requested: dict[str, Decimal],
    shuffle: Random,
) -> None:
    rows = [CandidateRow(code, sku, qty) for (code, sku), qty in stock.items()]
    shuffle.shuffle(rows)

    result = select_in_order(order, rows, requested)

    expected_items, expected_shippable = reference_selection(order, rows, requested)
    assert result.items == expected_items
    assert [str(i.qty_available) for i in result.items] == [
        str(i.qty_available) for i in expected_items
    ]
    assert all(type(i) is SourceSelectionItem for i in result.items)
    assert result.shippable == expected_shippable
