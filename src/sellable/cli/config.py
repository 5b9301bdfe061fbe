"""`config set|get|list`: Magento config paths at default, website or store scope."""

from typing import Annotated

import typer
from rich.table import Table

from sellable.cli.common import console, say, transaction
from sellable.kit.errors import InputError, required_field
from sellable.store import config
from sellable.store.service import config_values

app = typer.Typer(help="Read and write config values.", no_args_is_help=True)


@app.command("set")
def set_value(
    path: str,
    value: str,
    scope: Annotated[
        str, typer.Option(help="default, websites or stores.")
    ] = "default",
    scope_code: Annotated[
        str | None, typer.Option(help="Website or store view code.")
    ] = None,
) -> None:
    """Set PATH to VALUE at one scope."""
    with transaction() as session:
        if scope not in config.SCOPES:
            raise InputError('The "%1" scope is not valid.', [scope])
        if scope != "default" and not scope_code:
            raise required_field("--scope-code")
        scope_id = config.scope_id_for(session, scope, scope_code)
        config.set_value(session, path, value, scope, scope_id)
    say(f"Set {path} = {value} ({scope} {scope_code or 0}).")


@app.command("get")
def get_value(
    path: str,
    store: Annotated[
        str | None, typer.Option(help="Read as this store view sees it.")
    ] = None,
) -> None:
    """Print the value of PATH (store view, then website, then default)."""
    with transaction() as session:
        store_id = config.scope_id_for(session, "stores", store) if store else None
        value = config.get_value(session, path, store_id)
    say("" if value is None else value)


@app.command("list")
def list_values() -> None:
    """List every stored config value."""
    with transaction() as session:
        rows = config_values(session)
        table = Table("scope", "code", "path", "value")
        for row, code in rows:
            table.add_row(row.scope, code, row.path, row.value or "")
    console.print(table)
