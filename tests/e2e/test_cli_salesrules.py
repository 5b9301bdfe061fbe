"""`sellable sales-rule list|enable|disable`."""

from sqlalchemy.orm import Session, sessionmaker

from sellable.salesrule.models import SalesRule
from tests.conftest import CliRun


def _active(open_session: sessionmaker[Session], rule_id: int) -> bool:
    with open_session() as session:
        rule = session.get(SalesRule, rule_id)
        assert rule is not None
        return rule.is_active


def test_sales_rule_list_shows_lumas_rules(cli: CliRun) -> None:
    output = cli("sales-rule", "list").output

    first_cells = [line.strip("│ ").split(" ")[0] for line in output.splitlines()]
    assert {"1", "2", "3", "4"} <= set(first_cells)
    assert "H20" in output


def test_sales_rule_disable_then_enable(
    cli: CliRun, open_session: sessionmaker[Session]
) -> None:
    disabled = cli("sales-rule", "disable", "2")
    assert disabled.output.strip() == "Disabled cart price rule 2."
    assert _active(open_session, 2) is False

    cli("sales-rule", "enable", "2")

    assert _active(open_session, 2) is True


def test_sales_rule_disable_of_an_unknown_rule_is_one_line(cli: CliRun) -> None:
    result = cli("sales-rule", "disable", "99", expect_exit=1)

    assert result.output.startswith("Error: ")
    assert len(result.output.strip().splitlines()) == 1
