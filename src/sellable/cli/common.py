"""What every command shares: settings, one transaction, errors as one line."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import structlog
import typer
from pydantic import ValidationError
from rich.console import Console
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from sellable.kit.database import make_engine, make_session_factory, unit_of_work
from sellable.kit.errors import SellableError
from sellable.kit.logging import configure_logging
from sellable.kit.settings import Settings

console = Console(soft_wrap=True)


def fail(message: str) -> NoReturn:
    """Print one line to stderr and leave with exit code 1."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(1)


def say(message: str) -> None:
    typer.echo(message)


def load_settings() -> Settings:
    """The settings from SELLABLE_* variables, or a one-line error."""
    try:
        return Settings()
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "settings"
        fail(f"invalid setting {where}: {first['msg']}")


def prepare_data_dir(settings: Settings) -> None:
    """The SQLite file and the mail files live here."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)


@contextmanager
def transaction(settings: Settings | None = None) -> Iterator[Session]:
    """One unit of work against the configured database; errors become one line."""
    settings = settings or load_settings()
    prepare_data_dir(settings)
    engine = make_engine(settings.resolved_database_url)
    try:
        with unit_of_work(make_session_factory(engine)) as session:
            yield session
    except SellableError as error:
        fail(error.rendered())
    except DBAPIError as error:
        fail(f"database error: {_first_line(error.orig)}")
    finally:
        engine.dispose()


def _first_line(error: BaseException | None) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def configure_command_logging(serving: bool) -> None:
    """Once per process: full logs for the server, warnings only otherwise."""
    if serving:
        configure_logging()
        return
    structlog.configure(
        processors=[
            structlog.processors.add_log_level,
            structlog.processors.KeyValueRenderer(key_order=["level", "event"]),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING),
        logger_factory=structlog.stdlib.LoggerFactory(),
    )
