"""`sellable ledger check|repair|cleanup` against a real database."""

import json
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from sellable.inventory.domain import ReservationEntry, order_metadata
from sellable.inventory.ledger import append_reservations
from sellable.inventory.models import Reservation
from sellable.kit.database import unit_of_work
from sellable.sales.cancellation import cancel_order
from tests.conftest import CliRun
from tests.integration.sales_factory import install_inventory, place_order

D = Decimal


def _stray_hold(factory: sessionmaker[Session]) -> tuple[str, int]:
    """An order whose bag line holds 3 more than it should."""
    stock_id = install_inventory(factory)
    order = place_order(factory, stock_id)
    metadata = order_metadata("order_placed", order.order_id, order.increment_id)
    with unit_of_work(factory) as session:
        append_reservations(
            session, [ReservationEntry(stock_id, "24-WB01", D(-3), metadata)]
        )
    return f"{order.increment_id}:24-WB01:3.000000:{stock_id}", order.order_id


def test_check_prints_magentos_line_and_repair_makes_it_clean(
    cli: CliRun, open_session: sessionmaker[Session]
) -> None:
    line, _ = _stray_hold(open_session)

    raw = cli("ledger", "check", "--raw", expect_exit=2)
    readable = cli("ledger", "check", expect_exit=2)
    as_json = json.loads(cli("ledger", "check", "--json", expect_exit=2).output)
    final_only = cli("ledger", "check", "--raw", "--complete-orders", expect_exit=0)
    repaired = cli("ledger", "repair")
    after = cli("ledger", "check")

    assert raw.output.splitlines() == [line]
    assert "holds -43.0000, should hold -40.0000" in readable.output
    assert as_json["inconsistencies"][0]["compensation"] == "3.0000"
    assert final_only.output == ""
    assert repaired.output.splitlines() == [
        line,
        "Appended 1 compensating reservation(s).",
    ]
    assert after.output.strip() == "No order inconsistencies were found."


def test_cleanup_removes_a_canceled_orders_zero_sum_sets(
    cli: CliRun, open_session: sessionmaker[Session]
) -> None:
    _, order_id = _stray_hold(open_session)
    cli("ledger", "repair")
    with unit_of_work(open_session) as session:
        cancel_order(session, order_id)

    result = cli("ledger", "cleanup")

    assert result.output.strip() == "Removed 8 reservation(s) of 1 final order(s)."
    with open_session() as session:
        assert session.scalar(select(func.count()).select_from(Reservation)) == 0
    cli("ledger", "check")


def test_repair_of_named_lines_compensates_them_once(
    cli: CliRun, open_session: sessionmaker[Session]
) -> None:
    line, _ = _stray_hold(open_session)

    first = cli("ledger", "repair", line)
    again = cli("ledger", "repair", line, expect_exit=1)

    assert first.output.splitlines()[-1] == "Appended 1 compensating reservation(s)."
    assert again.output.strip() == f"Error: not a current inconsistency: {line}"
    cli("ledger", "check")
