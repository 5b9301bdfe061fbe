"""The ASGI entry point uvicorn builds in each worker process."""

from fastapi import FastAPI

from sellable.app import create_app
from sellable.kit.logging import configure_logging
from sellable.kit.settings import Settings


def create() -> FastAPI:
    """The application for the database the environment names.

    A worker process is a fresh interpreter: it sets up the server's logging
    itself (key=value lines), or structlog's development console would print
    every local variable of a failing request, tokens included.
    """
    configure_logging()
    return create_app(Settings())
