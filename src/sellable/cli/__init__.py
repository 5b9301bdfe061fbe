"""The `sellable` command line: one transaction per command, errors as one line."""

import typer

from sellable.cli import (
    catalog,
    config,
    ledger,
    maintenance,
    salesrules,
    server,
    source_items,
    stores,
)
from sellable.cli.common import configure_command_logging

app = typer.Typer(
    name="sellable",
    help="Order processing and multi-source inventory, Magento REST compatible.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)


@app.callback()
def main(context: typer.Context) -> None:
    """Configure logging once for the command that runs."""
    configure_command_logging(serving=context.invoked_subcommand == "serve")


app.command("serve")(server.serve)
app.command("migrate")(server.migrate)
app.command("bootstrap")(server.bootstrap_command)
app.add_typer(config.app, name="config")
app.add_typer(stores.websites, name="website")
app.add_typer(stores.groups, name="store-group")
app.add_typer(stores.views, name="store-view")
app.add_typer(stores.stores, name="store")
app.add_typer(catalog.app, name="product")
app.add_typer(source_items.app, name="source-item")
app.add_typer(salesrules.app, name="sales-rule")
app.add_typer(maintenance.sample_data, name="sample-data")
app.add_typer(maintenance.geonames, name="geonames")
app.add_typer(maintenance.indexer, name="indexer")
app.add_typer(maintenance.cache, name="cache")
app.add_typer(maintenance.outbox, name="outbox")
app.add_typer(ledger.app, name="ledger")
