"""Sample data, geonames, the outbox, and Magento's indexer and cache commands."""

import typer

from sellable.cli.common import load_settings, prepare_data_dir, say, transaction
from sellable.inventory.geonames import import_geonames
from sellable.kit.database import make_engine, make_session_factory
from sellable.mail.outbox import deliver_due
from sellable.mail.transport import transport_for
from sellable.sampledata import install_sample_data

sample_data = typer.Typer(help="The tutorial's sample data.", no_args_is_help=True)
geonames = typer.Typer(help="Offline postcode geocodes.", no_args_is_help=True)
indexer = typer.Typer(help="Magento's indexer (a no-op).", no_args_is_help=True)
cache = typer.Typer(help="Magento's cache (a no-op).", no_args_is_help=True)
outbox = typer.Typer(help="The mail outbox.", no_args_is_help=True)


@sample_data.command("install")
def install() -> None:
    """Install three products with stock and Luma's cart price rules."""
    with transaction() as session:
        install_sample_data(session)
    say("Installed the sample data.")


@geonames.command("import")
def import_country(country: str) -> None:
    """Import the postcodes of COUNTRY (e.g. us) for distance-based selection."""
    with transaction() as session:
        count = import_geonames(session, country)
    say(f"Imported {count} geonames for {country.upper()}.")


@indexer.command("reindex")
def reindex() -> None:
    """Nothing to do: sellable keeps its indexes in step itself."""
    say("Nothing to reindex: sellable keeps its indexes in step itself.")


@cache.command("flush")
def flush() -> None:
    """Nothing to do: sellable keeps its caches in step itself."""
    say("Nothing to flush: sellable keeps its caches in step itself.")


@outbox.command("drain")
def drain() -> None:
    """Send every message that is due now (SMTP, or .eml files in the data dir)."""
    settings = load_settings()
    prepare_data_dir(settings)
    engine = make_engine(settings.resolved_database_url)
    try:
        sent = deliver_due(
            make_session_factory(engine), transport_for(settings), 10_000
        )
    finally:
        engine.dispose()
    say(f"Sent {sent} message(s).")
