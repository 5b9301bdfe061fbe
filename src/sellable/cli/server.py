"""`serve`, `migrate` and `bootstrap`: bring a database up and run the service."""

from typing import Annotated

import typer
import uvicorn

from sellable.bootstrap import BootstrapReport, bootstrap
from sellable.cli.common import fail, load_settings, prepare_data_dir, say, transaction
from sellable.cli.workers import PortTaken, require_free_port, serve_workers
from sellable.kit import migrations
from sellable.kit.settings import Settings


def serve(
    host: Annotated[str | None, typer.Option(help="Overrides SELLABLE_HOST.")] = None,
    port: Annotated[int | None, typer.Option(help="Overrides SELLABLE_PORT.")] = None,
    workers: Annotated[
        int | None, typer.Option(help="Overrides SELLABLE_WORKERS.")
    ] = None,
) -> None:
    """Migrate, bootstrap, then serve the REST API with uvicorn."""
    settings = load_settings()
    options = {
        "app": "sellable.asgi:create",
        "factory": True,
        "host": host or settings.host,
        "port": port or settings.port,
    }
    # Before anything is created: a refused server must leave no trace.
    try:
        require_free_port(options["host"], options["port"])
    except PortTaken as error:
        fail(str(error))
    _upgrade(settings)
    _bootstrap(settings)
    count = workers or settings.workers
    if count <= 1:
        uvicorn.run(**options)
        return
    raise typer.Exit(serve_workers(options, count))


def migrate() -> None:
    """Bring the database schema up to date (Alembic)."""
    settings = load_settings()
    _upgrade(settings)
    say("Database schema is up to date.")


def bootstrap_command() -> None:
    """Create the default scope, the admin user and the sample data if missing."""
    report = _bootstrap(load_settings())
    if not (report.created_scope or report.admin_password):
        say("Nothing to do: the database is already bootstrapped.")


def _upgrade(settings: Settings) -> None:
    prepare_data_dir(settings)
    try:
        migrations.upgrade(settings.resolved_database_url)
    except Exception as error:  # noqa: BLE001 - report, never a traceback
        fail(f"migration failed: {str(error).strip().splitlines()[0]}")


def _bootstrap(settings: Settings) -> BootstrapReport:
    with transaction(settings) as session:
        report = bootstrap(session, settings)
    if report.created_scope:
        say("Created the default website, store and inventory.")
    if report.installed_sample_data:
        say("Installed the sample data.")
    if report.admin_password:
        _announce_password(settings.admin_user, report.admin_password)
    return report


def _announce_password(username: str, password: str) -> None:
    say("")
    say(f"Admin user created: {username}")
    say(f"Admin password: {password}")
    say("It is shown only this once; set SELLABLE_ADMIN_PASSWORD to choose it.")
    say("")
