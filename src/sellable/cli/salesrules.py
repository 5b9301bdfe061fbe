"""`sales-rule list|enable|disable`: cart price rules."""

import typer
from rich.table import Table

from sellable.cli.common import console, say, transaction
from sellable.kit.search_criteria import SearchCriteria
from sellable.salesrule.service import search_rules, set_active

app = typer.Typer(help="Cart price rules.", no_args_is_help=True)


@app.command("list")
def list_rules() -> None:
    """List the cart price rules."""
    table = Table("id", "name", "active", "action", "amount", "coupon", "websites")
    with transaction() as session:
        rules, _total = search_rules(session, SearchCriteria())
        for rule in rules:
            table.add_row(
                str(rule.rule_id),
                rule.name,
                "yes" if rule.is_active else "no",
                rule.simple_action,
                str(rule.discount_amount),
                rule.coupon_code or "",
                ",".join(str(link.website_id) for link in rule.websites),
            )
    console.print(table)


@app.command("enable")
def enable(rule_id: int) -> None:
    """Switch a rule on."""
    with transaction() as session:
        set_active(session, rule_id, True)
    say(f"Enabled cart price rule {rule_id}.")


@app.command("disable")
def disable(rule_id: int) -> None:
    """Switch a rule off."""
    with transaction() as session:
        set_active(session, rule_id, False)
    say(f"Disabled cart price rule {rule_id}.")
