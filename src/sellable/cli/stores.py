"""`website`, `store-group`, `store-view` and `store list`: the store hierarchy."""

from typing import Annotated

import typer
from rich.table import Table
from rich.tree import Tree

from sellable.cli.common import console, say, transaction
from sellable.store import service

websites = typer.Typer(help="Websites.", no_args_is_help=True)
groups = typer.Typer(help="Store groups (Magento's stores).", no_args_is_help=True)
views = typer.Typer(help="Store views.", no_args_is_help=True)
stores = typer.Typer(help="The whole store hierarchy.", no_args_is_help=True)


@websites.command("create")
def create_website(code: str, name: str) -> None:
    """Create a website and print its id."""
    with transaction() as session:
        website = service.create_website(session, code, name)
    say(f"Created website {code}: id {website.website_id}")


@websites.command("list")
def list_websites() -> None:
    """List the websites."""
    table = Table("id", "code", "name", "default group")
    with transaction() as session:
        for node in service.store_tree(session):
            website = node.website
            table.add_row(
                str(website.website_id),
                website.code,
                website.name,
                str(website.default_group_id),
            )
    console.print(table)


@groups.command("create")
def create_store_group(
    code: str,
    name: str,
    website: Annotated[str, typer.Option(help="Code of the website.")],
    root_category: Annotated[
        str | None, typer.Option(help='Root category, e.g. "Default Category".')
    ] = None,
) -> None:
    """Create a store group in a website and print its id."""
    with transaction() as session:
        group = service.create_store_group(session, code, name, website, root_category)
    say(f"Created store group {code}: id {group.group_id}")


@views.command("create")
def create_store_view(
    code: str,
    name: str,
    store_group: Annotated[str, typer.Option(help="Code of the store group.")],
    active: Annotated[bool, typer.Option("--active/--inactive")] = True,
) -> None:
    """Create a store view in a store group and print its id."""
    with transaction() as session:
        view = service.create_store_view(session, code, name, store_group, active)
    say(f"Created store view {code}: id {view.store_id}")


@stores.command("list")
def list_stores() -> None:
    """Show websites > store groups > store views, with ids and codes."""
    with transaction() as session:
        tree = Tree("[bold]stores[/bold]")
        for node in service.store_tree(session):
            website = node.website
            branch = tree.add(_label("website", website.website_id, website.code))
            for group_node in node.groups:
                group = group_node.group
                leaf = branch.add(_label("group", group.group_id, group.code))
                for view in group_node.views:
                    state = "" if view.is_active else " (inactive)"
                    label = _label("view", view.store_id, view.code)
                    leaf.add(label + state)
    console.print(tree)


def _label(kind: str, entity_id: int, code: str) -> str:
    return f"{kind} {entity_id} {code}"
