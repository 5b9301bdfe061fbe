"""`product assign-websites`: make products sellable on websites."""

from typing import Annotated

import typer

from sellable.catalog.service import assign_websites
from sellable.cli.common import say, transaction

app = typer.Typer(help="Products.", no_args_is_help=True)


@app.command("assign-websites")
def assign(
    skus: Annotated[list[str], typer.Argument(help="Product SKUs.")],
    website: Annotated[
        list[str], typer.Option("--website", help="Website code (repeatable).")
    ],
) -> None:
    """Add each SKU to each website."""
    with transaction() as session:
        assign_websites(session, skus, website)
    say(f"Assigned {', '.join(skus)} to {', '.join(website)}.")
