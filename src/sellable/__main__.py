"""`python -m sellable` is the `sellable` command."""

from sellable.cli import app

app(prog_name="sellable")
